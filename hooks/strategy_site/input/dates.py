"""Dates as the sources give them: a day, a month, a part of a year, a year, or a span of days.

A press release says "syksyllä 2019" or "13.6." — the site must not pretend to know more.
The written form in YAML is ISO-like so editors in both languages write the same thing:
  2022-06-13   2022-06   2019-autumn   2022-early   2022   2019-06-06/2019-06-07
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

PARTS = ("early", "spring", "summer", "autumn", "late")
# Where each part sits in the year, for ordering and drawing (month it starts, month it ends).
PART_MONTHS = {"early": (1, 4), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "late": (10, 12)}

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|(?P<part>[a-z]+)))?$"
)

FORMAT_HELP = "a date such as 2022-06-13, a month 2022-06, a part of a year 2019-autumn " \
              "(early, spring, summer, autumn, late), a year 2022, or two days 2019-06-06/2019-06-07"


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    part: str | None = None
    end: PartialDate | None = None  # only for spans of days

    @property
    def precision(self) -> str:
        if self.end:
            return "span"
        if self.day:
            return "day"
        if self.month:
            return "month"
        if self.part:
            return "part"
        return "year"

    def first_day(self) -> dt.date:
        if self.part:
            return dt.date(self.year, PART_MONTHS[self.part][0], 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.end:
            return self.end.last_day()
        if self.day and self.month:
            return dt.date(self.year, self.month, self.day)
        month = PART_MONTHS[self.part][1] if self.part else (self.month or 12)
        following = dt.date(self.year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def iso(self) -> str:
        if self.end:
            return f"{self._iso_one()}/{self.end.iso()}"
        return self._iso_one()

    def _iso_one(self) -> str:
        if self.part:
            return f"{self.year}-{self.part}"
        text = f"{self.year}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.iso()


# Forms editors copy from Finnish and Swedish documents, and how they read year first.
_DAY_FIRST = re.compile(r"^(?P<day>\d{1,2})\.\s*(?P<month>\d{1,2})\.\s*(?P<year>\d{4})$")
_MONTH_YEAR = re.compile(r"^(?P<month>\d{1,2})[./](?P<year>\d{4})$")
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?$")
_DAY_FIRST_SLASH = re.compile(r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})$")


def suggestion(text: str) -> str | None:
    """The value written the site's way (`27.9.2022` → `2022-09-27`), when it is a real date."""
    for pattern in (_DAY_FIRST, _MONTH_YEAR, _YEAR_FIRST, _DAY_FIRST_SLASH):
        if match := pattern.match(text.strip()):
            parts = match.groupdict()
            year, month = int(parts["year"]), int(parts["month"])
            day = int(parts["day"]) if parts.get("day") else None
            try:
                dt.date(year, month, day or 1)
            except ValueError:
                return None
            return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    return None


def _not_a_date(text: str) -> ValueError:
    if (better := suggestion(text)) and better != text:
        return ValueError(f"{text!r} is not a date; did you mean {better}?")
    return ValueError(f"{text!r} is not a date; expected {FORMAT_HELP}")


def on_day(day: dt.date) -> PartialDate:
    """A calendar day as a PartialDate, to be written as the site writes dates (labels.format_date)."""
    return PartialDate(day.year, day.month, day.day)


def parse_partial_date(value: object) -> PartialDate:
    """Accept what YAML gives for a date field; raise ValueError with an editor's message."""
    if isinstance(value, bool):
        raise ValueError(f"expected {FORMAT_HELP}")
    if isinstance(value, dt.datetime):
        raise ValueError("a date must not have a time of day")
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected {FORMAT_HELP}")
    text = value.strip()
    if "/" in text:
        first_text, _, last_text = text.partition("/")
        try:
            first, last = parse_partial_date(first_text), parse_partial_date(last_text)
        except ValueError:
            raise _not_a_date(text) from None  # `2022/09/27`: the whole value, not the piece `09`
        if first.precision != "day" or last.precision != "day":
            raise ValueError("a span must be two full dates, such as 2019-06-06/2019-06-07")
        if last.first_day() <= first.first_day():
            raise ValueError(f"the span ends ({last}) before or on the day it starts ({first})")
        return PartialDate(first.year, first.month, first.day, end=last)
    match = _PATTERN.match(text)
    if not match:
        raise _not_a_date(text)
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        raise ValueError(f"the year {year} is outside 1900–2100")
    if match["part"]:
        if match["part"] not in PARTS:
            raise ValueError(f"{match['part']!r} is not a part of a year; use one of {', '.join(PARTS)}")
        return PartialDate(year, part=match["part"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        if (swapped := suggestion(f"{match['year']}-{match['day']}-{match['month']}")) and day:
            raise ValueError(f"{text!r}: there is no month {month}; did you mean {swapped}?")
        raise ValueError(f"{text!r}: there is no month {month}")
    if day is not None and month is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a date in the calendar (no day {day} in that month)") from None
    return PartialDate(year, month, day)


BUILD_DATE_VARIABLE = "SOURCE_DATE_EPOCH"


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a Unix time the site can be dated by."""


def build_date(environ=None) -> dt.date:
    """The day the site describes: the UTC date of SOURCE_DATE_EPOCH when it is set, else today.

    Every judgement against "now" (is a strategy period over, is a source old) uses this one
    date, so a build with SOURCE_DATE_EPOCH is reproducible and tests pin the date by setting it.
    """
    environ = os.environ if environ is None else environ
    value = environ.get(BUILD_DATE_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        seconds = int(value)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(f"{BUILD_DATE_VARIABLE}={value!r} is not a Unix time in seconds "
                             f"(such as 1700000000); unset it to date the site by today") from None
