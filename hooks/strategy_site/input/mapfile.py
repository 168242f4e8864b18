"""vocabulary/map.yaml: where each organisation's tile sits on the home page's map.

Validated on the same path as the other editorial files (load.read_model): every problem
located (file, line, field, expected, hint). A malformed tile, two tiles on one cell or a
missing note stop the build. A tile of a slug that is not in strategies/, and an organisation
without a tile, are warnings (Layout.warnings, printed by `build.py check`): the tile is left
out, the organisation is drawn in a row below the map, and a project with other organisations
(tests, the benchmark) still builds. tests/test_map.py requires the real data and the real map
to match exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .errors import Location, Problem, RuleError, StrategyDataError, did_you_mean
from .kept import KeptResults
from .model import SLUG_RE, Words

MAP_FILE = Path(__file__).resolve().parents[3] / "vocabulary" / "map.yaml"


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Both(_File):
    """A name or note shown in both languages, so both are required."""

    fi: Words
    sv: Words


def _cells(low: int, high: int):
    def check(value: int) -> int:
        if not low <= value <= high:
            raise RuleError(f"expected a whole number {low}–{high}, not {value}",
                            "columns count from 0 in the west, rows from 0 in the north; width and height "
                            "are in cells")
        return value
    return AfterValidator(check)


class _Tile(_File):
    col: Annotated[int, _cells(0, 9)]
    row: Annotated[int, _cells(0, 19)]
    width: Annotated[int, _cells(1, 4)] = 1
    height: Annotated[int, _cells(1, 4)] = 1
    name: _Both


class MapFile(_File):
    """The note that the map is schematic, and one tile per organisation slug."""

    note: _Both
    tiles: dict[Annotated[str, Field(pattern=SLUG_RE, max_length=60)], _Tile]


@dataclass(frozen=True)
class Placement:
    slug: str
    col: int
    row: int
    width: int
    height: int
    name: dict  # lang -> the area's name on the tile


@dataclass(frozen=True)
class Layout:
    note: dict
    placements: dict  # slug -> Placement
    warnings: list = field(default_factory=list)  # Problems that do not stop the build


def check_map(name: str, raw: bytes, slugs: list[str]) -> tuple[Layout | None, list[Problem]]:
    """Validate the map file against the organisations' slugs; every problem at once."""
    from .load import read_model  # load imports the strategy model and its resolution

    data, doc, problems = read_model(name, raw, MapFile, "note:, tiles:",
                                     "the file has `note: {fi: ..., sv: ...}` and `tiles:` with one "
                                     "`<slug>: {col: ..., row: ..., name: {fi: ..., sv: ...}}` per organisation")
    if data is None or doc is None:
        return None, problems
    taken: dict[tuple[int, int], str] = {}
    warnings: list[Problem] = []
    placements: dict[str, Placement] = {}
    for slug, tile in data.tiles.items():
        where = ("tiles", slug)
        cells = [(c, r) for c in range(tile.col, tile.col + tile.width)
                 for r in range(tile.row, tile.row + tile.height)]
        clash = next((taken[c] for c in cells if c in taken), None)
        if clash:
            problems.append(Problem(name, doc.where(where), where, f"the tile overlaps the tile of `{clash}`",
                                    "move one of them to free cells"))
            continue
        taken.update(dict.fromkeys(cells, slug))
        if slug not in slugs:
            warnings.append(Problem(name, doc.where(where), where, f"`{slug}` is not an organisation in "
                                    "strategies/; the tile is left out",
                                    did_you_mean(slug, slugs) or "use the slug of a file in strategies/, or remove "
                                    "the tile"))
            continue
        placements[slug] = Placement(slug, tile.col, tile.row, tile.width, tile.height, tile.name.model_dump())
    for slug in slugs:
        if slug not in data.tiles:
            warnings.append(Problem(name, doc.where(("tiles",)), ("tiles",),
                                    f"the organisation `{slug}` has no tile on the map; it is drawn below the map",
                                    f"add `{slug}: {{col: ..., row: ..., name: {{fi: ..., sv: ...}}}}` under "
                                    "`tiles:`"))
    if problems:
        return None, sorted(problems, key=Problem.sort_key)
    return Layout(data.note.model_dump(), placements, warnings), []


def load_map(slugs: list[str], path: Path | None = None) -> Layout:
    """Read and validate the map; raise StrategyDataError with every problem."""
    path = path or MAP_FILE
    name = path.as_posix()
    if not path.is_file():
        raise StrategyDataError([Problem(name, Location(1, 1), (), "the map file does not exist",
                                         "the home page needs it; restore vocabulary/map.yaml")])
    raw = path.read_bytes()
    # checked again only when its bytes or the slugs changed (input/kept.py)
    layout, problems = _checked.get(name, (raw, tuple(slugs)), lambda: check_map(name, raw, slugs))
    if layout is None:
        raise StrategyDataError(problems)
    return layout


# what check_map made of the file, by name (input/kept.py)
_checked: KeptResults[tuple[Layout | None, list[Problem]]] = KeptResults()
