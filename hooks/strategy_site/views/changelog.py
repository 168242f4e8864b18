"""The change log as readers see it: each entry in Finnish and Swedish, for the change page, the
organisation pages and the feeds.

input/history.py reads what changed from git; this module says it in words ("uusi strategia
2026–2029", "arvot (2026–2029)") and names the organisation. No markup and no paths here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..input.history import Change, Entry, History
from ..input.labels import label
from ..input.load import Catalogue
from ..input.model import LANGS, Organisation
from .queries import plain


def phrase(change: Change, lang: str) -> str:
    """What changed, in a few words: "uusi strategia 2026–2029", "arvot (2026–2029)", "lähteet"."""
    if change.kind in ("new_strategy", "removed_strategy"):
        return label(f"ch_{change.kind}", lang, version=change.version)
    if change.kind != "field":
        return label(f"ch_{change.kind}", lang)
    what = label(f"ch_field_{change.field}", lang)
    return label("ch_in_version", lang, what=what, version=change.version) if change.version else what


@dataclass
class EntryView:
    """One entry in one language: the organisation's name, what changed, and where to read it."""

    entry: Entry
    name: str
    name_lang: str  # the language the name is in (a removed organisation may have only one)
    what: list[str]
    org: Organisation | None  # None when the organisation is no longer on the site

    @property
    def anchor(self) -> str:
        return self.entry.anchor

    @property
    def summary(self) -> str:
        return ", ".join(self.what)

    @property
    def day_text(self) -> str:
        """The day of the change as both languages write it: 25.11.2026."""
        return day(self.entry)

    @property
    def iso_day(self) -> str:
        """The day of the change for a <time datetime>: 2026-11-25."""
        return self.entry.day.isoformat()


def entry_view(entry: Entry, catalogue: Catalogue, lang: str) -> EntryView:
    org = next((o for o in catalogue.organisations if o.slug == entry.slug), None)
    if org is not None:
        name, name_lang = plain(org.name, lang), lang if org.name.get(lang) else next(
            code for code in LANGS if org.name.get(code))
    else:
        name_lang = lang if entry.name.get(lang) else next(iter(entry.name), lang)
        name = entry.name.get(name_lang, entry.slug)
    return EntryView(entry, name, name_lang, [phrase(c, lang) for c in entry.changes], org)


def views(history: History, catalogue: Catalogue, lang: str) -> list[EntryView]:
    return [entry_view(e, catalogue, lang) for e in history.entries]


def day(entry: Entry) -> str:
    """The date as both languages write it: 25.11.2026."""
    d = entry.day
    return f"{d.day}.{d.month}.{d.year}"
