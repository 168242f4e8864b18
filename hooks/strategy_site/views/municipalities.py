"""Municipalities as readers look for them: names per language, in alphabetical order, and
the index the home page's finder searches.

Plain objects for the pages (the list page, the finder, the organisation page); no HTML here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..input.load import Catalogue
from ..input.model import Municipality, Organisation, Source

# Finnish and Swedish alphabets both end in å, ä, ö (in that order), after z; w sorts with v in
# neither any more, ü is y and other accented letters are their base letter.
_AFTER_Z = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}


def collation_key(name: str) -> tuple:
    """Sort key for Finnish and Swedish A–Ö order: Åbo, Ähtäri and Övertorneå after Ylöjärvi."""
    out = []
    for char in name.casefold():
        if char in _AFTER_Z:
            out.append(_AFTER_Z[char])
        elif char == "ü":
            out.append("y")
        else:
            base = unicodedata.normalize("NFD", char)[0]
            out.append(base if base.isalnum() else " ")
    return ("".join(out), name)


def initial(name: str) -> str:
    """The letter a name is listed under (A … Ö)."""
    first = name[:1].upper()
    return first if first in "ÅÄÖ" else unicodedata.normalize("NFD", first)[0]


@dataclass(frozen=True)
class MunicipalityName:
    """A municipality's name as a page in one language shows it."""

    name: str
    lang: str  # the language of name: the page's, or Finnish where there is no Swedish name
    other: str | None  # the name in the other language, when it differs
    other_lang: str
    municipality: Municipality


def name_in(municipality: Municipality, lang: str) -> MunicipalityName:
    if lang == "sv" and municipality.sv:
        other = municipality.fi if municipality.fi != municipality.sv else None
        return MunicipalityName(municipality.sv, "sv", other, "fi", municipality)
    other = municipality.sv if municipality.sv and municipality.sv != municipality.fi else None
    return MunicipalityName(municipality.fi, "fi", other, "sv", municipality)


def municipalities_of(org: Organisation, lang: str) -> list[MunicipalityName]:
    """The organisation's municipalities by their names in lang (Finnish where there is no
    Swedish name), in A–Ö order of those names."""
    return sorted((name_in(m, lang) for m in org.municipalities), key=lambda n: collation_key(n.name))


def municipality_sources(org: Organisation, lang: str) -> list[str]:
    """The ids of the sources behind the municipality list in lang: membership, and in Swedish
    the sources where the Swedish names are seen; each once, in the order of first use."""
    ids = [m.source for m in org.municipalities]
    if lang == "sv":
        ids += [m.sv_source for m in org.municipalities if m.sv_source]
    return list(dict.fromkeys(i for i in ids if i))


@dataclass(frozen=True)
class MunicipalityEntry:
    """One line of the list page: a municipality and the organisation that arranges its services."""

    name: MunicipalityName
    org: Organisation
    anchor: str  # fragment id on the list page


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    anchor: str
    entries: list[MunicipalityEntry]


_LETTER_IDS = {"Å": "aa", "Ä": "ae", "Ö": "oe"}


def _anchor(fi: str) -> str:
    """A fragment id from the Finnish name: kunta-hameenlinna, kunta-pedersoeren-kunta."""
    plain = fi.casefold()
    for letter, spelt in (("å", "aa"), ("ä", "ae"), ("ö", "oe")):
        plain = plain.replace(letter, spelt)
    plain = "".join(c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c))
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in plain).split()
    return "kunta-" + "-".join(words)


def municipality_entries(catalogue: Catalogue, lang: str) -> list[MunicipalityEntry]:
    """Every municipality of every organisation, A–Ö by its name in lang."""
    entries = [MunicipalityEntry(name_in(m, lang), org, _anchor(m.fi))
               for org in catalogue.organisations for m in org.municipalities]
    return sorted(entries, key=lambda e: collation_key(e.name.name))


def letter_groups(entries: list[MunicipalityEntry]) -> list[LetterGroup]:
    groups: dict[str, list[MunicipalityEntry]] = {}
    for entry in entries:
        groups.setdefault(initial(entry.name.name), []).append(entry)
    return [LetterGroup(letter, "kirjain-" + _LETTER_IDS.get(letter, letter.lower()), items)
            for letter, items in groups.items()]


def list_page_sources(catalogue: Catalogue) -> list[Source]:
    """The sources the list page cites itself: the division's, and those of remarks (HUS)."""
    found: dict[str, Source] = {}
    if catalogue.division:
        for source in catalogue.division.sources:
            found.setdefault(source.id, source)
    for org in catalogue.organisations:
        by_id = {s.id: s for s in org.sources}
        for municipality in org.municipalities:
            if municipality.remark and municipality.remark.source:
                found.setdefault(municipality.remark.source, by_id[municipality.remark.source])
    return list(found.values())


def finder_index(entries: list[MunicipalityEntry], org_name) -> dict:
    """What the finder script searches, as compact JSON data: organisations once, then one row per
    municipality [name in the page's language, name in the other language or "", organisation,
    language of the name (the page's, or fi where there is no Swedish name)]."""
    orgs: list[list[str]] = []
    position: dict[str, int] = {}
    rows: list[list] = []
    for entry in entries:
        if entry.org.slug not in position:
            position[entry.org.slug] = len(orgs)
            orgs.append([entry.org.slug, org_name(entry.org)])
        rows.append([entry.name.name, entry.name.other or "", position[entry.org.slug], entry.name.lang])
    return {"orgs": orgs, "municipalities": rows}
