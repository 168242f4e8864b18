"""What is known of each organisation, and which texts are translated: for editors and readers.

Used by `build.py check` (translation coverage in the terminal) and by the coverage page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..input.dates import PartialDate, build_date
from ..input.errors import format_path
from ..input.model import Organisation, Strategy, texts_of
from .queries import latest_strategy, newest_source
from .state import strategy_state
from .tables import Body, Break, Cell, Content, Parts, Row, Span, Table, TableLinks, Words, col, table_path

# The facts a reader looks for first, in the order the coverage page shows them.
CORE_FACTS = ("mission", "vision", "values", "priorities", "approval")
# An organisation whose sources were last checked longer ago than this is listed for checking.
CHECK_INTERVAL_MONTHS = 6


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    following = dt.date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return dt.date(year, month + 1, min(day.day, (following - dt.timedelta(days=1)).day))


def check_due(org: Organisation, today: dt.date) -> bool:
    """True when nobody has recorded checking the organisation's sources in the last 6 months."""
    if org.last_checked is None:
        return True
    return org.last_checked.first_day() < months_before(today, CHECK_INTERVAL_MONTHS)


@dataclass
class Translations:
    missing_sv: list[str] = field(default_factory=list)  # paths of Finnish texts with no Swedish
    site_sv: list[str] = field(default_factory=list)  # paths of Swedish texts that are our translation
    official_sv: int = 0
    missing_fi: list[str] = field(default_factory=list)


def translations(org: Organisation) -> Translations:
    result = Translations()
    for path, text in texts_of(org):
        where = format_path(path)
        if text.fi and not text.sv:
            result.missing_sv.append(where)
        elif text.sv and not text.is_official("sv"):
            result.site_sv.append(where)
        elif text.sv:
            result.official_sv += 1
        if text.sv and not text.fi:
            result.missing_fi.append(where)
    return result


@dataclass
class FactCoverage:
    known: bool
    official_sv: bool  # the Swedish text is the organisation's own
    absent: bool = False  # a source shows the strategy has no such element (not_in_strategy)

    @property
    def not_found(self) -> bool:
        return not self.known and not self.absent


@dataclass
class OrganisationCoverage:
    org: Organisation
    strategy: Strategy | None
    facts: dict[str, FactCoverage]
    newest_source: PartialDate | None
    oldest_source: PartialDate | None
    versions: int
    last_checked: PartialDate | None = None
    check_due: bool = True  # not checked in the last CHECK_INTERVAL_MONTHS months of the build date


def _fact_coverage(strategy: Strategy | None, name: str) -> FactCoverage:
    if strategy is None:
        return FactCoverage(False, False)
    value = getattr(strategy, name)
    if name != "approval" and strategy.absence(name):
        return FactCoverage(False, False, absent=True)
    if name == "approval":
        return FactCoverage(bool(value and value.date), False)
    if isinstance(value, list):
        return FactCoverage(bool(value), bool(value) and all(v.is_official("sv") for v in value))
    return FactCoverage(value is not None, value is not None and value.is_official("sv"))


def organisation_coverage(org: Organisation, today: dt.date | None = None) -> OrganisationCoverage:
    today = today or build_date()
    strategy = latest_strategy(org)
    dated = [s.date for s in org.sources if s.date]
    return OrganisationCoverage(
        org=org,
        strategy=strategy,
        facts={name: _fact_coverage(strategy, name) for name in CORE_FACTS},
        newest_source=newest_source(org),
        oldest_source=min(dated, key=lambda d: d.first_day(), default=None),
        versions=len(org.strategies),
        last_checked=org.last_checked,
        check_due=check_due(org, today),
    )


def translation_report(organisations: list[Organisation]) -> str:
    """The lines `build.py check` prints after a successful validation."""
    lines = ["Translation coverage (Swedish texts):"]
    for org in organisations:
        t = translations(org)
        lines.append(f"  {org.slug}: {t.official_sv} official, {len(t.site_sv)} the site's translation, "
                     f"{len(t.missing_sv)} missing")
        for where in t.missing_sv:
            lines.append(f"    no Swedish text: {where}")
    return "\n".join(lines)


def coverage_tables(rows: list[OrganisationCoverage], lang: str, links: TableLinks, today: dt.date | None = None) -> dict:
    """The summary and the per-organisation table of the coverage page, as tables.Table."""
    p = Parts(lang, links)

    def fact_name(name: str) -> str:
        return p.label("cov_approval_date") if name == "approval" else p.label(name)

    def of(n: int) -> Words:
        return Words(p.label("cov_of", n=n, total=len(rows)))

    def mark(fact: FactCoverage) -> Span:
        if fact.known:
            return Span((Words(f"✓ {p.label('cov_yes')}"),), "ss-yes")
        if fact.absent:
            return Span((Words(f"○ {p.label('absent_short')}"),), "ss-absent")
        return Span((Words(f"– {p.label('cov_no')}"),), "ss-no")

    def date(d) -> Content:
        return (Words(p.date(d)),) if d else (p.unknown_short(),)

    summary = Table("coverage-summary", p.label("cov_summary_caption"),
                    Row([col(p.label("cov_fact")), col(p.label("cov_known")), col(p.label("cov_absent")),
                         col(p.label("cov_not_found")), col(p.label("cov_official_sv"))]),
                    [Body([Row([Cell((Words(fact_name(name)),), header=True, scope="row"),
                                Cell((of(sum(r.facts[name].known for r in rows)),)),
                                Cell((Words("–"),) if name == "approval"
                                     else (of(sum(r.facts[name].absent for r in rows)),)),
                                Cell((of(sum(r.facts[name].not_found for r in rows)),)),
                                Cell((Words("–"),) if name == "approval"
                                     else (of(sum(r.facts[name].official_sv for r in rows)),))])
                           for name in CORE_FACTS])])
    body = []
    for r in rows:
        state = strategy_state(r.org, latest_strategy(r.org), today or build_date())
        cells = [Cell((p.org(r.org),), header=True, scope="row"),
                 Cell((Words(state.text(lang), css=f"ss-state ss-state--{state.kind}"),))]
        for name in CORE_FACTS:
            official: Content = ((Break(), Span((Words(p.label("cov_sv_official")),), "ss-kind"))
                                 if r.facts[name].official_sv else ())
            cells.append(Cell((mark(r.facts[name]), *official)))
        cells += [Cell((Words(str(r.versions)),)), Cell(date(r.newest_source), css="ss-date"),
                  Cell(date(r.oldest_source), css="ss-date"),
                  Cell((Words(p.date(r.last_checked)),) if r.last_checked
                       else (Span((Words(p.label("cov_not_checked")),), "ss-unknown"),), css="ss-date")]
        body.append(Row(cells, id=r.org.slug))
    built_on = today or build_date()
    state_header = p.label("col_state", date=p.date(PartialDate(built_on.year, built_on.month, built_on.day)))
    head = Row([col(p.label("col_organisation")), col(state_header),
                *(col(fact_name(name)) for name in CORE_FACTS),
                col(p.label("cov_versions")), col(p.label("cov_newest")), col(p.label("cov_oldest")),
                col(p.label("cov_last_checked"))])
    table = Table("coverage", p.label("cov_caption"), head, [Body(body)], css="ss-table ss-coverage-table",
                  types={len(CORE_FACTS) + 2: "integer"})
    tables = {"summary": summary, "organisations": table}
    for t in tables.values():
        t.csv_href = links.file_url(table_path(t.key, lang))
        t.csv_label = p.label("tbl_csv")
    return tables
