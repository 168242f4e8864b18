"""The municipal division: the reference list of municipalities, and the check that the
organisation files share it out exactly.

reference/municipalities-<year>.yaml lists every mainland municipality of the year once, with
its Swedish name where it has one, and states the total that its source gives. The
organisation files list their own municipalities (strategies/*.yaml, `municipalities:`). An
editor's slip in either shows up here, located in the file where it is: a municipality in two
organisations or in none, a misspelt name, a missing or different Swedish name, a line lost
from the reference.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Location, Problem, StrategyDataError, did_you_mean
from .load import Catalogue, SideBySide, display_name, load_catalogue, read_model
from .model import MunicipalDivision, Municipality, Organisation
from .yamlread import Document, read_yaml


def load_checked(directory: Path, division_file: Path | None, side_by_side: SideBySide | None = None) -> Catalogue:
    """load_catalogue, then the municipal division (when the project has the file): every municipality
    in exactly one organisation file, with the names of the reference. Raises StrategyDataError
    listing every problem of every file, the reference file's included. side_by_side: how to read
    many files at once (load._load_files)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    catalogue = None
    try:
        catalogue = load_catalogue(directory, side_by_side)
        warnings = catalogue.warnings
    except StrategyDataError as err:
        problems += err.problems
        warnings = err.warnings
    if division_file is None or not division_file.exists():
        if problems:
            raise StrategyDataError(problems, warnings)
        assert catalogue is not None
        return catalogue
    division, found = load_division(division_file)
    problems += found
    if catalogue is not None and division is not None:  # the organisation files are valid one by one
        problems += check_membership(catalogue.organisations, catalogue.files, division, division_file)
    if problems:
        raise StrategyDataError(problems, warnings)
    assert catalogue is not None
    catalogue.division = division
    return catalogue


def load_division(path: Path) -> tuple[MunicipalDivision | None, list[Problem]]:
    """Read and validate the reference file (the same path as every editorial file, load.read_model);
    its sources resolve like an organisation file's."""
    name = display_name(path)
    division, doc, problems = read_model(name, path.read_bytes(), MunicipalDivision,
                                         "year:, total:, municipalities:, sources:",
                                         "see the file's earlier version in git")
    if division is None or doc is None:
        return None, problems
    found = [Problem(name, doc.where(where), where, message, hint) for where, message, hint in _resolve(division)]
    found += _count_problems(division, name, doc)
    return division, sorted(found, key=Problem.sort_key)


def _resolve(division: MunicipalDivision) -> list[tuple[tuple, str, str]]:
    problems: list[tuple[tuple, str, str]] = []
    ids: dict[str, int] = {}
    for i, source in enumerate(division.sources):
        if source.id in ids:
            problems.append((("sources", i, "id"), f"the source id `{source.id}` is used twice",
                             "give each source its own id"))
        ids.setdefault(source.id, i)
    used = set()

    def check(path: tuple, source_id: str) -> None:
        if source_id not in ids:
            problems.append((path, f"the source `{source_id}` is not in this file's sources",
                             did_you_mean(source_id, ids) or "add it to `sources:` at the end of the file"))
        used.add(source_id)

    check(("source",), division.source)
    check(("total_source",), division.total_source)
    if division.aland.source is None:
        problems.append((("aland",), "this fact has no source", "add `source: <id>` here"))
    else:
        check(("aland", "source"), division.aland.source)
        for lang in ("fi", "sv"):
            if division.aland.get(lang) is not None and \
                    next((s.language for s in division.sources if s.id == division.aland.source), None) == lang:
                division.aland._official[lang] = division.aland.source
    for i, municipality in enumerate(division.municipalities):
        municipality.source = municipality.source or division.source
        check(("municipalities", i, "source"), municipality.source)
        if municipality.sv_source:
            check(("municipalities", i, "sv_source"), municipality.sv_source)
    for source_id, i in ids.items():
        if source_id not in used:
            problems.append((("sources", i, "id"), f"the source `{source_id}` is not used by any fact",
                             "remove it, or refer to it with `source:`"))
    return problems


def _count_problems(division: MunicipalDivision, name: str, doc: Document) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for i, municipality in enumerate(division.municipalities):
        if municipality.fi in first:
            line = doc.where(("municipalities", first[municipality.fi])).line
            problems.append(Problem(name, doc.where(("municipalities", i)), ("municipalities", i, "fi"),
                                    f"{municipality.fi} is listed twice (also on line {line})",
                                    "remove one of the two lines"))
        first.setdefault(municipality.fi, i)
    if len(division.municipalities) != division.total:
        count = len(division.municipalities)
        problems.append(Problem(name, doc.where(("total",)), ("total",),
                                f"the file lists {count} municipalities, but `total` says {division.total} "
                                f"(the number its source gives)",
                                "add the missing municipality or remove the extra one; change `total` only "
                                "if the source says so"))
    return problems


def check_membership(organisations: list[Organisation], files: dict[str, Path], division: MunicipalDivision,
                     division_file: Path) -> list[Problem]:
    """Every municipality of the division in exactly one organisation, with the division's names."""
    reference_name = display_name(division_file)
    reference: dict[str, tuple[int, Municipality]] = {m.fi: (i, m) for i, m in enumerate(division.municipalities)}
    docs: dict[Path, Document | None] = {}

    def where(path: Path, field_path: tuple) -> Location:
        if path not in docs:  # read again only on the error path: locations are not kept for valid files
            docs[path] = read_yaml(display_name(path), path.read_bytes())[0]
        doc = docs[path]
        return doc.where(field_path) if doc else Location(1, 1)  # the file was read once already

    def reference_line(fi: str) -> int:
        return where(division_file, ("municipalities", reference[fi][0])).line

    problems: list[Problem] = []
    listed: dict[str, tuple[Path, int]] = {}  # Finnish name -> (file, index) where it was first listed
    for org in sorted(organisations, key=lambda o: o.slug):
        path = files[org.slug]
        name = display_name(path)
        for i, municipality in enumerate(org.municipalities):
            here = ("municipalities", i)
            known = reference.get(municipality.fi)
            if known is None:
                hint = did_you_mean(municipality.fi, reference) or (
                    "check the spelling; a merged municipality is listed under its new name")
                problems.append(Problem(name, where(path, here + ("fi",)), here + ("fi",),
                                        f"{municipality.fi} is not a municipality in {reference_name}", hint))
                continue
            if municipality.fi in listed:
                other_path, other_i = listed[municipality.fi]
                if other_path == path:
                    line = where(path, ("municipalities", other_i)).line
                    message = f"{municipality.fi} is listed twice in this file (also on line {line})"
                    hint = "remove one of the two lines"
                else:
                    line = where(other_path, ("municipalities", other_i)).line
                    message = (f"{municipality.fi} is already listed in {display_name(other_path)} (line {line}); "
                               "a municipality belongs to exactly one organisation")
                    hint = "remove it from the file of the organisation that does not arrange its services"
                problems.append(Problem(name, where(path, here + ("fi",)), here + ("fi",), message, hint))
                continue
            listed[municipality.fi] = (path, i)
            wanted = known[1].sv
            if wanted and municipality.sv is None:
                problems.append(Problem(
                    name, where(path, here), here + ("sv",), f"the Swedish name of {municipality.fi} is missing",
                    f"add `sv: {wanted}` (as in {reference_name}, line {reference_line(municipality.fi)}) "
                    "and `sv_source:`, the source where the name is seen"))
            elif wanted and municipality.sv != wanted:
                problems.append(Problem(
                    name, where(path, here + ("sv",)), here + ("sv",),
                    f"the Swedish name `{municipality.sv}` of {municipality.fi} differs from `{wanted}` in "
                    f"{reference_name} (line {reference_line(municipality.fi)})",
                    f"write `sv: {wanted}`, or correct the reference file if the name has changed"))
            elif wanted is None and municipality.sv is not None:
                problems.append(Problem(
                    name, where(path, here + ("sv",)), here + ("sv",),
                    f"{municipality.fi} has no Swedish name in {reference_name} "
                    f"(line {reference_line(municipality.fi)})",
                    "remove `sv:` and `sv_source:`, or add the name to the reference file with its source"))
    for fi, (i, municipality) in reference.items():
        if fi not in listed:
            entry = f"- {{fi: {fi}, sv: {municipality.sv}}}" if municipality.sv else f"- {{fi: {fi}}}"
            problems.append(Problem(
                reference_name, where(division_file, ("municipalities", i)), ("municipalities", i),
                f"{fi} is not listed in any organisation file",
                f"add `{entry}` under `municipalities:` in the file of the organisation that arranges its services"))
    return problems
