"""The printed handout's line of when the site was built, in the page's language.

MkDocs' build date is SOURCE_DATE_EPOCH when that is set (a reproducible build), otherwise the
day of the build: the printout says which version of the site it is.
"""

from __future__ import annotations

import datetime as dt

from ..input.labels import label


def built_line(built: dt.datetime | dt.date | None, lang: str) -> str:
    """"Sivusto koottu 1.12.2026." / "Webbplatsen sammanställd 1.12.2026." ("" without a date)."""
    if built is None:
        return ""
    return label("print_built", lang, date=f"{built.day}.{built.month}.{built.year}")
