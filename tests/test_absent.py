"""Absent is not unknown: a source can show that a strategy has no vision (or mission, values,
priorities); the organisation, coverage and comparison pages say so, apart from "not found".

Built from real files in tmp_path with the real loader and renderer.
"""

from __future__ import annotations

import re
from pathlib import Path

from strategy_site.input.errors import StrategyDataError
from strategy_site.input.load import load_catalogue
from strategy_site.pages import sections
from strategy_site.pages.render import Renderer
from strategy_site.pages.urls import page_path
from strategy_site.views import coverage
from test_compare import org_yaml, write

NO_VISION = {"element": "vision", "note": {"fi": "Strategian osat on lueteltu; visio ei ole niiden joukossa."}}


def catalogue_dir(tmp_path: Path) -> Path:
    write(tmp_path, org_yaml("alfa", "Alfan hyvinvointialue", "Alfa välfärdsområde",
                             values=[{"fi": "rohkeus"}], not_in_strategy=[NO_VISION]))
    write(tmp_path, org_yaml("beta", "Betan hyvinvointialue", "Beta välfärdsområde",
                             values=[{"fi": "avoimuus"}]))
    return tmp_path


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_organisation_page_states_the_absence_with_its_source(tmp_path) -> None:
    renderer = Renderer(load_catalogue(catalogue_dir(tmp_path)))
    pages = renderer.pages()
    fi, sv = pages[page_path("org/alfa", "fi")], pages[page_path("org/alfa", "sv")]
    vision_fi = fi.split('id="strategy-2023-vision"')[1].split("<h3")[0]
    vision_sv = sv.split('id="strategy-2023-vision"')[1].split("<h3")[0]
    assert "Strategiassa ei ole visiota." in vision_fi and 'href="#source-src"' in vision_fi
    assert "Strategin har ingen vision." in vision_sv and 'href="#source-src"' in vision_sv
    assert "Ei vielä lähteissä" not in vision_fi and "Finns ännu inte" not in vision_sv
    # the other organisation's vision is simply unknown
    beta = pages[page_path("org/beta", "fi")].split('id="strategy-2023-vision"')[1].split("<h3")[0]
    assert "Ei vielä lähteissä." in beta and "ei ole visiota" not in beta


def test_coverage_counts_absent_apart_from_not_found(tmp_path) -> None:
    catalogue = load_catalogue(catalogue_dir(tmp_path))
    facts = {org.slug: coverage.organisation_coverage(org).facts["vision"] for org in catalogue.organisations}
    assert (facts["alfa"].known, facts["alfa"].absent, facts["alfa"].not_found) == (False, True, False)
    assert (facts["beta"].known, facts["beta"].absent, facts["beta"].not_found) == (False, False, True)
    page = visible(sections.coverage_pages(Renderer(catalogue))[page_path("coverage", "fi")])
    assert "Ei tässä strategiassa (lähteen mukaan)" in page
    assert re.search(r"Visio 0/2 1/2 1/2", page), page


def test_comparison_pages_show_absent_apart_from_unknown(tmp_path) -> None:
    pages = sections.compare_pages(Renderer(load_catalogue(catalogue_dir(tmp_path))))
    visions = pages[page_path("compare/visions", "fi")]
    absent = visions.split('id="vision-absent"')[1].split("</section>")[0]
    unknown = visions.split('id="vision-unknown"')[1].split("</section>")[0]
    assert "Alfan" in absent and "Strategiassa ei ole visiota." in absent and "Betan" not in absent
    assert "Betan" in unknown and "Alfan" not in unknown
    sv = pages[page_path("compare/visions", "sv")]
    assert "Strategin har ingen vision" in sv


def test_an_element_cannot_be_both_given_and_absent(tmp_path) -> None:
    write(tmp_path, org_yaml("alfa", "Alfan hyvinvointialue", "Alfa välfärdsområde",
                             vision={"fi": "Paras alue"}, not_in_strategy=[NO_VISION]))
    try:
        load_catalogue(tmp_path)
    except StrategyDataError as err:
        assert "`vision` is given and also listed in not_in_strategy" in str(err)
    else:
        raise AssertionError("a vision that is both given and absent must be refused")
