"""Each table of the comparison and coverage pages has its own CSV file, holding the table's cells.

The built site's HTML is parsed as a reader's browser would lay the table out (spanned cells
fill every row and column they cover) and compared with the CSV file that the link below the
table leads to: same header row in the page's language, same cells, line breaks as lines.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from strategy_site.pages.addresses import address

# Inside a cell, what is not its value: screen-reader text, the phone layout's repeated column
# header and the link to the organisation page next to an unknown.
NOT_VALUE = {"ss-visually-hidden", "ss-cell-label", "ss-cmp-orglink"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}


class TableReader(HTMLParser):
    """Tables of a page as grids of cell texts, each with the CSV link that follows it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._table: dict | None = None
        self._cell: dict | None = None
        self._stack: list[bool] = []  # per open element inside a cell: does it hide its text
        self._in_csv_p = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "table":
            self._table = {"rows": [], "csv": None, "caption": ""}
            self.tables.append(self._table)
        elif tag == "tr" and self._table is not None:
            self._table["rows"].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = {"text": [], "colspan": int(attrs.get("colspan", 1)),
                          "rowspan": int(attrs.get("rowspan", 1))}
            self._table["rows"][-1].append(self._cell)
            self._stack = []
        elif tag == "p" and "ss-table-csv" in classes:
            self._in_csv_p = True
        elif tag == "a" and self._in_csv_p and self.tables:
            self.tables[-1]["csv"] = attrs["href"]
        if self._cell is not None and tag not in ("td", "th"):
            if tag == "br":
                if not any(self._stack):
                    self._cell["text"].append("\n")
            elif tag not in VOID:
                if tag == "li" and self._cell["text"] and not any(self._stack):
                    self._cell["text"].append("\n")
                self._stack.append(bool(classes & NOT_VALUE) or (self._stack[-1] if self._stack else False))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "p":
            self._in_csv_p = False
        elif self._cell is not None and tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._cell is not None and not any(self._stack):
            self._cell["text"].append(data)


def cell_text(cell: dict) -> str:
    text = "".join(cell["text"])
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")


def layout(rows: list[list[dict]]) -> list[list[str]]:
    """The HTML table model in short: a cell fills colspan x rowspan slots, left to right."""
    slots: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in slots:
                c += 1
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    slots[(r + dr, c + dc)] = cell_text(cell)
            c += cell["colspan"]
    return [[slots[(r, c)] for c in range(max(c for rr, c in slots if rr == r) + 1)] for r in range(len(rows))]


TABLE_PAGES = ["coverage", "compare/values", "compare/priorities", "compare/visions", "compare/timeline",
               "compare/participation"]
HEADERS = {"fi": "Organisaatio", "sv": "Organisation"}


def tables_of(site, path: str) -> list[dict]:
    """The tables of the page at `path` (an address below the site's root, as address() gives it)."""
    reader = TableReader()
    reader.feed((site.dir / path / "index.html").read_text(encoding="utf-8"))
    return reader.tables


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("page", TABLE_PAGES)
def test_every_table_has_a_csv_with_the_tables_cells(site, page, lang) -> None:
    path = address(page, lang)
    tables = tables_of(site, path)
    assert tables, path
    folder = {"fi": "/data/taulukot/", "sv": "/data/tabeller/"}[lang]
    for table in tables:
        assert table["csv"], f"a table on /{path} has no CSV link"
        target = urlsplit(urljoin(f"http://site/{path}", table["csv"])).path
        assert target.startswith(folder), target
        raw = (site.dir / target.lstrip("/")).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{target}: no byte order mark"
        rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
        html = layout(table["rows"])
        assert rows == html, f"{target} differs from its table on /{path}"
        assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), target


def test_table_headers_are_in_the_pages_language_and_file_names_stable(site) -> None:
    fi = tables_of(site, address("compare/timeline", "fi"))[0]
    sv = tables_of(site, address("compare/timeline", "sv"))[0]
    # the file's name stays; the way up to the site's root follows the page's address
    assert fi["csv"] == "../" * address("compare/timeline", "fi").count("/") + "data/taulukot/timeline.csv"
    assert sv["csv"] == "../" * address("compare/timeline", "sv").count("/") + "data/tabeller/timeline.csv"
    assert layout(fi["rows"])[0][0] == HEADERS["fi"] and layout(sv["rows"])[0][0] == HEADERS["sv"]
    files = sorted(p.name for p in (site.dir / "data" / "taulukot").glob("*.csv"))
    assert files == sorted(p.name for p in (site.dir / "data" / "tabeller").glob("*.csv"))
    assert len(files) == 13


def test_a_rowspan_and_an_unknown_come_out_as_a_spreadsheet_needs_them(site) -> None:
    """The timeline table's organisation cell spans its versions: each CSV row names the organisation."""
    raw = (site.dir / "data" / "taulukot" / "timeline.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    organisations = [r[0] for r in rows[1:]]
    assert "" not in organisations
    assert any(organisations.count(name) > 1 for name in organisations)  # several versions, each named
    values = list(csv.reader(io.StringIO(
        (site.dir / "data" / "taulukot" / "values-matrix.csv").read_text(encoding="utf-8-sig"), newline="")))
    unknown = [r for r in values if "Ei vielä lähteissä." in r]
    assert all(set(r[1:]) == {"Ei vielä lähteissä."} for r in unknown)  # every column of the row says so


def test_parser_sees_a_changed_cell() -> None:
    """The comparison can fail: a cell whose text differs from the file is found."""
    html = ('<table><tr><th>A</th><th>B</th></tr><tr><th rowspan="2">x</th><td>1<br>2</td></tr>'
            '<tr><td><span class="ss-cell-label">B: </span>3 <a class="ss-cmp-orglink">katso</a></td></tr></table>')
    reader = TableReader()
    reader.feed(html)
    assert layout(reader.tables[0]["rows"]) == [["A", "B"], ["x", "1\n2"], ["x", "3"]]
    assert layout(reader.tables[0]["rows"]) != [["A", "B"], ["x", "1 2"], ["x", "3"]]
