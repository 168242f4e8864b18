"""The search index's reading of a page, for well-formed HTML, without html.parser.

Material's search plugin divides every page's HTML into sections (one per heading with an
id) with a subclass of html.parser.HTMLParser, and takes each section's title and text from
it. That reading was 70 % of MkDocs' own time on a large site (benchmarks/results.md):
html.parser tokenises in Python a tag at a time, and the plugin's handlers compare sets of
elements at every tag and every piece of text.

sections() does the same reading in one regular-expression pass, with the plugin's own rules
(Material 9.8.2, `material/plugins/search/plugin.py`, class Parser), for the HTML this
project's templates write: tags with double-quoted attributes, text, simple comments. It
gives the same sections, with the same title and text pieces, in the same order; whatever is
outside that subset (a script, style or object element, a title or textarea with markup
inside, an element the plugin skips or treats as a permalink, a comment or tag of any other
shape, a stray `<`) makes it return
None, and the page is read by the plugin's own parser as before. tests/test_search_sections.py
compares the two on every page of the real data and on generated HTML.

The preview reads each page a piece at a time (read_in_pieces: a table row, a list item, a
heading) and keeps what it read of each piece: a save rewrites the large comparison pages, but
changes only the rows that name the organisation saved. A piece's reading is kept with what it
depends on where it starts (read_alone); a piece whose reading would look further back is read
on from where the reading is, as one page.

The rules, as the plugin applies them:
- a heading h1-h6 with an id starts a section at the depth of the element stack; the first
  section has no id; a heading other than h1 before any section opens an untitled one first;
  text before any heading goes to an untitled section;
- when an element closes above the current section's depth, text goes back to the last
  section at or above that depth;
- text inside an element with the section heading's tag is the title, other text the text;
  p, code, pre, li, ol, ul, sub and sup are kept as bare tags, and a kept element whose
  content is only whitespace is dropped again;
- outside pre, a piece of text that is all whitespace becomes one space and line breaks in
  other text become spaces; whitespace after whitespace is dropped; text is HTML-escaped
  (without quotes), after character references are read, as html.parser reads them;
- an end tag that does not close the innermost open element is ignored; void elements are
  never open.
"""

from __future__ import annotations

import functools
import itertools
import re
from html import escape, unescape
from typing import NamedTuple

from ..input.kept import KeptWhileUsed

# Elements the plugin never opens (its `void` set).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
# Elements the plugin keeps as bare tags in titles and texts (its `keep` set).
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# What the fast reading leaves to the plugin's parser: elements it skips (script, style, object)
# or whose content html.parser reads raw in some Python version (xmp, iframe and the like), and
# the attributes and classes its rules look at (an excluded block, code line numbers, a heading's
# permalink), or a class whose value has a character reference (it could spell one of them).
# They are looked for in the lower-cased page, as html.parser lowers tag and attribute names: a
# case-insensitive regular expression with these alternatives took half the reading's time.
_UNSUPPORTED_ELEMENTS = re.compile(
    r"<(?:script|style|object|xmp|iframe|noembed|noframes|noscript|plaintext)(?![a-z0-9-])")
_UNSUPPORTED_WORDS = ("data-search-exclude", "linenodiv", "headerlink")
_CLASS_WITH_REFERENCE = re.compile(r'\sclass="[^"]*&')
# A title (an SVG's) or textarea is read as text in newer Pythons and as markup in older ones:
# the same either way when it holds no tag, as the project's do.
_RAW_TEXT_START = re.compile(r"<(?:title|textarea)(?![a-zA-Z0-9-])", re.IGNORECASE)
_RAW_TEXT_PLAIN = re.compile(r"<(title|textarea)(?:\s[^<>]*)?>[^<]*</\1\s*>", re.IGNORECASE)

_TOKEN = re.compile(
    r'<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(/?)>'  # 1 start tag, 2 attrs, 3 "/"
    r"|</([a-zA-Z][a-zA-Z0-9-]*)\s*>"  # 4 end tag
    r"|<!--(?:[^<>-]|-(?!-))*-->"  # a comment (the plugin ignores comments)
    r"|([^<]+)"  # 5 text
    r"|(<)")  # 6 anything else
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')


class Heading:
    """The element a section starts with (the plugin's Element): its tag and attributes."""

    __slots__ = ("attrs", "tag")

    def __init__(self, tag: str, attrs: dict | None = None) -> None:
        self.tag = tag
        self.attrs = attrs or {}

    def is_excluded(self) -> bool:
        return "data-search-exclude" in self.attrs


class Section:
    """A heading's section: what the plugin's create_entry_for_section reads (id, title, text)."""

    __slots__ = ("depth", "el", "id", "text", "title")

    def __init__(self, el: Heading, depth: float = 0) -> None:
        self.el = el
        self.depth = depth
        self.text: list[str] = []
        self.title: list[str] = []
        self.id: str | None = None

    def is_excluded(self) -> bool:
        return self.el.is_excluded()

    def copy(self) -> Section:
        """A section of its own with the same heading, depth, id and pieces (the plugin adds a title)."""
        section = Section(self.el, self.depth)
        section.id, section.title, section.text = self.id, list(self.title), list(self.text)
        return section


def _attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes as html.parser gives them: names in lower case, values unescaped,
    None for an attribute without a value; a repeated name keeps its last value."""
    attributes: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        attributes[match.group(1).lower()] = unescape(value) if value else value
    return attributes


def sections(html: str, kept: KeptWhileUsed[Piece | str] | None = None) -> list[Section] | None:
    """The page's search sections as Material's parser finds them, or None: left to that parser.
    kept: in the preview, what earlier readings made of each piece of a page (read_in_pieces)."""
    lowered = html.lower()
    if (_UNSUPPORTED_ELEMENTS.search(lowered) or any(word in lowered for word in _UNSUPPORTED_WORDS)
            or _CLASS_WITH_REFERENCE.search(lowered)):
        return None
    if len(_RAW_TEXT_START.findall(html)) != len(_RAW_TEXT_PLAIN.findall(html)):
        return None
    if kept is not None:
        return read_in_pieces(html, kept)
    reading = Reading()
    return reading.found if _read(html, reading) == _READ else None


class Reading:
    """Where a reading of a page is: what the plugin's parser holds between two tokens."""

    __slots__ = ("context", "found", "open_count", "section")

    def __init__(self, section: Section | None = None, context: tuple[str, ...] = ()) -> None:
        self.found: list[Section] = [section] if section else []
        self.section = section  # the current section: the text read goes to it
        self.context: list[str] = []  # the open elements' tags, innermost last
        self.open_count: dict[str, int] = {}  # how many elements of each tag are open
        self.open(context)

    def open(self, context: tuple[str, ...]) -> None:
        """Have exactly these elements open (context: their tags, innermost last)."""
        self.context[:] = context
        self.open_count.clear()
        for tag in context:
            self.open_count[tag] = self.open_count.get(tag, 0) + 1


_READ, _DECLINED, _NOT_ALONE = "read", "declined", "not alone"


def _read(html: str, reading: Reading, alone: Section | None = None) -> str:
    """Read html's tokens on from where reading is (the plugin's rules: see above). _DECLINED: the
    page is left to the plugin's parser. alone: a stand-in for the section current before html,
    whose pieces and earlier sections the reading does not know (read_in_pieces); _NOT_ALONE when
    the plugin's rules would look at them."""
    found, section, context, open_count = reading.found, reading.section, reading.context, reading.open_count
    title_tag = section.el.tag if section else "hx"  # text inside an element with that tag is the title
    for tag, attrs, closed, end_tag, text, stray in _TOKEN.findall(html):
        if text:
            if "&" in text:
                text = unescape(text)
            in_pre = open_count.get("pre")
            if not in_pre:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section(Heading("hx"))
                found.append(section)
                title_tag = "hx"
            if open_count.get(title_tag):
                section.title.append(_escape(text))
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or in_pre:
                    section.text.append(text)
            else:
                section.text.append(_escape(text))
            continue
        if tag:
            tag = tag.lower()
            if tag in _VOID:
                continue  # never opened; its end tag, if any, closes nothing
            context.append(tag)
            open_count[tag] = open_count.get(tag, 0) + 1
            if attrs and tag in _HEADINGS:
                attributes = _attributes(attrs)
                if "id" in attributes:
                    depth = len(context)
                    if tag != "h1" and not found:
                        found.append(Section(Heading("hx"), depth))
                    section = Section(Heading(tag, attributes), depth)
                    if found:
                        section.id = attributes["id"]
                    found.append(section)
                    title_tag = tag
            if section is None:
                section = Section(Heading("hx"))
                found.append(section)
                title_tag = "hx"
            if tag in _KEEP:
                (section.title if open_count.get(title_tag) else section.text).append(f"<{tag}>")
            if not closed:
                continue
            end_tag = tag  # `<x/>`: html.parser reports a start and an end tag
        elif end_tag:
            end_tag = end_tag.lower()
        elif stray:
            return _DECLINED
        else:
            continue  # a comment
        if not context or context[-1] != end_tag:
            continue
        assert section is not None  # an element is open, so a section was started
        if section.depth > len(context):
            for earlier in reversed(found):
                if earlier is alone:
                    return _NOT_ALONE  # the section to go back to is one read before
                if earlier.depth <= len(context):
                    section.depth = float("inf")  # left: never returned to
                    section = earlier
                    title_tag = earlier.el.tag
                    break
        context.pop()
        open_count[end_tag] -= 1
        if end_tag in _KEEP:
            pieces = section.title if open_count.get(title_tag) else section.text
            try:
                index = pieces.index(f"<{end_tag}>")  # the first one, as the plugin looks it up
            except ValueError:
                # the plugin's parser raises here: let it (unless the tag was among the pieces read before)
                return _NOT_ALONE if section is alone else _DECLINED
            for later in range(index + 1, len(pieces)):
                if not pieces[later].isspace():
                    pieces.append(f"</{end_tag}>")
                    break
            else:  # only whitespace since it opened: dropped with it
                if section is alone:
                    return _NOT_ALONE  # since the first such tag, which may be among the pieces read before
                del pieces[index:]
    reading.section = section
    return _READ


# Where a page is cut into pieces for read_in_pieces: before a table row, a list item or a heading,
# and around the end tag of a list or a section. A save changes the rows and items that name the
# organisation saved, not the rest of a comparison page. The end of a list looks for its start
# among the current section's pieces, the end of a section goes back to the section before: only
# a reading of everything before them knows, so they are read on their own.
_PIECE_START = re.compile(r"<(?:tr|li|h[1-6])[\s>]")
_BLOCK_END = re.compile(r"</(?:ul|ol|section)>")


def _pieces(html: str) -> list[str]:
    cuts = {0, len(html)}
    cuts.update(match.start() for match in _PIECE_START.finditer(html))
    for match in _BLOCK_END.finditer(html):
        cuts.update(match.span())
    starts = sorted(cuts)
    return [html[start:end] for start, end in itertools.pairwise(starts)]


class Piece(NamedTuple):
    """What reading a piece of a page does, wherever the reading is (read_alone)."""

    title: tuple[str, ...]  # the pieces added to the title and the text of the section current before it
    text: tuple[str, ...]
    started: tuple[Section, ...]  # the sections it starts, as it leaves them (copied for each reading)
    current: int  # which section is current after it: -1 the one before it, else one of those started
    context: tuple[str, ...]  # the elements open after it


def read_in_pieces(html: str, kept: KeptWhileUsed[Piece | str]) -> list[Section] | None:
    """sections(html) read a piece at a time, each piece's reading kept by the piece and what the
    reading depends on where it starts: the open elements, the current section's heading and depth,
    and whether its text ends in a space. A piece whose reading depends on more (a section before it
    returned to, a kept tag closed only by it) is read on from where the reading is."""
    reading = Reading()
    context: tuple[str, ...] = ()  # the open elements, as kept readings name them
    for piece in _pieces(html):
        section = reading.section
        if section is None or piece.startswith("</"):  # before the first section; a list's or section's end
            if _read(piece, reading) == _DECLINED:
                return None
            context = tuple(reading.context)
            continue
        where = (context, section.el.tag, section.depth, bool(section.text) and section.text[-1].isspace())
        read = kept.get((where, piece), functools.partial(read_alone, piece, *where))
        if isinstance(read, str):  # _DECLINED or _NOT_ALONE
            if read == _DECLINED or _read(piece, reading) == _DECLINED:
                return None
            context = tuple(reading.context)
            continue
        section.title += read.title
        section.text += read.text
        if read.started:
            started = [kept_section.copy() for kept_section in read.started]
            reading.found += started
            if read.current >= 0:
                reading.section = started[read.current]
        if read.context != context:
            context = read.context
            reading.open(context)
    return reading.found


def read_alone(piece: str, context: tuple[str, ...], title_tag: str, depth: float, after_space: bool) -> Piece | str:
    """What reading piece does where these elements are open and the current section has this heading
    tag and depth, and text ending in a space or not; _DECLINED, or _NOT_ALONE when that is not enough."""
    alone = Section(Heading(title_tag), depth)
    alone.text.append(" " if after_space else "x")  # all the rules look at of the text before
    reading = Reading(alone, context)
    outcome = _read(piece, reading, alone)
    if outcome != _READ:
        return outcome
    started = reading.found[1:]
    current = next((number for number, section in enumerate(started) if section is reading.section), -1)
    return Piece(tuple(alone.title), tuple(alone.text[1:]), tuple(started), current, tuple(reading.context))


def _escape(text: str) -> str:
    """html.escape(text, quote=False), as the plugin escapes, without its calls for plain text."""
    if "&" in text or "<" in text or ">" in text:
        return escape(text, quote=False)
    return text
