"""What the preview (`build.py serve`) keeps of its drawing between saves, and draws again only when
what it was drawn from changed.

A save changes one organisation's file, but the pages show every organisation: the preview would
draw every page whole again. What is drawn from one organisation's model alone (its pages, its
open-data texts, its wordings under a concept on a comparison page) is kept by the key that model
was loaded under (Catalogue.made_from) and the rest it is drawn from; what is drawn from a value
alone (a table's row: views/tables.py, a dataclass of plain words, addresses and flags) is kept by
the value's repr().

One store keeps what the last generation used. A generation draws in forked processes
(mkdocs/parallel.py), whose store is a copy: each reports what it used and drew (report), and the
preview's process takes the reports in (take) before the next fork. What no process used, such as
a removed organisation's pages, is forgotten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..input.load import Catalogue
from ..input.model import Organisation

Report = tuple[set[bytes], dict[bytes, str]]


class KeptDrawings:
    def __init__(self) -> None:
        self._kept: dict[bytes, str] = {}
        self._used: set[bytes] = set()
        self._made: dict[bytes, str] = {}

    def get(self, what: tuple, draw: Callable[[], object]) -> str:
        """str(draw()), or what it gave before for the same `what`: everything the drawing depends on."""
        key = hashlib.blake2b(repr(what).encode(), digest_size=16).digest()
        self._used.add(key)
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = self._made[key] = str(draw())
        return found

    def report(self) -> Report:
        """What this process used and drew since the last report."""
        report = (self._used, self._made)
        self._used, self._made = set(), {}
        return report

    def take(self, reports: list[Report]) -> None:
        """Keep what this generation's processes used or drew, and nothing else."""
        used = set().union(*(found for found, _ in reports))
        self._kept = {key: text for key, text in self._kept.items() if key in used}
        for _, made in reports:
            self._kept.update(made)


def of_organisation(kept: KeptDrawings | None, catalogue: Catalogue, org: Organisation, what: tuple,
                    draw: Callable[[], object]) -> str:
    """str(draw()), or, in the preview, what it gave before for the same organisation's model (the key
    its file was loaded under) and the same `what` (everything else the drawing depends on)."""
    made_from = catalogue.made_from.get(org.slug)
    if kept is None or made_from is None:
        return str(draw())
    return kept.get((made_from, *what), draw)
