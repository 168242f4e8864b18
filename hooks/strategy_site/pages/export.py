"""The validated model as open data: JSON (complete, nested) and CSV (one row per fact).

Written into docs/data/ so MkDocs publishes the files with the site (and checks the links to
them): the whole dataset and one pair of files per organisation. The files hold no
timestamp, so they change only when the data does and the build stays reproducible.

JSON mirrors the YAML schema (model.py), plus what resolve.py works out: per text, the
languages in which it is the organisation's own official wording (`official`); a language
missing there is the site's translation. CSV flattens the same facts for spreadsheets: one
row per text or value, with its source spelled out on the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from pydantic import BaseModel

from ..input.dates import PartialDate, build_date
from ..input.load import Catalogue
from ..input.model import LANGS, Organisation, Source, Text
from ..views.state import strategy_state

DATA_DIR = "data"
DATASET_NAME = "strategiat"
LICENCE = {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
DATASET_TITLE = {"fi": "Hyvinvointialueiden strategiat", "sv": "Välfärdsområdenas strategier"}
FORMAT_VERSION = 1

# Fields that the CSV shows in their own columns instead of as rows.
_SOURCE_FIELDS = {"source", "fi_source", "sv_source", "status_source", "municipalities_source",
                  "languages_source"}
_ID_FIELDS = {"slug", "id", "sources"}
# The editors' own records about their research, not facts from a source: in the JSON, not in the CSV,
# whose every row names the source of its text.
_EDITORS_RECORDS = {"not_found", "last_checked"}

CSV_COLUMNS = ["organisation", "organisation_fi", "organisation_sv", "strategy", "predecessor", "field", "item",
               "text_fi", "text_sv", "official_fi", "official_sv", "value",
               "source", "source_title", "source_publisher", "source_date", "source_url", "source_document"]


def data_path(slug: str | None, extension: str) -> str:
    """docs-relative path of a data file: the whole dataset (slug None) or one organisation's."""
    if slug is None:
        return f"{DATA_DIR}/{DATASET_NAME}.{extension}"
    return f"{DATA_DIR}/org/{slug}.{extension}"


def files_on_disk(docs_dir: Path) -> list[Path]:
    """The data files now in docs/ (some may be of organisations since removed)."""
    data_dir = docs_dir / DATA_DIR
    return [*data_dir.rglob("*.json"), *data_dir.rglob("*.csv")]


def _plain(value):
    if isinstance(value, Text):
        out = _model(value)
        out["official"] = [lang for lang in LANGS if value.is_official(lang)]
        return out
    if isinstance(value, BaseModel):
        return _model(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, PartialDate):
        return value.iso()
    return value


def _model(obj: BaseModel) -> dict:
    return {name: _plain(getattr(obj, name)) for name in type(obj).model_fields}


def _envelope() -> dict:
    return {"title": DATASET_TITLE, "licence": LICENCE, "format_version": FORMAT_VERSION}


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _indent(text: str, prefix: str, first: bool) -> str:
    lines = text.split("\n")
    return "\n".join(prefix + line if first or i else line for i, line in enumerate(lines))


def state_record(org: Organisation, strategy, today: dt.date) -> dict:
    """The strategy's state on the build date (state.py) as open data: added beside the YAML's fields."""
    state = strategy_state(org, strategy, today)
    return {"kind": state.kind, "as_of": today.isoformat(), "newer_version_known": state.newer_known,
            "may_be_out_of_date": state.stale,
            "newest_source": state.newest_source.iso() if state.newest_source else None}


def _organisation(org: Organisation, today: dt.date) -> dict:
    data = _model(org)
    for record, strategy in zip(data["strategies"], org.strategies, strict=True):
        record["state"] = state_record(org, strategy, today)
    return data


def _json_files(catalogue: Catalogue, today: dt.date) -> dict[str, str]:
    """One file per organisation ({envelope, "organisation": {...}}) and the whole dataset
    ({envelope, "organisations": [...]}), the text json.dumps would give for each. Every
    organisation is serialised once and placed into both (twice was half of the export's time)."""
    envelope = _envelope()
    own = {org.slug: json.dumps(_organisation(org, today), ensure_ascii=False, indent=1)
           for org in catalogue.organisations}
    files = {}
    head = _dumps({**envelope, "organisation": None})
    for slug, text in own.items():
        files[data_path(slug, "json")] = head.replace("null\n}\n", _indent(text, " ", first=False) + "\n}\n")
    whole = _dumps({**envelope, "organisations": []})
    if own:
        items = ",\n".join(_indent(text, "  ", first=True) for text in own.values())
        whole = whole.replace("[]\n}\n", "[\n" + items + "\n ]\n}\n")
    files[data_path(None, "json")] = whole
    return files


def _rows(org: Organisation, today: dt.date):
    """One dict per text or scalar value of the organisation, in document order."""
    sources: dict[str, Source] = {s.id: s for s in org.sources}
    base = {"organisation": org.slug, "organisation_fi": org.name.fi or "", "organisation_sv": org.name.sv or ""}

    def row(where: dict, names: list[str], items: list[int], source: str | None, **values) -> dict:
        src = sources.get(source) if source else None
        out = dict.fromkeys(CSV_COLUMNS, "")
        out.update(base)
        out.update(where)
        out.update(field=".".join(names), item=".".join(str(i + 1) for i in items), **values)
        if src:
            out.update(source=src.id, source_title=src.title, source_publisher=src.as_given(src.publisher),
                       source_date=src.date.iso() if src.date else "", source_url=src.url or "",
                       source_document=src.as_given(src.document))
        return out

    def walk(obj: BaseModel, where: dict, names: list[str], items: list[int], source: str | None):
        source = getattr(obj, "source", None) or source
        if isinstance(obj, Text):
            texts = {f"text_{lang}": obj.get(lang) or "" for lang in LANGS}
            official = {f"official_{lang}": ("yes" if obj.is_official(lang) else "no") if obj.get(lang) else ""
                        for lang in LANGS}
            yield row(where, names, items, source, **texts, **official)
        for name in type(obj).model_fields:
            if name in _SOURCE_FIELDS or name in _ID_FIELDS or name in _EDITORS_RECORDS or (
                    isinstance(obj, Text) and name in LANGS):
                continue
            value = getattr(obj, name)
            field_source = getattr(obj, f"{name}_source", None) or source
            if isinstance(field_source, list):  # several sources (languages_source): a row for each
                for i, item in enumerate(value):
                    for own in field_source:
                        yield row(where, names + [name], items + [i], own, value=_plain(item))
                continue
            if name == "strategies":
                for strategy in value:
                    yield from walk(strategy, {"strategy": strategy.id}, [], [], field_source)
                    # derived, not from a source: the state on the build date (state.py)
                    for key, derived in state_record(org, strategy, today).items():
                        if derived is not None:
                            yield row({"strategy": strategy.id}, ["state", key], [], None,
                                      value=str(derived).lower() if isinstance(derived, bool) else derived)
            elif name == "predecessors":
                for predecessor in value:
                    yield from walk(predecessor, {"predecessor": predecessor.id}, [], [], field_source)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        yield from walk(item, where, names + [name], items + [i], field_source)
                    else:
                        yield row(where, names + [name], items + [i], field_source, value=_plain(item))
            elif isinstance(value, BaseModel):
                yield from walk(value, where, names + [name], items, field_source)
            elif value is not None:
                yield row(where, names + [name], items, field_source, value=_plain(value))

    yield from walk(org, {}, [], [], None)


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    # A byte order mark lets spreadsheet programs read the file as UTF-8 (ä, ö, å).
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def data_files(catalogue: Catalogue, today: dt.date | None = None) -> dict[str, str]:
    """docs-relative path -> content of every data file, with strategy states as of today (the build date)."""
    today = today or build_date()
    files = _json_files(catalogue, today)
    rows = {org.slug: list(_rows(org, today)) for org in catalogue.organisations}
    files[data_path(None, "csv")] = _csv([row for own in rows.values() for row in own])
    for slug, own in rows.items():
        files[data_path(slug, "csv")] = _csv(own)
    return files
