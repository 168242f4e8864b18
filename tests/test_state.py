"""The strategy state as of the build date: the date itself, and one test per state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategy_site.input.dates import BuildDateError, build_date
from strategy_site.input.load import load_catalogue, load_file
from strategy_site.views.queries import latest_strategy
from strategy_site.views.state import strategy_state


def test_build_date_is_source_date_epochs_utc_day() -> None:
    # 2026-12-01T23:30:00Z is still 1 December in UTC, whatever the local time zone says
    assert build_date({"SOURCE_DATE_EPOCH": "1796167800"}) == dt.date(2026, 12, 1)
    assert build_date({"SOURCE_DATE_EPOCH": " 0 "}) == dt.date(1970, 1, 1)


def test_build_date_without_source_date_epoch_is_today() -> None:
    for environ in ({}, {"SOURCE_DATE_EPOCH": ""}):
        before = dt.date.today()
        assert build_date(environ) in (before, dt.date.today())  # either day across midnight


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_named(value: str) -> None:
    with pytest.raises(BuildDateError, match=r"SOURCE_DATE_EPOCH=.*not a Unix time"):
        build_date({"SOURCE_DATE_EPOCH": value})


# ---- one test per state, with the build date pinned ----


ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 12, 1)


def organisation(tmp_path: Path, strategies: str, source_date: str = "2026-06-01"):
    """A minimal valid organisation file with the given strategies (YAML, indented by two)."""
    path = tmp_path / "testi.yaml"
    path.write_text(f"""slug: testi
kind: welfare_area
source: s
name: {{fi: Testin hyvinvointialue}}
languages: [fi]
strategies:
{strategies}
sources:
  - {{id: s, title: Strategia, publisher: Testi, date: {source_date}, language: fi, url: https://example.fi/s}}
""", encoding="utf-8")
    org, problems = load_file(path)
    assert not problems, problems
    return org


def state_of(tmp_path, strategies: str, day: dt.date = DAY, source_date: str = "2026-06-01", which: int = 0):
    org = organisation(tmp_path, strategies, source_date)
    return strategy_state(org, org.strategies[which], day)


def test_approved_and_the_period_includes_the_build_date_is_in_force(tmp_path) -> None:
    state = state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2026, end: 2029}}")
    assert (state.kind, state.stale) == ("in_force", False)
    assert state.text("fi") == "voimassa" and state.text("sv") == "i kraft"
    # the last year of the period still includes the build date
    assert state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2023, end: 2026}}").kind == "in_force"
    assert state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2023}}").kind == "in_force"


def test_approved_and_starting_after_the_build_date_is_upcoming(tmp_path) -> None:
    state = state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2027, end: 2030}}")
    assert (state.kind, state.starts) == ("upcoming", 2027)
    assert state.text("fi") == "hyväksytty, kausi alkaa 2027"
    assert state.short("sv") == "börjar 2027"


def test_a_period_that_ended_before_the_build_date_has_ended(tmp_path) -> None:
    state = state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2023, end: 2025}}")
    assert (state.kind, state.newer_known) == ("ended", False)
    assert state.text("fi") == "kausi päättynyt; lähteissä ei ole vielä tietoa uudemmasta versiosta"
    assert state.text("sv") == "perioden har gått ut; källorna nämner ännu ingen nyare version"
    # a newer version above it in the file is known
    newer = state_of(tmp_path, "  - {id: b, status: in_preparation}\n"
                               "  - {id: a, status: approved, period: {start: 2023, end: 2025}}", which=1)
    assert (newer.kind, newer.newer_known, newer.text("fi")) == ("ended", True,
                                                                 "kausi päättynyt; uudempi versio on tiedossa")
    superseded = state_of(tmp_path, "  - {id: b, status: approved, period: {start: 2026}}\n"
                                    "  - {id: a, status: superseded, period: {start: 2023, end: 2029}}", which=1)
    assert (superseded.kind, superseded.newer_known, superseded.stale) == ("ended", True, False)
    assert superseded.text("sv") == "ersatt av en nyare version"


def test_in_preparation_is_in_preparation_whatever_the_period(tmp_path) -> None:
    state = state_of(tmp_path, "  - {id: a, status: in_preparation, period: {start: 2023, end: 2025}}")
    assert (state.kind, state.text("fi"), state.text("sv")) == ("in_preparation", "valmisteilla", "under beredning")


def test_no_strategy_or_no_period_is_unknown(tmp_path) -> None:
    state = state_of(tmp_path, "  - {id: a, status: approved}")
    assert state.kind == "unknown"
    assert state.text("fi") == "hyväksytty; voimassaolokausi ei ole lähteissä"
    org = organisation(tmp_path, "  []")
    none = strategy_state(org, latest_strategy(org), DAY)
    assert (none.kind, none.short("fi"), none.short("sv")) == ("unknown", "ei tiedossa", "okänd")


def test_old_information_is_flagged_with_its_date_only_when_it_may_have_changed(tmp_path) -> None:
    preparing = "  - {id: a, status: in_preparation}"
    # exactly 12 months older is not yet more than 12 months older
    assert not state_of(tmp_path, preparing, source_date="2025-12-01").stale
    old = state_of(tmp_path, preparing, source_date="2025-11-30")
    assert old.stale
    assert old.stale_text("fi") == ("Tiedot voivat olla vanhentuneita. Uusin tätä strategiaa koskeva lähde: "
                                    "30.11.2025; sivusto koottu 1.12.2026.")
    assert old.stale_text("sv").startswith("Uppgifterna kan vara föråldrade. Den senaste källan om den här "
                                           "strategin: 30.11.2025;")
    # a month is old only once its last day is: "2025-11" covers 30.11.2025
    assert state_of(tmp_path, preparing, source_date="2025-11").stale
    assert not state_of(tmp_path, preparing, source_date="2025-12").stale
    # an approved strategy in force is not flagged, however old its source
    assert not state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2022, end: 2026}}",
                        source_date="2022-01-01").stale
    assert state_of(tmp_path, "  - {id: a, status: approved, period: {start: 2022, end: 2025}}",
                    source_date="2022-01-01").stale
    undated = state_of(tmp_path, preparing, source_date="null")
    assert undated.stale and "ei ole päiväystä" in undated.stale_text("fi")


def test_etela_karjalas_2023_2025_strategy_has_ended_on_1_december_2026() -> None:
    catalogue = load_catalogue(ROOT / "strategies")
    org = next(o for o in catalogue.organisations if o.slug == "etela-karjala")
    strategy = latest_strategy(org)
    assert (strategy.period.start, strategy.period.end) == (2023, 2025)
    state = strategy_state(org, strategy, DAY)
    assert state.kind == "ended"
    assert state.text("fi").startswith("kausi päättynyt")
    assert state.text("sv").startswith("perioden har gått ut")
    # and a year earlier it was in force
    assert strategy_state(org, strategy, dt.date(2025, 12, 1)).kind == "in_force"
