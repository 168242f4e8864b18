"""The home page's map: the geometry and words of every tile, from the placement in
vocabulary/map.yaml (input/mapfile.py). The template only draws what this gives it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..input.labels import label
from ..input.mapfile import Layout, Placement
from ..input.model import LANGS, Organisation

# Geometry in SVG user units; the drawing scales to the width of the page.
CELL_W, CELL_H, GAP = 100, 68, 4
NAME_SIZE, SMALL_SIZE = 15, 13
CHAR_W = 0.56  # average width of a character of the theme's sans-serif, in font sizes


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float
    size: str  # "name" or "small": a CSS class
    fit: float | None = None  # a width to squeeze the line into (SVG textLength) when it is too long


@dataclass(frozen=True)
class Tile:
    slug: str
    href: str
    x: int
    y: int
    width: int
    height: int
    kind: str  # the organisation's kind: welfare_area, city, joint_authority
    state: str  # the state's kind (state.STATES), for colour and pattern
    lines: list[Line]  # the area's name (one <text>, a <tspan> a line), then the kind and the state
    accessible_name: str  # what the visible words say, for tests and tools; the link's name comes from them


@dataclass(frozen=True)
class CountryMap:
    width: int
    height: int
    tiles: list[Tile]
    note: str
    states: list[str] = field(default_factory=list)  # the states that occur, in the legend's order


def plain_name(org: Organisation) -> str:
    return org.name.fi or org.name.sv or ""


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy lines of whole words; a long compound breaks after its hyphen (Pohjois-|Pohjanmaa).

    Lossless: the lines joined are the text exactly (a space at a break stays at the end of its
    line), so the link's name, read from the lines, is the text as written."""
    most = max(4, int(width / (size * CHAR_W)))
    lines, current = [], ""
    for token in re.findall(r"[^\s-]+-?|-|\s+", text):
        if not token.isspace() and current.strip() and len(current.rstrip() + token) > most:
            lines.append(current)
            current = ""
        current += token
    if current or not lines:
        lines.append(current)
    return lines


def country_map(layout: Layout, organisations: list[Organisation], state_of, lang: str,
                org_url: Callable[[str], str]) -> CountryMap:
    """The tiles of the organisations in reading order (north to south, west to east); org_url(slug)
    is the link from the home page to an organisation's page (the pages layer's links.PageLinks)."""
    from .state import STATES

    by_slug = {org.slug: org for org in organisations}
    placements = [p for p in layout.placements.values() if p.slug in by_slug]
    # organisations without a tile: a row of their own below the map, five to a row
    below = max((p.row + p.height for p in placements), default=0)
    unplaced = [org for org in organisations if org.slug not in layout.placements]
    for i, org in enumerate(unplaced):
        name = plain_name(org)
        placements.append(Placement(org.slug, i % 5, below + i // 5, 1, 1,
                                    {code: org.name.get(code) or name for code in LANGS}))
    tiles = []
    for place in sorted(placements, key=lambda p: (p.row, p.col)):
        org = by_slug[place.slug]
        state = state_of(org)
        x, y = place.col * CELL_W + GAP // 2, place.row * CELL_H + GAP // 2
        width, height = place.width * CELL_W - GAP, place.height * CELL_H - GAP
        # The editorial names of map.yaml wrap at spaces and hyphens; a name from the data (a short
        # name, the name of an organisation without a tile) stays one piece, squeezed if it must be.
        editorial = not org.short_name and place.slug in layout.placements
        name = org.short_name.name if org.short_name else place.name[lang]
        name_lines = _wrap(name, NAME_SIZE * 1.12, width - 8) if editorial else [name]  # bold: wider
        words = [(text, "name", NAME_SIZE) for text in name_lines]
        if org.kind != "welfare_area":
            kind_lines = _wrap(label(f"kind_{org.kind}", lang), SMALL_SIZE, width - 8)
            kind_lines[-1] += " "  # the kind and the state are two phrases of one <text>
            words += [(text, "small", SMALL_SIZE) for text in kind_lines]
        words += [(text, "small", SMALL_SIZE) for text in _wrap(state.short(lang), SMALL_SIZE, width - 8)]
        line_height = {"name": NAME_SIZE * 1.15, "small": SMALL_SIZE * 1.2}
        total = sum(line_height[size] for _, size, _ in words)
        top = y + (height - total) / 2
        lines = []
        for text, size, points in words:
            top += line_height[size]
            estimate = len(text.strip()) * points * CHAR_W * (1.12 if size == "name" else 1)
            fit = width - 8 if estimate > width - 8 else None
            lines.append(Line(text, x + width / 2, round(top - 0.25 * points, 1), size, fit))
        spoken = " ".join("".join(line.text for line in lines if line.size == size) for size in ("name", "small"))
        tiles.append(Tile(org.slug, org_url(org.slug), x, y, width, height, org.kind, state.kind, lines,
                          spoken))
    columns = max((p.col + p.width for p in placements), default=1)
    rows = max((p.row + p.height for p in placements), default=1)
    present = {tile.state for tile in tiles}
    return CountryMap(columns * CELL_W, rows * CELL_H, tiles, layout.note[lang],
                      [kind for kind in STATES if kind in present])
