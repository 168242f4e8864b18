"""The tables of the comparison and coverage pages as CSV files (views/tables.py decides the cells)."""

from __future__ import annotations

import csv
import io

from ..views.tables import Table


def table_csv(table: Table) -> str:
    """The table as CSV: UTF-8 with a byte order mark (spreadsheets then read ä and ö right),
    spanned cells repeated in every row and column they cover."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(table.grid())
    return buffer.getvalue()
