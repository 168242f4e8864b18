"""When the facts were last checked: the organisation page and the coverage page show it, and
the coverage page lists organisations not checked in the 6 months before the build date."""

from __future__ import annotations

import datetime as dt

from strategy_site.input.dates import build_date
from strategy_site.input.errors import StrategyDataError
from strategy_site.input.load import load_catalogue
from strategy_site.pages import sections
from strategy_site.pages.render import Renderer
from strategy_site.pages.urls import page_path
from strategy_site.views import coverage
from test_absent import visible
from test_compare import org_yaml, write


def test_six_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert coverage.months_before(dt.date(2026, 12, 1), 6) == dt.date(2026, 6, 1)
    assert coverage.months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert coverage.months_before(dt.date(2026, 3, 15), 6) == dt.date(2025, 9, 15)


def catalogue(tmp_path):
    checked = org_yaml("alfa", "Alfan hyvinvointialue", "Alfa välfärdsområde")
    checked["last_checked"] = "2026-06-01"
    write(tmp_path, checked)
    write(tmp_path, org_yaml("beta", "Betan hyvinvointialue", "Beta välfärdsområde"))
    return load_catalogue(tmp_path)


def test_check_is_due_by_the_build_date(tmp_path) -> None:
    alfa, beta = catalogue(tmp_path).organisations
    assert not coverage.check_due(alfa, dt.date(2026, 12, 1))  # exactly six months: still fresh
    assert coverage.check_due(alfa, dt.date(2026, 12, 2))
    assert coverage.check_due(beta, dt.date(2026, 12, 1))  # never checked


def test_pages_show_the_date_and_the_due_list(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 20, tzinfo=dt.UTC).timestamp())))
    assert build_date() == dt.date(2026, 12, 20)
    renderer = Renderer(catalogue(tmp_path))
    org_fi = renderer.pages()[page_path("org/alfa", "fi")]
    assert "Toimitus tarkisti lähteet viimeksi 1.6.2026." in org_fi
    pages = sections.coverage_pages(renderer)
    due_fi = visible(pages[page_path("coverage", "fi")].split('id="check-due"')[1])
    assert "tarkistetuksi 20.6.2026 jälkeen" in due_fi
    assert "Alfan hyvinvointialue : tarkistettu viimeksi 1.6.2026" in due_fi
    assert "Betan hyvinvointialue : tarkistusta ei kirjattu" in due_fi
    due_sv = visible(pages[page_path("coverage", "sv")].split('id="check-due"')[1])
    assert "Alfa välfärdsområde" in due_sv and "senast kontrollerade 1.6.2026" in due_sv
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 7, 1, tzinfo=dt.UTC).timestamp())))
    renderer = Renderer(renderer.catalogue)  # a build on another day: the renderer takes the build date once
    due_fi = visible(sections.coverage_pages(renderer)[page_path("coverage", "fi")].split('id="check-due"')[1])
    assert "Alfan" not in due_fi and "Betan" in due_fi


def test_last_checked_is_a_day(tmp_path) -> None:
    data = org_yaml("alfa", "Alfan hyvinvointialue", "Alfa välfärdsområde")
    data["last_checked"] = "2026-06"
    write(tmp_path, data)
    try:
        load_catalogue(tmp_path)
    except StrategyDataError as err:
        assert "last_checked is the day of the check, such as 2026-03-14 (not 2026-06)" in str(err)
    else:
        raise AssertionError("a month is not the day of a check")
