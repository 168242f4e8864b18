"""Load every strategy file, validate it, and either return the catalogue or raise one error.

This is the edge of the system: past `load_catalogue` the data is trusted.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, RootModel, ValidationError
from pydantic_core import ErrorDetails

from .dates import BuildDateError, build_date
from .errors import Location, Problem, StrategyDataError, did_you_mean
from .kept import KeptResults
from .model import MunicipalDivision, Organisation
from .resolve import resolve
from .slips import slips
from .text import PLACEHOLDER
from .yamlread import Document, read_yaml


@dataclass
class Catalogue:
    organisations: list[Organisation]
    files: dict[str, Path] = field(default_factory=dict)  # slug -> file
    warnings: list[Problem] = field(default_factory=list)  # editorial slips (slips.py); not errors
    division: MunicipalDivision | None = None  # the reference list of municipalities (division.load_checked)
    # slug -> what the organisation's model was made from (its file's bytes, the other files' slugs,
    # the build date): the same key, the same model, so what is drawn from the model alone may be kept
    made_from: dict[str, bytes] = field(default_factory=dict)

    def by_slug(self, slug: str) -> Organisation:
        return next(o for o in self.organisations if o.slug == slug)


def _model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at path (for 'did you mean' hints)."""
    model: type[BaseModel] = root
    for part in path:
        if isinstance(part, int):
            continue
        if issubclass(model, RootModel):  # a mapping of any keys (labels): the key leads to the value's model
            found = _inner_model(model.model_fields["root"].annotation)
            if found is None:
                return None
            model = found
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        found = _inner_model(info.annotation)
        if found is None:
            return None
        model = found
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _yaml_surprise(doc: Document, path: tuple, value) -> str:
    scalar = doc.scalars.get(path)
    if scalar is None or scalar.quoted:
        return ""
    if isinstance(value, bool):
        return f"YAML reads an unquoted `{scalar.text}` as yes/no; write \"{scalar.text}\" in quotes if you mean the text"
    if isinstance(value, (int, float)):
        return f"YAML reads an unquoted `{scalar.text}` as a number; write \"{scalar.text}\" in quotes to keep it as text"
    if value is None and scalar.comment:
        return f"YAML reads `{scalar.comment.strip()}` as a comment, so the value is empty; write the text in quotes"
    if value is None:
        return "the value is empty; write the text after the colon, or remove the line"
    if isinstance(value, str):
        return ""
    return f"YAML read `{scalar.text}` as a date; write \"{scalar.text}\" in quotes to keep it as text"


_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "list_type": "a list (lines starting with `- `)",
    "model_type": "a group of fields", "dict_type": "a group of fields", "model_attributes_type": "a group of fields",
    "bool_type": "true or false",
}


# Examples of the ids an editor writes, by the field's place (the default: an organisation's slug).
_ID_EXAMPLES: dict[tuple, str] = {("strategies", "id"): '`id: "2026-2029"` (in quotes)',
                                  ("sources", "id"): "`soite-2022-06-06`",
                                  ("predecessors", "id"): "`kokkolanseudun-kuntayhtyma`"}


def _explain(error: ErrorDetails, doc: Document, root: type[BaseModel]) -> tuple[tuple, str, str]:
    """Turn one pydantic error into (path, message, hint) in an editor's words."""
    path, message, hint = _explain_error(error, doc, root)
    value = error.get("input")
    if not hint and isinstance(value, str) and PLACEHOLDER in value:
        hint = f"{PLACEHOLDER} is a placeholder from `build.py new`: write the value from the source, " \
               "or remove the field if the source does not say"
    return path, message, hint


def _explain_error(error: ErrorDetails, doc: Document, root: type[BaseModel]) -> tuple[tuple, str, str]:
    path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        hint = f"add `{path[-1]}:` to this part of the file"
        model = _model_at(root, path[:-1])
        info = model.model_fields.get(str(path[-1])) if model else None
        if info is not None and type(None) in typing.get_args(info.annotation):
            hint += f"; if the source does not say, write `{path[-1]}: null`"
        return path, f"the required field `{path[-1]}` is missing", hint
    if kind == "extra_forbidden":
        model = _model_at(root, path[:-1])
        choices = [info.alias or name for name, info in model.model_fields.items()] if model else []
        if value is None and {"fi", "sv"} <= set(choices):
            # `{fi: Palvelut, hoito, sv: Tjänster}`: the comma made `hoito` a key of its own
            return path, f"unknown field `{path[-1]}`", "a comma inside `{fi: ..., sv: ...}` splits the text; " \
                                                         "put the text in quotes"
        hint = did_you_mean(path[-1], choices) or (f"the fields allowed here are: {', '.join(choices)}" if choices else "")
        return path, f"unknown field `{path[-1]}`", hint
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        surprise = _yaml_surprise(doc, path, value)
        return path, f"`{value}` is not allowed here; expected one of: {', '.join(options)}", \
            surprise or did_you_mean(value, options)
    if kind in _TYPE_WORDS:
        surprise = _yaml_surprise(doc, path, value)
        got = type(value).__name__ if value is not None else "nothing"
        got = {"str": "text", "dict": "a group of fields", "list": "a list", "bool": "yes/no", "int": "a number",
               "float": "a number", "date": "a date", "NoneType": "nothing"}.get(got, got)
        if not surprise and kind in ("model_type", "dict_type") and isinstance(value, str) and ":" in value:
            key = value.split(":", 1)[0]  # `fi:Paras` is text to YAML: a field needs a space after its colon
            surprise = f"put a space after the colon: `{key}: ...`" if key.isidentifier() else ""
        return path, f"expected {_TYPE_WORDS[kind]}, got {got}", surprise
    if kind == "string_pattern_mismatch":
        if "a-z" not in error["ctx"]["pattern"]:
            return path, f"`{value}` is not in the right form", f"expected the form {error['ctx']['pattern']}"
        example = _ID_EXAMPLES.get(tuple(p for p in path if not isinstance(p, int))[-2:], "`keski-uusimaa`")
        return path, f"`{value}` is not in the right form", \
            f"use lowercase letters a-z, digits and hyphens, e.g. {example}"
    if kind in ("greater_than_equal", "less_than_equal", "too_short", "too_long"):
        return path, error["msg"].lower(), ""
    message = error["msg"].removeprefix("Value error, ")
    return path, message, getattr(error.get("ctx", {}).get("error"), "hint", "")


def _is_text_field(root: type[BaseModel], path: tuple) -> bool:
    """Does path name a field of free text (the model's `Words`), directly or as a list item?"""
    if path and isinstance(path[-1], int):
        path = path[:-1]
    if not path or not isinstance(path[-1], str):
        return False
    model = _model_at(root, path[:-1])
    info = model.model_fields.get(path[-1]) if model else None
    return info is not None and "check_text" in repr((info.annotation, info.metadata))


def cut_by_comment(doc: Document, name: str, root: type[BaseModel]) -> list[Problem]:
    """Plain texts followed by ` #...`: YAML drops the rest as a comment, and the page would be short."""
    found = []
    for path, scalar in doc.scalars.items():
        if scalar.comment and _is_text_field(root, path):
            whole = (scalar.text + scalar.comment).strip()
            key = path[-1] if isinstance(path[-1], str) else "-"
            quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
            comment = scalar.comment.strip()
            found.append(Problem(name, doc.where(path), path,
                                 f"the text stops at ` #`: YAML reads `{comment}` as a comment, "
                                 f"so the page would show only {scalar.text!r}" if scalar.text else
                                 f"the text is empty: YAML reads `{comment}` as a comment",
                                 f"if `#` belongs to the text, write the text in quotes: `{key}: {quoted}`; "
                                 "if it is a comment, put it on a line of its own"))
    return found


def display_name(path: Path) -> str:
    """The file as an editor types it: relative to where the command runs, when it can be."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


Model = typing.TypeVar("Model", bound=BaseModel)


def read_model(name: str, raw: bytes, model: type[Model], fields: str,
               layout_hint: str) -> tuple[Model | None, Document | None, list[Problem]]:
    """Read a YAML file of editorial data and validate it against a model: the one path every
    such file takes (strategies, labels), with located messages. fields names the first fields
    and layout_hint says how to see the layout, for a file that is not a group of fields at all."""
    doc, problems = read_yaml(name, raw)
    if doc is None:
        return None, None, problems
    if not isinstance(doc.data, dict):
        return None, doc, [Problem(name, doc.where(()), (), f"the file must be a group of fields ({fields}), "
                                   f"not {'a list' if isinstance(doc.data, list) else 'a single value'}", layout_hint)]
    problems = cut_by_comment(doc, name, model)
    try:
        value = model.model_validate(doc.data)
    except ValidationError as err:
        found = list(problems)
        for error in err.errors(include_url=False):
            where, message, hint = _explain(error, doc, model)
            found.append(Problem(name, doc.where(where), where, message, hint))
        return None, doc, sorted(found, key=Problem.sort_key)
    return (None if problems else value), doc, problems


def load_file(path: Path, taken: frozenset[str] = frozenset()) -> tuple[Organisation | None, list[Problem]]:
    """Read and validate one file; taken holds the slugs (file names) of the other files."""
    org, problems, _ = load_file_with_warnings(path, taken)
    return org, problems


def load_file_with_warnings(path: Path, taken: frozenset[str] = frozenset(), today: dt.date | None = None,
                            raw: bytes | None = None) -> tuple[Organisation | None, list[Problem], list[Problem]]:
    """load_file, and the editorial slips of a valid file as warnings (located like problems);
    raw: the file's bytes, when the caller has read them."""
    name = display_name(path)
    org, problems, doc = _load_file(path, name, taken, path.read_bytes() if raw is None else raw)
    if org is None or doc is None:
        return None, problems, []
    warnings = [Problem(name, doc.where(where), where, message, hint, warning=True)
                for where, message, hint in slips(org, today or _today())]
    return org, problems, sorted(warnings, key=Problem.sort_key)


def _load_file(path: Path, name: str, taken: frozenset[str], raw: bytes
               ) -> tuple[Organisation | None, list[Problem], Document | None]:
    org, doc, problems = read_model(name, raw, Organisation, "slug:, name:, ...",
                                    "run `python3 build.py new <slug>` to see the expected layout")
    if org is None or doc is None:
        return None, problems, doc
    for where, message, hint in resolve(org, path.stem, taken):
        problems.append(Problem(name, doc.where(where), where, message, hint))
    return (None if problems else org), sorted(problems, key=Problem.sort_key), doc


def strategy_files(directory: Path) -> list[Path]:
    # .YAML and .Yml too: a file that is silently skipped would silently vanish from the site
    return sorted(p for p in directory.iterdir()
                  if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith("."))


def _today() -> dt.date:
    """The build date the warnings judge by; a bad SOURCE_DATE_EPOCH is the build's to report."""
    try:
        return build_date()
    except BuildDateError:
        return dt.date.today()


Loaded = tuple[Organisation | None, list[Problem], list[Problem]]
# Runs tasks at once, the first here, and returns their results in order (mkdocs/parallel.py's
# run_side_by_side, handed in by the caller: this layer forks nothing of its own)
SideBySide = Callable[[list[Callable[[], list[Loaded]]]], list[list[Loaded]]]
# Files to read that hold fewer bytes than this are read in turn: forking and sending the results
# back cost some 20 ms, which the second core saves only from about 330 KB (synthetic files, each
# process's CPU measured); twice that, for a machine whose other core is busy. The real 23 files
# (440 KB) and a preview save's one file are read in turn, the synthetic N = 100 (740 KB) side by side.
SIDE_BY_SIDE_BYTES = 600_000


def _load_files(paths: list[Path], stems: frozenset[str], side_by_side: SideBySide | None = None
                ) -> tuple[list[Loaded], dict[Path, bytes]]:
    """load_file_with_warnings for every path, in order, and the key each result was made under; a
    file read before in this process with the same bytes, the same other files and the same build
    date is not read again (_loaded). With side_by_side, many files to read are read in parts at
    once, each part's results kept."""
    today = _today()
    # what a file's result depends on besides its bytes: where the command runs (the file's name
    # in messages), the other files' slugs (resolve.py) and the build date (slips.py)
    around = hashlib.sha256("\0".join([str(Path.cwd()), today.isoformat(), *sorted(stems)]).encode()).digest()
    raws = {path: path.read_bytes() for path in paths}
    keys = {path: (hashlib.sha256(raw).digest(), around) for path, raw in raws.items()}

    def check(path: Path) -> Callable[[], Loaded]:
        # the other files' slugs only when the file is read: a set of n - 1 slugs per file costs O(n²)
        return lambda: load_file_with_warnings(path, stems - {path.stem}, today, raws[path])

    unread = [path for path in paths if not _loaded.has(path, keys[path])]
    if side_by_side is not None and sum(len(raws[path]) for path in unread) >= SIDE_BY_SIDE_BYTES:
        parts = _parts(unread, raws, os.cpu_count() or 1)
        tasks: list[Callable[[], list[Loaded]]] = [functools.partial(_check_each, [check(path) for path in part])
                                                   for part in parts]
        for part, results in zip(parts, side_by_side(tasks), strict=True):
            for path, result in zip(part, results, strict=True):
                _loaded.keep(path, keys[path], result)
    results = [_loaded.get(path, keys[path], check(path)) for path in paths]
    _loaded.keep_only(paths)  # only the files of this load: a removed file is forgotten
    return results, {path: hashlib.sha256(b"".join(keys[path])).digest() for path in paths}


def _check_each(checks: list[Callable[[], Loaded]]) -> list[Loaded]:
    return [check() for check in checks]


def _parts(paths: list[Path], raws: dict[Path, bytes], count: int) -> list[list[Path]]:
    """paths in at most count runs of about the same number of bytes, in order."""
    total = sum(len(raws[path]) for path in paths)
    parts: list[list[Path]] = [[]]
    size = 0
    for path in paths:
        if size >= total * len(parts) / count and len(parts) < count:
            parts.append([])
        parts[-1].append(path)
        size += len(raws[path])
    return parts


# each strategy file's validated model, problems and warnings, by path (input/kept.py)
_loaded: KeptResults[Loaded] = KeptResults()


def load_catalogue(directory: Path, side_by_side: SideBySide | None = None) -> Catalogue:
    """Validate every file; raise StrategyDataError listing every problem of every file.
    side_by_side: how to read many files at once (see _load_files); without it, in turn.

    The checks across files against the municipal division are in division.load_checked."""
    problems: list[Problem] = []
    organisations = []
    files = {}
    if not directory.is_dir():
        raise StrategyDataError([Problem(str(directory), Location(1, 1), (), "the strategies folder does not exist",
                                         "create it and add one YAML file per organisation")])
    paths = strategy_files(directory)
    stems = frozenset(p.stem for p in paths)  # once: the per-file check must not be O(n²)
    for path in paths:
        if path.suffix != ".yaml":
            problems.append(Problem(path.as_posix(), Location(1, 1), (),
                                    f"strategy files end in .yaml, not {path.suffix}",
                                    f"rename it to {path.stem.lower()}.yaml"))
    paths = [path for path in paths if path.suffix == ".yaml"]
    warnings: list[Problem] = []
    made_from = {}
    results, keys = _load_files(paths, stems, side_by_side)
    for path, (org, found, slipped) in zip(paths, results, strict=True):
        problems.extend(found)
        warnings.extend(slipped)
        if org:
            organisations.append(org)
            files[org.slug] = path
            made_from[org.slug] = keys[path]
    if problems:
        raise StrategyDataError(problems, warnings)
    organisations.sort(key=lambda o: (o.name.fi or o.name.sv or "").casefold())
    return Catalogue(organisations, files, sorted(warnings, key=Problem.sort_key), made_from=made_from)

