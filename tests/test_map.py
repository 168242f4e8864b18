"""The home page's map: the placement file is validated with located messages, matches the
real organisations exactly, and the geometry and words come from Python."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategy_site.input.errors import StrategyDataError
from strategy_site.input.load import load_catalogue
from strategy_site.input.mapfile import MAP_FILE, check_map, load_map
from strategy_site.pages.links import PageLinks
from strategy_site.views.countrymap import country_map
from strategy_site.views.queries import latest_strategy
from strategy_site.views.state import strategy_state

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "strategies")


def test_every_organisation_has_exactly_one_tile_and_no_tile_is_left_over(catalogue) -> None:
    slugs = [org.slug for org in catalogue.organisations]
    layout = load_map(slugs)
    assert sorted(layout.placements) == sorted(slugs)
    assert layout.warnings == []
    assert "schematic" in MAP_FILE.read_text(encoding="utf-8")
    assert "kaavamainen" in layout.note["fi"] and "schematisk" in layout.note["sv"]


def test_tiles_do_not_overlap_and_read_north_to_south(catalogue) -> None:
    layout = load_map([org.slug for org in catalogue.organisations])
    drawn = country_map(layout, catalogue.organisations,
                        lambda org: strategy_state(org, latest_strategy(org), DAY), "sv",
                        PageLinks.of_page("index", "sv").org_url)
    boxes = [(t.x, t.y, t.x + t.width, t.y + t.height) for t in drawn.tiles]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    order = [t.slug for t in drawn.tiles]
    assert order[0] == "lappi" and order.index("helsinki") > order.index("pirkanmaa")
    by_slug = {t.slug: t for t in drawn.tiles}
    # short name where there is one, the area's name otherwise; the state in words on the tile
    assert [line.text for line in by_slug["keski-pohjanmaa"].lines] == ["Soite", "under ", "beredning"]
    assert by_slug["etela-karjala"].state == "ended"
    assert by_slug["etela-karjala"].accessible_name == "Södra Karelen har gått ut"
    assert by_slug["hus"].kind == "joint_authority"
    assert by_slug["hus"].accessible_name.startswith("HUS välfärdssammanslutning ")
    assert by_slug["helsinki"].accessible_name == "Helsingfors stad i kraft"
    assert all(t.href == f"org/{t.slug}/" for t in drawn.tiles)
    assert drawn.states == [s for s in ("in_force", "upcoming", "ended", "in_preparation", "unknown")
                            if s in {t.state for t in drawn.tiles}]


BAD = {
    "unknown-field": ("note: {fi: a, sv: b}\ntiles:\n  a: {col: 0, row: 0, colour: red, name: {fi: A, sv: A}}\n",
                      "map.yaml:3:23: tiles.a.colour: unknown field `colour`"),
    "out-of-range": ("note: {fi: a, sv: b}\ntiles:\n  a: {col: -1, row: 0, name: {fi: A, sv: A}}\n",
                     "map.yaml:3:7: tiles.a.col: expected a whole number 0–9, not -1"),
    "no-swedish": ("note: {fi: a, sv: b}\ntiles:\n  a: {col: 0, row: 0, name: {fi: A}}\n",
                   "map.yaml:3:23: tiles.a.name.sv: the required field `sv` is missing"),
    "overlap": ("note: {fi: a, sv: b}\ntiles:\n  a: {col: 0, row: 0, width: 2, name: {fi: A, sv: A}}\n"
                "  b: {col: 1, row: 0, name: {fi: B, sv: B}}\n",
                "map.yaml:4:3: tiles.b: the tile overlaps the tile of `a`"),
    "no-note": ("tiles:\n  a: {col: 0, row: 0, name: {fi: A, sv: A}}\n",
                "map.yaml:1:1: note: the required field `note` is missing"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_malformed_map_gets_a_located_message(case: str) -> None:
    text, message = BAD[case]
    layout, problems = check_map("map.yaml", text.encode(), ["a", "b"])
    assert layout is None
    assert message in [str(p).split("\n")[0] for p in problems], [str(p) for p in problems]


def test_a_tile_of_no_organisation_and_an_organisation_without_a_tile_are_warnings() -> None:
    text = "note: {fi: a, sv: b}\ntiles:\n  kainu: {col: 0, row: 0, name: {fi: A, sv: A}}\n"
    layout, problems = check_map("map.yaml", text.encode(), ["kainuu"])
    assert problems == []
    assert [str(w).split("\n")[0] for w in layout.warnings] == [
        "map.yaml:3:3: tiles.kainu: `kainu` is not an organisation in strategies/; the tile is left out",
        "map.yaml:2:1: tiles: the organisation `kainuu` has no tile on the map; it is drawn below the map"]
    assert "did you mean `kainuu`?" in str(layout.warnings[0])


def test_a_missing_map_file_stops_the_build(tmp_path) -> None:
    with pytest.raises(StrategyDataError, match="the map file does not exist"):
        load_map(["a"], tmp_path / "map.yaml")
