"""Read one YAML file into plain Python data, remembering where every value came from.

Editors' files are data, never code, so the reader is deliberately narrower than YAML:
no custom tags, no anchors/aliases (they make alias bombs possible and editors never need
them), no merge keys, no duplicate keys, one document per file. Every violation becomes a
Problem with a line and column instead of an exception, so all problems of all files can be
reported in one run.

Limits (each says what a real strategy file is far from needing):
  MAX_FILE_BYTES   1,000,000 bytes per file
  MAX_DEPTH        20 levels of nesting
  MAX_NODES        50,000 values per file
  MAX_SCALAR_CHARS 5,000 characters per value (the text limit of text.py)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import Location, Problem
from .text import MAX_TEXT_CHARS

try:  # the C parser is an order of magnitude faster; the pure one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the pinned wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same interface, pure Python

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 50_000
MAX_SCALAR_CHARS = MAX_TEXT_CHARS

# Tags the safe resolver gives to plain scalars; anything else was written by hand.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
# Characters outside YAML's printable set: YAML refuses them too, but only with a byte offset.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What the safe constructors raise on a scalar they cannot read, e.g. `!!bool maybe` (KeyError),
# `!!int ''` (IndexError), `!!timestamp hello` (AttributeError), a 4,500-digit number (ValueError).
_CONSTRUCT_ERRORS = (yaml.constructor.ConstructorError, ValueError, KeyError, IndexError, AttributeError,
                     TypeError, OverflowError)
# `=` and `<<` alone are YAML 1.1 "value" and "merge" keys, not text
_SPECIAL_PLAIN = {"tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"}
_TAG_WORDS = {"tag:yaml.org,2002:bool": "yes/no", "tag:yaml.org,2002:int": "a whole number",
              "tag:yaml.org,2002:float": "a number"}


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written, for hints about YAML's surprising conversions."""

    text: str
    quoted: bool
    # a plain scalar followed on its line by ` #...`: what YAML dropped as a comment
    comment: str | None = None


@dataclass
class Document:
    data: object
    # path (tuple of keys and indexes) -> the parser's mark where it starts in the file (0-based line
    # and column: a Location is made only for the few paths a message points to)
    marks: dict[tuple, yaml.Mark]
    scalars: dict[tuple, Scalar]

    def where(self, path: tuple) -> Location:
        """The location of path, or of its nearest ancestor that has one."""
        while path:
            if path in self.marks:
                return _loc(self.marks[path])
            path = path[:-1]
        return _loc(self.marks[()]) if () in self.marks else Location(1, 1)


class _ReadError(Exception):
    """The first problem that stops reading; read_yaml turns it into a Problem."""

    def __init__(self, location: Location, path: tuple, message: str, hint: str = ""):
        super().__init__(message)
        self.details = (location, path, message, hint)


def _loc(mark) -> Location:
    return Location(mark.line + 1, mark.column + 1)


def _position(buffer: str | bytes, index: int) -> Location:
    """Line and column of the index-th character (or byte) of a file."""
    text = buffer.decode("latin-1") if isinstance(buffer, bytes) else buffer  # one character a byte
    return Location(text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1)


def _short(value: str, limit: int = 40) -> str:
    """A value quoted in a message: enough to find it, never the whole of a huge one."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = raw[err.start]
        hint = "save the file with UTF-8 encoding in your editor"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead"
        elif (guess := bytes([byte]).decode("cp1252", "replace")).isalpha():
            hint = f"the byte is probably {guess!r} saved as Windows-1252/Latin-1; save the file as UTF-8"
        raise _ReadError(_position(raw, err.start), (), f"the file is not valid UTF-8 (byte 0x{byte:02x})", hint) from None


def _advance(stack: list[list], scalar: str | None) -> None:
    """One child of the innermost collection is complete; remember it if it was a key."""
    if stack:
        frame = stack[-1]
        if frame[1] and frame[2] % 2 == 0:
            frame[3] = scalar if scalar is not None else "?"
        frame[2] += 1


QUOTE_HINT = "write the text in quotes, e.g. `fi: \"...\"`"
# What an unquoted text starting with these characters does to the parser, and the fix.
_START_HINTS = {
    "@": "text that starts with @ or ` must be put in quotes",
    "`": "text that starts with @ or ` must be put in quotes",
    "%": "text that starts with % must be put in quotes",
    "*": "text that starts with * or & must be put in quotes",
    "&": "text that starts with * or & must be put in quotes",
    "|": "text that starts with | or > must be put in quotes",
    ">": "text that starts with | or > must be put in quotes",
    "-": "text that starts with `- ` must be put in quotes (or it is a list item on a line of its own)",
    "?": "text that starts with `? ` must be put in quotes",
    ",": "text that starts with , must be put in quotes",
    '"': "a text that starts with a quote must end with it: put the whole text in quotes, "
         "e.g. `fi: '\"Paras\" alue'`",
    "'": "a text that starts with a quote must end with it: put the whole text in quotes, "
         "e.g. `fi: \"'Paras' alue\"`",
    "[": "text that starts with [ or { must be put in quotes, e.g. `fi: \"[Paras] alue\"`",
    "{": "text that starts with [ or { must be put in quotes, e.g. `fi: \"[Paras] alue\"`",
}
_VALUE_START = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*:\s+|-\s+)")


def _start_hint(line_text: str) -> str:
    """The hint for a line whose value starts with a character YAML reads as syntax."""
    match = _VALUE_START.match(line_text)
    value = line_text[match.end():] if match else ""
    return _START_HINTS.get(value[:1], "") if value else ""


def _too_deep(lines: list[str], line: int) -> bool:
    """Is this `key: value` line indented deeper than the `key: value` line above it?"""
    if line == 0 or line >= len(lines):
        return False
    above = next((lines[i] for i in range(line - 1, -1, -1) if lines[i].strip()
                  and not lines[i].lstrip().startswith("#")), "")

    def indent(text: str) -> int:
        return len(text) - len(text.lstrip(" "))

    field = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*:(\s|$)")
    return bool(field.match(lines[line]) and re.match(r"^\s*(-\s+)?[A-Za-z_][A-Za-z0-9_]*:\s+\S", above)
                and indent(lines[line]) > indent(above) + (2 if above.lstrip().startswith("- ") else 0))


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> _ReadError:
    mark = err.problem_mark or err.context_mark
    what = (err.problem or err.context or "invalid YAML").strip()
    hint = default = "check indentation and quoting on this line or the line above"
    opened = err.context_mark if err.context and err.problem else None
    if opened and mark and opened.line != mark.line:
        # the parser notices an unclosed quote or bracket only where it gives up; say where it began
        what += f" ({err.context} that starts on line {opened.line + 1})"
        if "end of stream" in what:
            mark, hint = opened, "close the quote or bracket that is opened here"
    lines = text.splitlines()
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    problem = err.problem or ""
    if mark and "\t" in line_text[: mark.column + 1]:
        hint = "YAML does not allow tab characters for indentation; use spaces"
    elif mark and problem == "mapping values are not allowed in this context" and _too_deep(lines, mark.line):
        hint = "this line is indented deeper than the field above it: line up fields of one group"
    elif mark and problem == "mapping values are not allowed in this context":
        hint = "a text that contains `: ` must be put in quotes, e.g. `fi: \"Tavoite: hyvinvointi\"`"
    elif mark and hint == default and (start := _start_hint(line_text)):
        hint = start
    return _ReadError(_loc(mark) if mark else Location(1, 1), (), f"YAML syntax error: {what}", hint)


def read_yaml(filename: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse raw bytes; return the document and the problems found while reading it."""
    try:
        return _read(raw), []
    except _ReadError as err:
        return None, [Problem(filename, *err.details)]


def _read(raw: bytes) -> Document:
    if len(raw) > MAX_FILE_BYTES:
        raise _ReadError(Location(1, 1), (), f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                         "split long texts or link to the source document instead of copying it")
    text = _decode(raw).removeprefix("\ufeff")  # a BOM from Windows editors is harmless
    if bad := _UNPRINTABLE.search(text):
        raise _ReadError(_position(text, bad.start()), (),
                         f"the file contains the control character U+{ord(bad.group()):04X}, which YAML does not allow",
                         "delete it: it is invisible in most editors and often comes with text copied from a PDF")
    try:
        return _Reader(text).read()
    except yaml.MarkedYAMLError as err:
        raise _syntax_problem(err, text) from None
    except yaml.YAMLError as err:
        raise _ReadError(Location(1, 1), (), f"YAML syntax error: {err}", "check the file's structure") from None


_STR, _NULL, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# The safe resolver's rules for plain scalars, by the value's first character (its `resolve`, without
# the call per value): the rules for that character, then those for any character.
_Rules = list[tuple[str, re.Pattern]]
_ANY_START: _Rules = _Loader.yaml_implicit_resolvers.get(None, [])
_BY_START: dict[str, _Rules] = {start: rules + _ANY_START
                                for start, rules in _Loader.yaml_implicit_resolvers.items() if start is not None}
assert not _Loader.yaml_path_resolvers  # the safe loader's tags depend on the value alone


def _plain_tag(value: str) -> str:
    """The tag the safe resolver gives a plain scalar."""
    for tag, regexp in _BY_START.get(value[:1], _ANY_START):
        if regexp.match(value):
            return tag
    return _STR


class _Reader:
    """The parser's events → plain data with locations, in one pass.

    Each event is first checked for what must never reach further (depth, size, anchors, a second
    document), then built into the data. libyaml's parser is a loop, but PyYAML's composer
    recurses: a document nested 100,000 levels deep would crash it with a segmentation fault, and
    an alias bomb would be built before it could be refused; no composer runs here.

    Those checks, and the parser's syntax errors, are reported wherever in the file they are;
    a problem in building (a tag, a duplicate key, a value that cannot be read) only when the
    whole file has passed them: the first such problem is kept and building stops there.
    """

    def __init__(self, text: str):
        self.text = text
        self.marks: dict[tuple, yaml.Mark] = {}
        self.scalars: dict[tuple, Scalar] = {}
        self.constructor = yaml.SafeLoader("")
        self.failed: _ReadError | None = None
        self.data: object = None

    def read(self) -> Document:
        # per open collection: [path, is_mapping, children so far, last key, the dict or list built]
        stack: list[list] = []
        count = documents = 0
        event: Any  # the parser's events: the attributes differ by kind
        loader = _Loader(self.text)
        try:
            while True:
                event = loader.get_event()
                kind = type(event)
                if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent \
                        or kind is yaml.AliasEvent:
                    self.node(event, kind, stack, count := count + 1)
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    stack.pop()
                    _advance(stack, None)
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _ReadError(_loc(event.start_mark), (),
                                         "the file holds a second YAML document (after a `---` line)",
                                         "one file holds one organisation: remove the `---` line and what belongs "
                                         "elsewhere")
                elif kind is yaml.StreamEndEvent:
                    break
        finally:
            loader.dispose()
        if not documents:  # nothing but blank lines and comments
            raise _ReadError(Location(1, 1), (), "the file is empty", "run `python3 build.py new <slug>` for a template")
        if self.failed is not None:
            raise self.failed
        return Document(self.data, self.marks, self.scalars)

    def node(self, event: Any, kind: type, stack: list[list], count: int) -> None:
        """The checks on one node, the count-th of the file, then the node built (if nothing failed yet).

        Called for every value and key of every file, so the common case is written out here and
        the rare ones (a refusal, a tag, a comment, a value other than text) are methods."""
        frame = stack[-1] if stack else None
        is_key = False
        if frame is None:
            path: tuple = ()
        elif not frame[1]:
            path = frame[0] + (frame[2],)
        elif frame[2] % 2 == 0:
            path, is_key = frame[0], True  # a key is reported at its mapping
        else:
            path = frame[0] + (frame[3],)
        is_scalar = kind is yaml.ScalarEvent
        if count > MAX_NODES or len(stack) > MAX_DEPTH or kind is yaml.AliasEvent or event.anchor is not None \
                or event.tag == "!" or (is_scalar and len(event.value) > MAX_SCALAR_CHARS):
            self.refuse(event, kind, stack, path, count)
        built = None
        if self.failed is None:
            try:
                tag = event.tag
                if tag is None:
                    if is_scalar:
                        tag = _plain_tag(event.value) if event.implicit[0] else _STR
                    else:
                        tag = _MAP if kind is yaml.MappingStartEvent else _SEQ
                if is_key and frame is not None:
                    self.check_key(event, kind, tag, frame)
                else:
                    built = self.build(event, is_scalar, kind, tag, frame, path)
            except _ReadError as err:
                self.failed = err
        if not is_scalar:
            stack.append([path, kind is yaml.MappingStartEvent, 0, None, built])
        elif frame is not None:
            if is_key:
                frame[3] = event.value
            frame[2] += 1

    def refuse(self, event: Any, kind: type, stack: list[list], path: tuple, count: int) -> None:
        """Raise the first of the problems that stop reading at once (node found one)."""
        if count > MAX_NODES:
            raise _ReadError(_loc(event.start_mark), path, f"the file has more than {MAX_NODES:,} values",
                             "a strategy file needs far fewer; split it or remove repeated content")
        if len(stack) > MAX_DEPTH:
            raise _ReadError(_loc(event.start_mark), path, f"the file is nested more than {MAX_DEPTH} levels deep",
                             "no field of a strategy file needs such deep nesting")
        if kind is yaml.AliasEvent or event.anchor is not None:
            raise _ReadError(_loc(event.start_mark), path, "anchors and aliases (& and *) are not allowed",
                             "write the value out in full where it is needed; "
                             "a text that starts with & or * must be put in quotes")
        if event.tag == "!":  # `fi: ! Paras` reads as "Paras": the `!` vanishes without a word
            raise _ReadError(_loc(event.start_mark), path,
                             "a text that starts with `! ` loses its `!`: YAML reads it as a tag", QUOTE_HINT)
        if kind is yaml.ScalarEvent and len(event.value) > MAX_SCALAR_CHARS:
            raise _ReadError(_loc(event.start_mark), path, f"the value is {len(event.value):,} characters long; "
                                                           f"the limit is {MAX_SCALAR_CHARS:,}",
                             "shorten it, or link to the source document instead of copying it")

    def build(self, event: Any, is_scalar: bool, kind: type, tag: str, frame: list | None, path: tuple):
        """Check and build one value and put it in its place."""
        if frame is None or not frame[1]:
            self.marks[path] = event.start_mark  # a field's place is its key's (check_key)
        if tag not in _STANDARD_TAGS:
            self.check_tag(event, tag, path)
        if is_scalar:
            value = event.value
            style = event.style
            if style == "'" or style == '"':
                end = event.end_mark.index
                if self.text[end:end + 1] == "#":
                    self.check_after_quote(event, path)
                self.scalars[path] = Scalar(value, True, None)
            elif style == "|" or style == ">":
                self.scalars[path] = Scalar(value, True, None)
            else:
                end = event.end_mark.index
                after = self.text[end:end + 1]  # a comment needs a space or tab before its #
                self.scalars[path] = Scalar(value, False, self.comment_after(event) if after in (" ", "\t") else None)
            if tag != _STR:
                value = None if tag == _NULL else self.construct(event, tag, path)
        else:
            value = {} if kind is yaml.MappingStartEvent else []
        if frame is None:
            self.data = value
        elif frame[1]:
            frame[4][frame[3]] = value
        else:
            frame[4].append(value)
        return value

    def check_key(self, event, kind: type, tag: str, frame: list) -> None:
        path, result = frame[0], frame[4]
        if tag == _MERGE:
            raise _ReadError(_loc(event.start_mark), path, "merge keys (<<) are not allowed",
                             "write the fields out in full")
        if kind is not yaml.ScalarEvent:
            raise _ReadError(_loc(event.start_mark), path, "a key must be a plain name",
                             "keys are field names such as `vision` or `values`")
        if tag not in _STANDARD_TAGS:
            self.check_tag(event, tag, path)
        key = event.value
        if key in result:
            first = _loc(self.marks[path + (key,)])
            raise _ReadError(_loc(event.start_mark), path + (key,),
                             f"duplicate key `{key}` (first given on line {first.line})",
                             "remove one of the two or merge them into one")
        self.marks[path + (key,)] = event.start_mark  # the key's own position is the better pointer for the field

    def construct(self, event: Any, tag: str, path: tuple):
        """A value other than text or null (a number, yes/no, a date) as the safe constructor makes it."""
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except _CONSTRUCT_ERRORS:
            if tag == "tag:yaml.org,2002:timestamp":
                return event.value  # let the date field explain what is wrong with it
            what = _TAG_WORDS.get(tag, "a value")
            raise _ReadError(_loc(event.start_mark), path,
                             f"the value {_short(event.value)} cannot be read as {what}",
                             "put the value in quotes if it is meant as text") from None

    def comment_after(self, event) -> str | None:
        """The ` #...` that follows a plain scalar on its last line: YAML drops it as a comment."""
        end = event.end_mark.index
        line_end = self.text.find("\n", end)
        rest = self.text[end:line_end if line_end >= 0 else len(self.text)]
        match = _COMMENT_START.match(rest)
        return rest.rstrip() if match else None

    def check_after_quote(self, event, path: tuple) -> None:
        """`"Paras"#1`: PyYAML drops the `#1` right after a closing quote as a comment (the YAML spec
        wants a space before a comment's #), so the text would lose it without a word."""
        end = event.end_mark.index
        if self.text[end:end + 1] == "#":
            line_end = self.text.find("\n", end)
            rest = self.text[end:line_end if line_end >= 0 else len(self.text)].rstrip()
            raise _ReadError(_loc(event.end_mark), path,
                             f"the {_short(rest)} right after the closing quote would be dropped: YAML reads it as a comment",
                             "put the # inside the quotes if it belongs to the text; a comment needs a space before its #")

    def check_tag(self, event, tag: str, path: tuple) -> None:
        """Refuse a tag other than the standard ones (node and check_key ask only for those)."""
        if tag in _SPECIAL_PLAIN and type(event) is yaml.ScalarEvent and not event.style:
            raise _ReadError(_loc(event.start_mark), path, f"YAML reads an unquoted `{event.value}` as a special value",
                             QUOTE_HINT)
        if tag not in _STANDARD_TAGS:
            raise _ReadError(_loc(event.start_mark), path, f"the YAML tag {tag!r} is not allowed",
                             "remove the tag (the part starting with !); strategy files hold plain text, numbers and lists; "
                             "a text that starts with ! must be put in quotes")


_COMMENT_START = re.compile(r"[ \t]+#")
