"""Read one YAML file into plain Python data, remembering where every value came from.

Editors' files are data, never code, so the reader is deliberately narrower than YAML:
no custom tags, no anchors/aliases (they make alias bombs possible and editors never need
them), no merge keys, no duplicate keys. Every violation becomes a Problem with a line and
column instead of an exception, so all problems of all files can be reported in one run.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .errors import Location, Problem

try:  # the C parser is an order of magnitude faster; the pure one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in the pinned wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 50_000

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


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written, for hints about YAML's surprising conversions."""

    text: str
    quoted: bool


@dataclass
class Document:
    data: object
    # path (tuple of keys and indexes) -> where it starts in the file
    locations: dict[tuple, Location]
    scalars: dict[tuple, Scalar]

    def where(self, path: tuple) -> Location:
        """The location of path, or of its nearest ancestor that has one."""
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), Location(1, 1))


class _ReadError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _loc(mark) -> Location:
    return Location(mark.line + 1, mark.column + 1)


def read_yaml(filename: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse raw bytes; return the document and the problems found while reading it."""

    def problem(location: Location, path: tuple, message: str, hint: str = "") -> Problem:
        return Problem(filename, location, path, message, hint)

    if len(raw) > MAX_FILE_BYTES:
        return None, [problem(Location(1, 1), (), f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                              "split long texts or link to the source document instead of copying it")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [problem(Location(line, column), (), f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x})",
                              "save the file with UTF-8 encoding in your editor")]
    text = text.removeprefix("\ufeff")  # a BOM from Windows editors is harmless
    if not text.strip():
        return None, [problem(Location(1, 1), (), "the file is empty", "run `python3 build.py new <slug>` for a template")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = (err.problem or err.context or "invalid YAML").strip()
        hint = "check indentation and quoting on this line or the line above"
        line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        if "\t" in line_text[: (mark.column + 1) if mark else 0]:
            hint = "YAML does not allow tab characters for indentation; use spaces"
        elif line_text[mark.column:mark.column + 1] in ("@", "`") if mark else False:
            hint = "text that starts with @ or ` must be put in quotes"
        return None, [problem(_loc(mark) if mark else Location(1, 1), (), f"YAML syntax error: {what}", hint)]
    except yaml.YAMLError as err:
        return None, [problem(Location(1, 1), (), f"YAML syntax error: {err}", "check the file's structure")]

    locations: dict[tuple, Location] = {}
    scalars: dict[tuple, Scalar] = {}
    seen: set[int] = set()
    constructor = yaml.SafeLoader("")
    count = 0

    def build(node, path: tuple, depth: int):
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise _ReadError(problem(_loc(node.start_mark), path, f"the file has more than {MAX_NODES:,} values",
                                     "a strategy file needs far fewer; split it or remove repeated content"))
        if depth > MAX_DEPTH:
            raise _ReadError(problem(_loc(node.start_mark), path, f"the file is nested more than {MAX_DEPTH} levels deep",
                                     "no field of a strategy file needs such deep nesting"))
        if id(node) in seen:
            raise _ReadError(problem(locations.get(path, _loc(node.start_mark)), path, "anchors and aliases (& and *) are not allowed",
                                     "write the value out in full where it is needed"))
        seen.add(id(node))
        locations[path] = _loc(node.start_mark)
        if node.tag not in _STANDARD_TAGS:
            raise _ReadError(problem(_loc(node.start_mark), path, f"the YAML tag {node.tag!r} is not allowed",
                                     "remove the tag (the part starting with !); strategy files hold plain text, numbers and lists"))
        if isinstance(node, yaml.ScalarNode):
            scalars[path] = Scalar(node.value, node.style in ("'", '"', "|", ">"))
            try:
                return constructor.construct_object(node, deep=True)
            except (yaml.constructor.ConstructorError, ValueError) as err:
                if node.tag == "tag:yaml.org,2002:timestamp":
                    return node.value  # let the date field explain what is wrong with it
                raise _ReadError(problem(_loc(node.start_mark), path, f"the value {node.value!r} cannot be read: {err}",
                                         "put the value in quotes if it is meant as text")) from None
        if isinstance(node, yaml.SequenceNode):
            return [build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _ReadError(problem(_loc(key_node.start_mark), path, "merge keys (<<) are not allowed",
                                         "write the fields out in full"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise _ReadError(problem(_loc(key_node.start_mark), path, "a key must be a plain name",
                                         "keys are field names such as `vision` or `values`"))
            key = key_node.value
            if key in result:
                first = locations[path + (key,)]
                raise _ReadError(problem(_loc(key_node.start_mark), path + (key,),
                                         f"duplicate key `{key}` (first given on line {first.line})",
                                         "remove one of the two or merge them into one"))
            locations[path + (key,)] = _loc(key_node.start_mark)
            result[key] = build(value_node, path + (key,), depth + 1)
            # the key's own position is the better pointer for the field
            locations[path + (key,)] = _loc(key_node.start_mark)
        return result

    try:
        data = build(node, (), 0)
    except _ReadError as err:
        return None, [err.problem]
    except RecursionError:
        return None, [problem(Location(1, 1), (), f"the file is nested more than {MAX_DEPTH} levels deep", "")]
    return Document(data, locations, scalars), []
