"""The comparison and coverage pages' tables as data.

One view object per table feeds both the HTML table (pages/templates/table.html.j2 draws it,
with no logic of its own) and the table's CSV download (pages/table_files.py), so the file holds the very cells the page
shows: the same headers in the page's language, the same words, one line per line of a cell.

A cell is a row of parts (plain words, an organisation's own text with its translation mark,
a link, a line break, a list, ...). Each part knows its markup kind for the template and its
text for the CSV. What the CSV leaves out is only what is not a cell's value: the repeated
column header of the phone layout, text for screen readers only, the share bars (their
percentage is in the cell) and the "see the organisation page" link next to an unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar, Protocol

from ..input.labels import format_date, format_number, label, label_counted
from ..input.model import Organisation, Text
from .queries import plain, view

# The folder of a language's table files: the language's own word, so the addresses read naturally.
TABLE_DIRS = {"fi": "data/taulukot", "sv": "data/tabeller"}


def table_path(key: str, lang: str) -> str:
    """docs-relative path of a table's CSV file: data/taulukot/values-counts.csv."""
    return f"{TABLE_DIRS[lang]}/{key}.csv"


class TableLinks(Protocol):
    """Where a table's links lead, from the page that shows it: pages/links.PageLinks is one (views do
    not import pages, so the page hands its links in)."""

    def org_url(self, slug: str, fragment: str = "") -> str: ...

    def file_url(self, path: str) -> str: ...


# --- Parts of a cell --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Words:
    """Plain text (line breaks kept), optionally in a span with a class or a language of its own."""

    kind: ClassVar[str] = "words"
    text: str
    css: str = ""
    lang: str = ""

    @property
    def value(self) -> str:
        return self.text


@dataclass(frozen=True)
class Said:
    """An organisation's own text in the page's language, or the other one, with its mark."""

    kind: ClassVar[str] = "said"
    text: str
    lang: str = ""  # set when the text falls back to the other language
    mark: str = ""  # "käännös" / "vain ruotsiksi"
    mark_css: str = ""

    @property
    def value(self) -> str:
        return f"{self.text} {self.mark}" if self.mark else self.text


@dataclass(frozen=True)
class Span:
    kind: ClassVar[str] = "span"
    parts: tuple
    css: str = ""

    @property
    def value(self) -> str:
        return "".join(p.value for p in self.parts)


@dataclass(frozen=True)
class Link:
    kind: ClassVar[str] = "link"
    href: str
    parts: tuple
    css: str = ""

    @property
    def value(self) -> str:
        return "".join(p.value for p in self.parts)


@dataclass(frozen=True)
class Break:
    kind: ClassVar[str] = "break"

    @property
    def value(self) -> str:
        return "\n"


@dataclass(frozen=True)
class Items:
    """A list in a cell: one line each in the CSV."""

    kind: ClassVar[str] = "items"
    items: tuple  # of tuples of parts

    @property
    def value(self) -> str:
        return "\n".join("".join(p.value for p in item) for item in self.items)


@dataclass(frozen=True)
class Nothing:
    """Known data, but nothing in this column: a dash, and words for screen readers."""

    kind: ClassVar[str] = "nothing"
    label: str

    @property
    def value(self) -> str:
        return "–"


@dataclass(frozen=True)
class Unknown:
    """Not in the sources, politely, or stated absent by a source, with a way to the organisation
    page (the link is not part of the value)."""

    kind: ClassVar[str] = "unknown"
    label: str
    link_label: str
    href: str
    name: str
    css: str = "ss-unknown"  # ss-absent: a source shows the strategy has no such element

    @property
    def value(self) -> str:
        return self.label


@dataclass(frozen=True)
class Bar:
    """A share drawn as a bar, for the eye only: the percentage is written next to it."""

    kind: ClassVar[str] = "bar"
    share: int

    @property
    def value(self) -> str:
        return ""


Part = Words | Said | Span | Link | Break | Items | Nothing | Unknown | Bar
Content = tuple[Part, ...]  # a cell's or a span's parts, in reading order


# --- Cells, rows, tables ----------------------------------------------------------------------------

@dataclass
class Cell:
    parts: tuple
    header: bool = False
    scope: str = ""  # col, row, rowgroup (header cells)
    colspan: int = 1
    rowspan: int = 1
    css: str = ""
    lang: str = ""
    label: str = ""  # the column header, repeated for the eye in the phone layout (ss-stack)

    @property
    def value(self) -> str:
        """The cell's text as the CSV holds it: its lines, each with its spaces collapsed."""
        text = "".join(p.value for p in self.parts)
        return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")


@dataclass
class Row:
    cells: list[Cell]
    id: str = ""
    css: str = ""


@dataclass
class Body:
    rows: list[Row]
    id: str = ""


@dataclass
class Table:
    key: str  # the CSV file's name: values-counts
    caption: str
    head: Row
    bodies: list[Body]
    foot: list[Row] = field(default_factory=list)
    css: str = "ss-table"
    caption_id: str = ""  # set for tables in a scrolling region that the caption names
    scroll: bool = False
    csv_href: str = ""  # from the page to the CSV file
    csv_label: str = ""
    # column -> Table Schema type of the CSV (datapackage.json); every other column is a string.
    # "integer" columns may carry words after the number ("33 %"), and an unknown where the
    # organisation's data is not in the sources.
    types: dict[int, str] = field(default_factory=dict)

    def described(self) -> Table:
        """The table without its rows: its name, caption, columns and their types."""
        return replace(self, bodies=[], foot=[])

    def grid(self) -> list[list[str]]:
        """Every row as one value per column, spanned cells repeated in each column they cover."""
        rows = [self.head, *(r for b in self.bodies for r in b.rows), *self.foot]
        grid: list[list[str]] = []
        pending: dict[int, tuple[int, str]] = {}  # column -> (rows left, value) of a rowspan
        for row in rows:
            out: list[str] = []
            cells = iter(row.cells)
            column = 0
            while True:
                if column in pending:
                    left, value = pending[column]
                    out.append(value)
                    if left == 1:
                        del pending[column]
                    else:
                        pending[column] = (left - 1, value)
                    column += 1
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                for _ in range(cell.colspan):
                    out.append(cell.value)
                    if cell.rowspan > 1:
                        pending[column] = (cell.rowspan - 1, cell.value)
                    column += 1
            grid.append(out)
        return grid


# --- Building blocks shared by the tables -----------------------------------------------------------

class Parts:
    """The parts of cells in one language, on a page whose links are `links`."""

    def __init__(self, lang: str, links: TableLinks):
        self.lang, self.links = lang, links

    def label(self, key: str, **values) -> str:
        return label(key, self.lang, **values)

    def label_counted(self, key: str, count: int, **values) -> str:
        return label_counted(key, count, self.lang, **values)

    def said(self, text: Text) -> Said:
        v = view(text, self.lang)
        assert v is not None  # view() gives None only for no text
        if v.fallback:
            return Said(v.value, v.lang, label(f"fallback_{v.lang}", self.lang), "ss-mark--fallback")
        if v.translated:
            return Said(v.value, "", self.label("translated"), "ss-mark--translated")
        return Said(v.value)

    def org_href(self, org: Organisation) -> str:
        return self.links.org_url(org.slug)

    def org(self, org: Organisation) -> Link:
        return Link(self.org_href(org), (self.said(org.name),))

    def unknown_for(self, org: Organisation) -> Unknown:
        return Unknown(self.label("unknown"), self.label("cmp_see_org_page"), self.org_href(org), plain(org.name, self.lang))

    def absent_for(self, org: Organisation, absence) -> Unknown:
        return Unknown(self.label(f"absent_{absence.element}"), self.label("cmp_see_org_page"), self.org_href(org),
                       plain(org.name, self.lang), "ss-absent")

    def missing_for(self, row) -> Unknown:
        """A comparison row with no wordings: absent by a source, or not in the sources yet."""
        return self.absent_for(row.org, row.absence) if row.absence else self.unknown_for(row.org)

    def unknown_short(self) -> Span:
        return Span((Words(self.label("unknown_short")),), "ss-unknown")

    def date(self, date) -> str:
        return format_date(date, self.lang)

    def period(self, period, open_end: str = "") -> str:
        return f"{period.start}–{period.end or open_end}"

    def quantity(self, q) -> Content:
        parts: Content = (Words(self.label(f"qualifier_{q.qualifier}", n=format_number(q.value, self.lang))),)
        return parts + ((Words(" "), self.said(q.who)) if q.who else ())


def col(text: str, css: str = "") -> Cell:
    return Cell((Words(text),), header=True, scope="col", css=css)


def joined(groups: list[Content], separator: Part = Break()) -> Content:
    """Part groups one after the other with a separator between them."""
    out: list[Part] = []
    for i, group in enumerate(groups):
        if i:
            out.append(separator)
        out.extend(group)
    return tuple(out)
