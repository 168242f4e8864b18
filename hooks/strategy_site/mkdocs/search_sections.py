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

import re
from html import escape, unescape

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


def _attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes as html.parser gives them: names in lower case, values unescaped,
    None for an attribute without a value; a repeated name keeps its last value."""
    attributes: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        attributes[match.group(1).lower()] = unescape(value) if value else value
    return attributes


def sections(html: str) -> list[Section] | None:
    """The page's search sections as Material's parser finds them, or None: left to that parser."""
    lowered = html.lower()
    if (_UNSUPPORTED_ELEMENTS.search(lowered) or any(word in lowered for word in _UNSUPPORTED_WORDS)
            or _CLASS_WITH_REFERENCE.search(lowered)):
        return None
    if len(_RAW_TEXT_START.findall(html)) != len(_RAW_TEXT_PLAIN.findall(html)):
        return None
    found: list[Section] = []
    section: Section | None = None
    title_tag = "hx"  # the current section's heading tag: text inside an element with that tag is its title
    context: list[str] = []  # the open elements' tags, innermost last
    open_count: dict[str, int] = {}  # how many elements of each tag are open

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
            return None
        else:
            continue  # a comment
        if not context or context[-1] != end_tag:
            continue
        assert section is not None  # an element is open, so a section was started
        if section.depth > len(context):
            for earlier in reversed(found):
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
                return None  # the plugin's parser raises here: let it
            for later in range(index + 1, len(pieces)):
                if not pieces[later].isspace():
                    pieces.append(f"</{end_tag}>")
                    break
            else:  # only whitespace since it opened: dropped with it
                del pieces[index:]
    return found


def _escape(text: str) -> str:
    """html.escape(text, quote=False), as the plugin escapes, without its calls for plain text."""
    if "&" in text or "<" in text or ">" in text:
        return escape(text, quote=False)
    return text
