"""A strategy's state as of the build date, derived from the model.

A source says "approved" or "in preparation" on the day it was written; a reader wants to know
what holds on the day the site was built (dates.build_date). This module is the one place that
decides it, for every page and for the open data:

  in_force        approved, and the period includes the build date (or has no end year)
  upcoming        approved, and the period starts after the build date
  ended           the period ended before the build date, or a newer version replaced it
  in_preparation  the newest source about it says it is being prepared
  unknown         no strategy in the sources, or approved with no period in the sources

A strategy in preparation, or one whose period has ended, whose newest source is more than
12 months older than the build date is flagged `stale`: the page then says so, with the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel

from ..input.dates import PartialDate
from ..input.labels import format_date, label
from ..input.model import Organisation, Strategy

STATES = ("in_force", "upcoming", "ended", "in_preparation", "unknown")
STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class StrategyState:
    """What holds for one strategy version on the build date, and how it is said."""

    kind: str  # one of STATES
    as_of: dt.date  # the build date
    detail: str = ""  # the label key that says it in full (strategy_state_<kind> unless more is known)
    starts: int | None = None  # the first year of an upcoming strategy
    newer_known: bool = False  # for an ended strategy: a newer version is in the sources
    stale: bool = False  # the information may be out of date (see the module docstring)
    newest_source: PartialDate | None = None  # the newest dated source about the strategy

    def text(self, lang: str) -> str:
        """The state in full: "kausi päättynyt; uudempi versio on tiedossa"."""
        return label(self.detail or f"strategy_state_{self.kind}", lang, start=self.starts)

    def short(self, lang: str) -> str:
        """The state in a word or two, for the map's tiles."""
        return label(f"strategy_state_short_{self.kind}", lang, start=self.starts)

    def as_of_text(self, lang: str) -> str:
        return label("strategy_state_as_of", lang, date=format_date(_day(self.as_of), lang))

    def stale_text(self, lang: str) -> str:
        """The plain warning that the information may be out of date, with the date; "" when fresh."""
        if not self.stale:
            return ""
        if self.newest_source is None:
            return label("strategy_state_stale_undated", lang)
        return label("strategy_state_stale", lang, date=format_date(self.newest_source, lang),
                     today=format_date(_day(self.as_of), lang))


def _day(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _source_ids(obj, found: set[str]) -> set[str]:
    """The ids of every source that a fact inside obj cites (resolve.py has filled them in)."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name.endswith("source") and isinstance(value, str):
            found.add(value)
        elif isinstance(value, BaseModel):
            _source_ids(value, found)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _source_ids(item, found)
    return found


def newest_source_about(org: Organisation, strategy: Strategy) -> PartialDate | None:
    """The date of the newest dated source that a fact of the strategy cites."""
    # the preview loads a file again only when it changed (load.py): its models, and their
    # sources, are the same objects from save to save
    key = (id(org), id(strategy))
    earlier = _newest.get(key)
    if earlier is not None and earlier[0] is org and earlier[1] is strategy:
        return earlier[2]
    if len(_newest) > 10_000:  # the models of files saved since: not needed again
        _newest.clear()
    newest = _newest_source_about(org, strategy)
    _newest[key] = (org, strategy, newest)
    return newest


# (id(org), id(strategy)) -> (org, strategy, the newest source's date); the models do not change
_newest: dict[tuple[int, int], tuple[Organisation, Strategy, PartialDate | None]] = {}


def _newest_source_about(org: Organisation, strategy: Strategy) -> PartialDate | None:
    cited = _source_ids(strategy, set())
    dated = [s.date for s in org.sources if s.id in cited and s.date]
    return max(dated, key=lambda d: d.last_day(), default=None)


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def strategy_state(org: Organisation, strategy: Strategy | None, today: dt.date) -> StrategyState:
    """The state of one version of the organisation's strategy on the day `today`."""
    if strategy is None:
        return StrategyState("unknown", today, detail="strategy_state_none")
    position = org.strategies.index(strategy)
    # versions are listed newest first: any version above this one, of the organisation or of a predecessor
    newer_known = position > 0
    period = strategy.period
    detail = ""
    starts = None
    if strategy.status == "superseded":
        kind, detail, newer_known = "ended", "strategy_state_superseded", True
    elif strategy.status == "in_preparation":
        kind = "in_preparation"
    elif period is None:
        kind, detail = "unknown", "strategy_state_approved_no_period"
    elif period.start > today.year:
        kind, starts = "upcoming", period.start
    elif period.end is not None and period.end < today.year:
        kind = "ended"
        detail = "strategy_state_ended_newer" if newer_known else "strategy_state_ended_no_newer"
    else:
        kind = "in_force"
    newest = newest_source_about(org, strategy)
    stale = kind in ("in_preparation", "ended") and strategy.status != "superseded" and (
        newest is None or newest.last_day() < _months_before(today, STALE_AFTER_MONTHS))
    return StrategyState(kind, today, detail, starts, newer_known, stale, newest)
