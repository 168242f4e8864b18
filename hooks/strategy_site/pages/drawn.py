"""What the preview (`build.py serve`) keeps of its drawing between saves, and draws again only when
what it was drawn from changed.

A save changes one organisation's file, but the pages show every organisation: the preview would
draw every page whole again. What is drawn from one organisation's model alone (its pages, its
open-data texts, its wordings under a concept on a comparison page) is kept by the key that model
was loaded under (Catalogue.made_from) and the rest it is drawn from; what is drawn from a value
alone (a table's row: views/tables.py, a dataclass of plain words, addresses and flags) is kept by
the value's repr().

One store keeps what the generations use (input/kept.KeptWhileUsed): what none of them used, such
as a removed organisation's pages, is forgotten before the store holds twice what one uses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..input.kept import KeptWhileUsed, Report
from ..input.load import Catalogue
from ..input.model import Organisation

__all__ = ["KeptDrawings", "Report", "of_organisation"]


class KeptDrawings(KeptWhileUsed[str]):
    def drawing(self, what: tuple, draw: Callable[[], object]) -> str:
        """str(draw()), or what it gave before for the same `what`: everything the drawing depends on."""
        return self.get(hashlib.blake2b(repr(what).encode(), digest_size=16).digest(), lambda: str(draw()))


def of_organisation(kept: KeptDrawings | None, catalogue: Catalogue, org: Organisation, what: tuple,
                    draw: Callable[[], object]) -> str:
    """str(draw()), or, in the preview, what it gave before for the same organisation's model (the key
    its file was loaded under) and the same `what` (everything else the drawing depends on)."""
    made_from = catalogue.made_from.get(org.slug)
    if kept is None or made_from is None:
        return str(draw())
    return kept.drawing((made_from, *what), draw)
