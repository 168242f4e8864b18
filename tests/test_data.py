"""The data itself: every organisation is there, every fact sourced, names in their official forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_site.input.load import load_catalogue
from strategy_site.input.resolve import facts_of

ROOT = Path(__file__).resolve().parent.parent

# Names as the law gives them (616/2021 § 7); the Swedish forms as listed on vaalit.fi/sv/valfardsomraden.
OFFICIAL_NAMES = {
    "ita-uusimaa": ("Itä-Uudenmaan hyvinvointialue", "Östra Nylands välfärdsområde"),
    "keski-uusimaa": ("Keski-Uudenmaan hyvinvointialue", "Mellersta Nylands välfärdsområde"),
    "lansi-uusimaa": ("Länsi-Uudenmaan hyvinvointialue", "Västra Nylands välfärdsområde"),
    "vantaa-kerava": ("Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde"),
    "varsinais-suomi": ("Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde"),
    "satakunta": ("Satakunnan hyvinvointialue", "Satakunta välfärdsområde"),
    "kanta-hame": ("Kanta-Hämeen hyvinvointialue", "Egentliga Tavastlands välfärdsområde"),
    "pirkanmaa": ("Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde"),
    "paijat-hame": ("Päijät-Hämeen hyvinvointialue", "Päijänne-Tavastlands välfärdsområde"),
    "kymenlaakso": ("Kymenlaakson hyvinvointialue", "Kymmenedalens välfärdsområde"),
    "etela-karjala": ("Etelä-Karjalan hyvinvointialue", "Södra Karelens välfärdsområde"),
    "etela-savo": ("Etelä-Savon hyvinvointialue", "Södra Savolax välfärdsområde"),
    "pohjois-savo": ("Pohjois-Savon hyvinvointialue", "Norra Savolax välfärdsområde"),
    "pohjois-karjala": ("Pohjois-Karjalan hyvinvointialue", "Norra Karelens välfärdsområde"),
    "keski-suomi": ("Keski-Suomen hyvinvointialue", "Mellersta Finlands välfärdsområde"),
    "etela-pohjanmaa": ("Etelä-Pohjanmaan hyvinvointialue", "Södra Österbottens välfärdsområde"),
    "pohjanmaa": ("Pohjanmaan hyvinvointialue", "Österbottens välfärdsområde"),
    "keski-pohjanmaa": ("Keski-Pohjanmaan hyvinvointialue", "Mellersta Österbottens välfärdsområde"),
    "pohjois-pohjanmaa": ("Pohjois-Pohjanmaan hyvinvointialue", "Norra Österbottens välfärdsområde"),
    "kainuu": ("Kainuun hyvinvointialue", "Kajanalands välfärdsområde"),
    "lappi": ("Lapin hyvinvointialue", "Lapplands välfärdsområde"),
    "helsinki": ("Helsingin kaupunki", "Helsingfors stad"),
}
BILINGUAL = {"ita-uusimaa", "lansi-uusimaa", "vantaa-kerava", "varsinais-suomi", "kymenlaakso", "pohjanmaa",
             "keski-pohjanmaa", "helsinki", "hus"}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "strategies")


def test_all_welfare_areas_and_helsinki_are_there(catalogue) -> None:
    slugs = {o.slug for o in catalogue.organisations}
    assert set(OFFICIAL_NAMES) <= slugs
    assert sum(o.kind == "welfare_area" for o in catalogue.organisations) == 21


@pytest.mark.parametrize("slug", sorted(OFFICIAL_NAMES))
def test_names_follow_the_official_forms(catalogue, slug: str) -> None:
    org = catalogue.by_slug(slug)
    assert (org.name.fi, org.name.sv) == OFFICIAL_NAMES[slug]
    assert org.name.is_official("fi") and org.name.is_official("sv"), "both names need a source in their language"


def test_official_languages(catalogue) -> None:
    for org in catalogue.organisations:
        assert ("sv" in org.languages) == (org.slug in BILINGUAL), org.slug
    assert catalogue.by_slug("pohjanmaa").languages == ["sv", "fi"]


def test_every_fact_has_a_source_that_exists(catalogue) -> None:
    for org in catalogue.organisations:
        ids = {s.id for s in org.sources}
        facts = facts_of(org)
        assert facts, org.slug
        for fact in facts:
            assert fact.source in ids, (org.slug, fact)


def test_every_source_is_used_and_no_address_is_listed_twice(catalogue) -> None:
    for org in catalogue.organisations:
        cited = set()
        for fact in facts_of(org):
            cited |= {fact.source, fact.fi_source, fact.sv_source}
        for strategy in org.strategies:
            cited |= {strategy.status_source, strategy.approval and strategy.approval.source,
                      strategy.period and strategy.period.source}
        cited |= {org.short_name and org.short_name.source, org.municipalities_source}
        cited |= {p.short_name and p.short_name.source for p in org.predecessors}
        for source in org.sources:
            assert source.id in cited or _used_by_nested_text(org, source.id), (org.slug, source.id)
        urls = [s.url for s in org.sources if s.url]
        assert len(urls) == len(set(urls)), org.slug


def _used_by_nested_text(org, source_id: str) -> bool:
    # a Swedish or Finnish text inside a fact (a description, a body) may cite its own source
    return f'"{source_id}"' in org.model_dump_json(exclude={"sources"})


def test_no_personal_contact_details(catalogue) -> None:
    import re

    for path in (ROOT / "strategies").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{path.name} has an e-mail address"
        assert not re.search(r"\b0\d{1,2}[ -]?\d{3}[ -]?\d{3,4}\b", text), f"{path.name} has a phone number"


def test_every_organisations_official_languages_cite_the_language_act_and_the_decree(catalogue) -> None:
    # Language Act 6 § (644/2021): the rule; the decree on the municipalities' language status: the fact.
    for org in catalogue.organisations:
        assert {"kielilaki-644-2021", "spraklag-644-2021", "sprakstatus-2013-2022"} <= set(org.languages_source), \
            org.slug
