"""Pages that list every organisation, split into parts when the catalogue is large.

Up to PART_SIZE organisations a comparison or coverage page shows them all on one page (the real
catalogue, 23 organisations, always does). Above it, the page at the same address becomes an index:
what holds for all organisations (counts, the grouping method) stays there, and the organisations
themselves are listed on numbered parts of PART_SIZE organisations each, in the order of their names
in the page's language (/vertailu/painopisteet/2/, /sv/jamforelser/prioriteringar/2/). Each part is
the same page drawn for its organisations only, so it stays as light as the one-page view of a
catalogue of PART_SIZE organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..input.model import Organisation
from .compare import ordered
from .queries import plain

# More organisations than this and a page that lists them all is split into parts of this many.
# At 100 the heaviest part (the priorities page) is about 110 KB gzipped with the theme's CSS and
# JavaScript, below the 150 KB every page is held to (benchmarks/bench.py, issue 21).
PART_SIZE = 100


@dataclass(frozen=True)
class Part:
    """One part of a split page: its number (from 1) and its organisations in name order."""

    number: int
    count: int  # how many parts the page has
    organisations: tuple[Organisation, ...]
    first: str  # the first and last organisation's name in the page's language
    last: str
    start: int  # the position of the first and the last organisation in the whole list, from 1
    end: int
    total: int  # organisations in the whole list


def split(organisations: list[Organisation], lang: str, size: int = PART_SIZE) -> list[Part]:
    """The parts of a page listing these organisations in lang; [] when they fit on one page."""
    if len(organisations) <= size:
        return []
    by_name = ordered(organisations, lang)
    chunks = [tuple(by_name[i:i + size]) for i in range(0, len(by_name), size)]
    return [Part(number, len(chunks), chunk, plain(chunk[0].name, lang), plain(chunk[-1].name, lang),
                 (number - 1) * size + 1, (number - 1) * size + len(chunk), len(by_name))
            for number, chunk in enumerate(chunks, start=1)]


def part_page(page: str, number: int) -> str:
    """The page name of a part: "compare/priorities" part 2 is "compare/priorities/2"."""
    return f"{page}/{number}"
