"""The strategy state as of the build date: the date itself, and one test per state."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_site.input.dates import BuildDateError, build_date


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
    with pytest.raises(BuildDateError, match="SOURCE_DATE_EPOCH=.*not a Unix time"):
        build_date({"SOURCE_DATE_EPOCH": value})
