"""Rendered pages: golden files for a made-up organisation, and what a reader must see."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from golden import check_golden
from strategy_site.input.load import load_catalogue
from strategy_site.pages.export import data_files
from strategy_site.pages.render import Renderer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    # the build date pinned: the goldens show each strategy's state as of 1 December 2026
    return Renderer(load_catalogue(FIXTURES / "strategies"), today=dt.date(2026, 12, 1)).pages()


@pytest.mark.parametrize("page", ["org/esimerkki.fi.md", "org/esimerkki.sv.md", "index.fi.md", "index.sv.md"])
def test_golden(pages, page) -> None:
    check_golden(FIXTURES / "golden" / page.replace("/", "__"), pages[page])


def test_text_is_escaped_not_interpreted(pages) -> None:
    page = pages["org/esimerkki.fi.md"]
    assert "Hyvinvointia &amp; turvallisuutta *yhdessä* – [linkki](https://example.fi) &amp;amp; {muuta}" in page


def test_missing_swedish_falls_back_visibly_with_lang(pages) -> None:
    page = pages["org/esimerkki.sv.md"]
    assert '<span lang="fi">rohkeus</span> <span class="ss-mark ss-mark--fallback">endast på finska</span>' in page


def test_site_translation_is_marked_official_text_is_not(pages) -> None:
    page = pages["org/esimerkki.sv.md"]
    assert 'förtroende <span class="ss-mark ss-mark--translated">översättning</span>' in page
    assert "Det bästa välfärdsområdet <a" in page  # official (sv_source), no mark
    assert 'href="#source-esim-sv"' in page  # and cited to the Swedish source


def test_unknown_facts_are_said_politely(pages) -> None:
    old = pages["org/esimerkki.fi.md"].split('id="strategy-2022"')[1]
    assert "Ei vielä lähteissä." in old.split('id="strategy-2022-values"')[0]


def test_every_page_exists_in_both_languages(pages) -> None:
    stems = {p.rsplit(".", 2)[0] for p in pages if p.endswith(".md")}
    for stem in stems:
        assert f"{stem}.fi.md" in pages and f"{stem}.sv.md" in pages
    # the tables' CSV files too, one folder per language
    tables = {p for p in pages if p.endswith(".csv")}
    assert tables and {p.replace("data/taulukot/", "data/tabeller/") for p in tables} == \
        {p.replace("data/taulukot/", "data/tabeller/") for p in tables if p.startswith("data/tabeller/")}


def test_quantities_keep_their_qualifier(pages) -> None:
    assert "yli 1\u00a0000" in pages["org/esimerkki.fi.md"]
    assert "noin 230 asukasta" in pages["org/esimerkki.fi.md"]
    assert "cirka 230 invånare" in pages["org/esimerkki.sv.md"]


def test_planned_and_done_are_told_apart(pages) -> None:
    page = pages["org/esimerkki.fi.md"]
    assert "suunnitteilla lähteen julkaisuaikaan" in page and "toteutunut" in page


def test_organisation_statements_are_not_headed_like_a_strategys(tmp_path) -> None:
    """Both lists can be on one page: the organisation's own one says whose it is."""
    text = (FIXTURES / "strategies" / "esimerkki.yaml").read_text(encoding="utf-8")
    text = text.replace("\nstrategies:\n", "\nstatements:\n  - {fi: Organisaation oma tieto., sv: Organisationens egen uppgift.}"
                                           "\nstrategies:\n", 1)
    text = text.replace("\n    milestones:\n", "\n    statements:\n      - {fi: Strategian oma tieto.}\n    milestones:\n", 1)
    (tmp_path / "esimerkki.yaml").write_text(text, encoding="utf-8")
    pages = Renderer(load_catalogue(tmp_path)).pages()
    fi, sv = pages["org/esimerkki.fi.md"], pages["org/esimerkki.sv.md"]
    assert '<h2 id="statements">Muuta organisaatiosta lähteissä kerrottua</h2>' in fi
    assert '<h3 id="strategy-2026-2030-statements">Muuta lähteissä kerrottua</h3>' in fi
    assert '<h2 id="statements">Övrigt om organisationen i källorna</h2>' in sv
    assert '<h3 id="strategy-2026-2030-statements">Övrigt i källorna</h3>' in sv


def test_a_source_list_reads_in_the_pages_language(tmp_path) -> None:
    """A publisher and a document given in both languages are shown in the page's language: the
    wording of the source's own language as it is, the other marked as the site's translation;
    a document description is the editors' own words and carries no mark. A plain name stays as given."""
    text = (FIXTURES / "strategies" / "esimerkki.yaml").read_text(encoding="utf-8")
    text = text.replace("    publisher: Esimerkin hyvinvointialue\n    date: null\n",
                        "    publisher:\n      fi: Esimerkin hyvinvointialue, aluevaltuusto (pöytäkirja)\n"
                        "      sv: Exempels välfärdsområde, välfärdsområdesfullmäktige (protokoll)\n    date: null\n", 1)
    text = text.replace("    document: Aluevaltuuston pöytäkirja 13.6.2022, liite 1\n",
                        "    document:\n      fi: Aluevaltuuston pöytäkirja 13.6.2022, liite 1\n"
                        "      sv: Välfärdsområdesfullmäktiges protokoll 13.6.2022, bilaga 1\n", 1)
    (tmp_path / "esimerkki.yaml").write_text(text, encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    pages = Renderer(catalogue).pages()
    fi, sv = pages["org/esimerkki.fi.md"], pages["org/esimerkki.sv.md"]
    assert ('<span lang="sv">Exempels välfärdsområde, välfärdsområdesfullmäktige (protokoll) '
            '<span class="ss-mark ss-mark--translated">översättning</span></span>') in sv
    assert '<span lang="sv">Välfärdsområdesfullmäktiges protokoll 13.6.2022, bilaga 1</span>.' in sv
    assert '<span lang="fi">Esimerkin hyvinvointialue, aluevaltuusto (pöytäkirja)</span>,' in fi
    assert "Exempels välfärdsområde</a>" not in sv and "\nExempels välfärdsområde, <span" in sv
    csv_text = data_files(catalogue)["data/org/esimerkki.csv"]
    assert "Esimerkin hyvinvointialue, aluevaltuusto (pöytäkirja)" in csv_text
    assert "välfärdsområdesfullmäktige (protokoll)" not in csv_text


def test_the_official_languages_cite_each_of_their_sources_on_the_page_and_in_the_open_data() -> None:
    catalogue = load_catalogue(FIXTURES / "strategies")
    pages = Renderer(catalogue).pages()
    for lang, label in (("fi", "Viralliset kielet"), ("sv", "Officiella språk")):
        line = pages[f"org/esimerkki.{lang}.md"].split(f"<dt>{label}</dt>", 1)[1].split("</dd>", 1)[0]
        assert line.count('class="ss-cite"') == 2, line
        assert 'href="#source-esim-fi"' in line and 'href="#source-esim-sv"' in line
    rows = list(csv.DictReader(io.StringIO(data_files(catalogue)["data/org/esimerkki.csv"].lstrip("\ufeff"))))
    languages = sorted((r["value"], r["source"]) for r in rows if r["field"] == "languages")
    assert languages == [("fi", "esim-fi"), ("fi", "esim-sv"), ("sv", "esim-fi"), ("sv", "esim-sv")]
    org = json.loads(data_files(catalogue)["data/org/esimerkki.json"])["organisation"]
    assert org["languages_source"] == ["esim-fi", "esim-sv"]


def test_a_name_that_opens_a_heading_starts_with_a_capital_letter() -> None:
    from strategy_site.pages.render import _heading_case

    assert _heading_case("välfärdssamkommunen i Österbotten") == "Välfärdssamkommunen i Österbotten"
    assert _heading_case('<span lang="fi">sosiaali- ja terveyspiiri Eksote</span> <span class="ss-mark">x</span>') \
        == '<span lang="fi">Sosiaali- ja terveyspiiri Eksote</span> <span class="ss-mark">x</span>'
    assert _heading_case("Esote") == "Esote"
