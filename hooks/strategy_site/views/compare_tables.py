"""Every table of the comparison pages as a tables.Table, in one language.

The cells are decided here, from what compare.py computed; the templates only draw them
(pages/templates/table.html.j2) and pages/table_files.py writes the same cells into the CSV files.
"""

from __future__ import annotations

import datetime as dt

from ..input.dates import build_date
from .compare import Comparison, Grouping, Timeline, anchor, ordered
from .state import strategy_state
from .tables import (
    Bar,
    Body,
    Break,
    Cell,
    Content,
    Items,
    Link,
    Nothing,
    Parts,
    Row,
    Span,
    Table,
    TableLinks,
    Words,
    col,
    joined,
    table_path,
)


def _finish(table: Table, p: Parts) -> Table:
    table.csv_href = p.links.file_url(table_path(table.key, p.lang))
    table.csv_label = p.label("tbl_csv")
    return table


def counts_table(g: Grouping, page: str, caption_key: str, p: Parts) -> Table:
    """Concept, organisations, share (and for priorities the number of wordings)."""
    wordings = g.field == "priorities"
    total = len(g.known)
    head = [col(p.label(f"cmp_col_concept_{g.field}")), col(p.label("cmp_col_organisations")),
            col(p.label("cmp_col_share"), "ss-col-share")]
    if wordings:
        head.append(col(p.label("cmp_col_wordings_priorities")))

    def row(href: str, name: str, count: int, share: int, n_wordings: int, css: str = "") -> Row:
        cells = [Cell((Link(href, (Words(name),)),), header=True, scope="row"),
                 Cell((Words(p.label("cmp_n_of", n=count, total=total)),)),
                 Cell((Bar(share), Words(" " + p.label("cmp_percent", n=share))), css="ss-col-share")]
        if wordings:
            cells.append(Cell((Words(str(n_wordings)),)))
        return Row(cells, css=css)

    rows = [row(f"#{anchor(c)}", c.label[p.lang], g.count(c.id), g.share(c.id), g.wordings(c.id))
            for c in g.ranked()]
    rows.append(row(f"#{g.prefix}-not-grouped", p.label("cmp_not_grouped"), len(g.not_grouped),
                    g.not_grouped_share(), g.not_grouped_wordings, "ss-cmp-other"))
    return Table(f"{page}-counts", p.label(caption_key), Row(head), [Body(rows)], css="ss-table ss-cmp-counts",
                 types={2: "integer", 3: "integer"} if wordings else {2: "integer"})


def words_table(g: Grouping, page: str, p: Parts) -> Table:
    """The vocabulary's words for each concept: why a wording landed where it did."""
    head = [col(p.label(f"cmp_col_concept_{g.field}")), col(p.label("cmp_col_words_fi")), col(p.label("cmp_col_words_sv"))]
    rows = [Row([Cell((Link(f"#{anchor(c)}", (Words(c.label[p.lang]),)),), header=True, scope="row"),
                 *(Cell((Words(", ".join(c.entries(code)) or "–"),), lang=code) for code in ("fi", "sv"))])
            for c in g.concepts]
    return Table(f"{page}-words", p.label(f"cmp_words_caption_{g.field}"), Row(head), [Body(rows)],
                 css="ss-table ss-cmp-words")


def _concept_head(g: Grouping, p: Parts) -> list[Cell]:
    return [col(p.label("col_organisation")),
            *(Cell((Link(f"#{anchor(c)}", (Words(c.label[p.lang]),)),), header=True, scope="col")
              for c in g.concepts),
            Cell((Link(f"#{g.prefix}-not-grouped", (Words(p.label("cmp_not_grouped")),)),), header=True, scope="col")]


def values_matrix(g: Grouping, p: Parts) -> Table:
    """Organisations x value concepts, each cell the organisation's own wordings."""
    nothing = Nothing(p.label("cmp_none_values"))

    def wordings(placed: list) -> Content:
        if not placed:
            return (nothing,)
        return joined([(Span((p.said(x.fact),), "ss-wording"),) for x in placed])

    rows = []
    for r in ordered(g.rows, p.lang):
        cells = [Cell((p.org(r.org),), header=True, scope="row")]
        if r.known:
            cells += [Cell(wordings(r.under(c.id))) for c in g.concepts] + [Cell(wordings(r.not_grouped))]
        else:
            cells.append(Cell((p.missing_for(r),), colspan=len(g.concepts) + 1))
        rows.append(Row(cells, id=r.org.slug))
    return Table("values-matrix", p.label("cmp_matrix_caption_values"), Row(_concept_head(g, p)), [Body(rows)],
                 css="ss-table ss-cmp-matrix", caption_id="cmp-matrix-caption", scroll=True)


def priorities_matrix(g: Grouping, p: Parts) -> Table:
    """Organisations x themes, each cell the number of the organisation's priorities in the theme."""

    def number(n: int) -> Cell:
        return Cell((Words(str(n)),), css="ss-num" if n else "ss-num ss-num--zero")

    rows = []
    for r in ordered(g.rows, p.lang):
        cells = [Cell((p.org(r.org),), header=True, scope="row")]
        if r.known:
            cells += [number(len(r.under(c.id))) for c in g.concepts] + [number(len(r.not_grouped))]
            mark = (Words(" "), Span((Words(p.label("cmp_incomplete_mark")),), "ss-mark")) if r.incomplete else ()
            cells.append(Cell((Words(str(len(r.items))), *mark), css="ss-num"))
        else:
            cells.append(Cell((p.missing_for(r),), colspan=len(g.concepts) + 2))
        rows.append(Row(cells, id=r.org.slug))
    head = Row([*_concept_head(g, p), col(p.label("cmp_col_all_priorities"))])
    return Table("priorities-matrix", p.label("cmp_matrix_caption_priorities"), head, [Body(rows)],
                 css="ss-table ss-cmp-matrix ss-cmp-matrix--numbers", caption_id="cmp-matrix-caption", scroll=True,
                 types={i: "integer" for i in range(1, len(head.cells))})


def statements_table(g: Grouping, p: Parts) -> Table:
    """Mission and vision of each organisation's latest strategy, and the vision's group."""
    mission, vision, kind = p.label("mission"), p.label("vision"), p.label("cmp_col_vision_kind")
    rows = []
    for r in ordered(g.rows, p.lang):
        s = r.strategy
        name: Content = (p.org(r.org),)
        if s and s.period:
            name += (Break(), Span((Words(p.period(s.period)),), "ss-kind"))
        if r.known:
            matches = r.items[0].matches
            groups: Content
            if matches:
                groups = (Items(tuple((Link(f"#{anchor(m.concept)}", (Words(m.concept.label[p.lang]),)),)
                                      for m in matches)),)
            else:
                groups = (Link(f"#{g.prefix}-not-grouped", (Words(p.label("cmp_not_grouped")),)),)
        elif r.absence:
            groups = (Span((Words(p.label("absent_short")),), "ss-absent"),)
        else:
            groups = (p.unknown_short(),)
        absence = s.absence("mission") if s else None
        mission_absent = p.absent_for(r.org, absence) if absence else p.unknown_for(r.org)
        rows.append(Row([
            Cell(name, header=True, scope="row"),
            Cell((p.said(s.mission),) if s and s.mission else (mission_absent,), label=mission),
            Cell((p.said(s.vision),) if s and s.vision else (p.missing_for(r),), label=vision),
            Cell(groups, label=kind),
        ], id=r.org.slug))
    head = Row([col(p.label("col_organisation")), col(mission), col(vision), col(kind)])
    return Table("visions-statements", p.label("cmp_all_caption"), head, [Body(rows)],
                 css="ss-table ss-cmp-statements ss-stack", caption_id="cmp-all-caption", scroll=True)


def timeline_table(t: Timeline, p: Parts, today: dt.date) -> Table:
    """The timeline as a table: every version with its period, status, approval and milestones."""
    keys = ["col_organisation", "strategy", "period", "status", "approval", "milestones"]
    bodies = []
    for lane in t.lanes:
        rows = []
        for i, v in enumerate(lane.versions):
            s = v.strategy
            cells = []
            if i == 0:
                cells.append(Cell((p.org(lane.org),), header=True, scope="rowgroup", rowspan=len(lane.versions)))
            title: Content = (p.said(s.title),) if s.title else (Words(p.label("strategy_untitled")),)
            if s.organisation:
                title += (Break(), Span((Words(p.label("cmp_tl_predecessor")),), "ss-kind"))
            cells.append(Cell(title, header=True, scope="row"))
            period: Content = (Words(p.period(s.period, p.label("cmp_tl_no_end"))),) if s.period else (p.unknown_short(),)
            cells.append(Cell(period, label=p.label("period")))
            state = strategy_state(lane.org, s, today)  # as of the build date, not only as the source said
            cells.append(Cell((Words(state.text(p.lang), css=f"ss-state ss-state--{state.kind}"),), label=p.label("status")))
            approval: Content
            milestones: Content
            if s.approval and s.approval.date:
                approval = (Words(p.date(s.approval.date)),)
                if s.approval.body:
                    approval += (Words(", "), p.said(s.approval.body))
            else:
                approval = (p.unknown_short(),)
            cells.append(Cell(approval, label=p.label("approval")))
            if s.milestones:
                milestones = (Items(tuple(
                    (Span((Words(p.date(m.date) if m.date else p.label("date_unknown")),), "ss-when"),
                     Words(f": {p.label('milestone_' + m.kind)} ({p.label('state_' + m.status)})"))
                    for m in s.milestones)),)
            else:
                milestones = (p.unknown_short(),)
            cells.append(Cell(milestones, label=p.label("milestones")))
            rows.append(Row(cells))
        if not rows:
            rows.append(Row([Cell((p.org(lane.org),), header=True, scope="row"),
                             Cell((p.unknown_for(lane.org),), colspan=len(keys) - 1)]))
        bodies.append(Body(rows, id=lane.org.slug))
    head = Row([col(p.label(key)) for key in keys])
    return Table("timeline", p.label("cmp_tl_table_caption"), head, bodies,
                 css="ss-table ss-cmp-timeline-table ss-stack", caption_id="cmp-tl-table-caption", scroll=True)


def participation_table(cmp: Comparison, p: Parts) -> Table:
    """Per organisation, how many activities of each kind and how many participatory steps."""
    table = cmp.participation
    nothing = Nothing(p.label("cmp_none_participation"))
    headers = {kind: p.label(f"cmp_part_col_{kind}") for kind in table.kinds}
    steps_header = p.label("cmp_part_col_steps")

    def count(n: int) -> Words:
        return Words(p.label_counted("cmp_part_count", n, n=n))

    rows = []
    for r in ordered(table.rows, p.lang):
        cells = [Cell((p.org(r.org),), header=True, scope="row")]
        if r.known:
            for kind, header in headers.items():
                items = r.of_kind(kind)
                parts: Content = (nothing,)
                if items:
                    parts = (count(len(items)),)
                    for a in items:
                        if a.participants:
                            parts += (Break(), Span(p.quantity(a.participants), "ss-participants"))
                cells.append(Cell(parts, label=header))
            steps: Content
            if r.steps:
                kinds = ", ".join(p.label(f"milestone_{k}") for k in dict.fromkeys(m.kind for m in r.steps))
                steps = (count(len(r.steps)), Break(), Span((Words(kinds),), "ss-kind"))
            else:
                steps = (nothing,)
            cells.append(Cell(steps, label=steps_header))
        else:
            cells.append(Cell((p.unknown_for(r.org),), colspan=len(headers) + 1))
        rows.append(Row(cells))
    known = len(table.known)
    foot = Row([Cell((Words(p.label("cmp_part_total")),), header=True, scope="row"),
                *(Cell((Words(p.label("cmp_n_of", n=table.count(kind), total=known)),), label=header)
                  for kind, header in headers.items()),
                Cell((Words(p.label("cmp_n_of", n=sum(1 for r in table.rows if r.steps), total=known)),),
                     label=steps_header)])
    head = Row([col(p.label("col_organisation")), *(col(h) for h in headers.values()), col(steps_header)])
    return Table("participation", p.label("cmp_part_caption"), head, [Body(rows)], foot=[foot],
                 css="ss-table ss-cmp-participation-table ss-stack", caption_id="cmp-part-caption", scroll=True)


def comparison_tables(cmp: Comparison, lang: str, links: TableLinks,
                      today: dt.date | None = None) -> dict[str, dict[str, Table]]:
    """page name -> {table name: Table} for the comparison pages of one language, drawn on pages
    whose links are `links` (every comparison page but the overview is as deep as another)."""
    p = Parts(lang, links)
    today = today or build_date()
    pages = {
        "values": {"counts": counts_table(cmp.values, "values", "cmp_counts_caption_values", p),
                   "matrix": values_matrix(cmp.values, p),
                   "words": words_table(cmp.values, "values", p)},
        "priorities": {"counts": counts_table(cmp.priorities, "priorities", "cmp_counts_caption_priorities", p),
                       "matrix": priorities_matrix(cmp.priorities, p),
                       "words": words_table(cmp.priorities, "priorities", p)},
        "visions": {"statements": statements_table(cmp.visions, p),
                    "counts": counts_table(cmp.visions, "visions", "cmp_counts_caption_visions", p),
                    "words": words_table(cmp.visions, "visions", p)},
        "timeline": {"versions": timeline_table(cmp.timelines[lang], p, today)},
        "participation": {"summary": participation_table(cmp, p)},
    }
    for tables in pages.values():
        for table in tables.values():
            _finish(table, p)
    return pages
