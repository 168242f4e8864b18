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
import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ..input.dates import PartialDate, build_date
from ..input.load import Catalogue
from ..input.model import LANGS, Organisation, Predecessor, Source, Strategy, Text, nodes_of
from ..views.state import strategy_state
from .drawn import KeptDrawings, of_organisation

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


def _json_files(catalogue: Catalogue, today: dt.date, kept: KeptDrawings | None = None) -> dict[str, str]:
    """One file per organisation ({envelope, "organisation": {...}}) and the whole dataset
    ({envelope, "organisations": [...]}), the text json.dumps would give for each. Every
    organisation is serialised once and placed into both (twice was half of the export's time)."""
    envelope = _envelope()
    own = {org.slug: of_organisation(kept, catalogue, org, (data_path(org.slug, "json"), today),
                                     functools.partial(_organisation_json, org, today))
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


@dataclass
class _Place:
    """Where a model of the walk stands in the CSV: the strategy or predecessor it belongs to, its
    field names and list positions below that, and the source its facts fall back on."""
    where: dict
    names: list[str]
    items: list[int]
    source: str | None


def _skipped(parent: BaseModel, name: str) -> bool:
    """The fields the CSV leaves out: sources and ids have columns of their own, editors' records none."""
    return (name in _SOURCE_FIELDS or name in _ID_FIELDS or name in _EDITORS_RECORDS
            or (isinstance(parent, Text) and name in LANGS))


def _rows(org: Organisation, today: dt.date):
    """One dict per text or scalar value of the organisation, in document order (model.nodes_of)."""
    sources: dict[str, Source] = {s.id: s for s in org.sources}
    base = {"organisation": org.slug, "organisation_fi": org.name.fi or "", "organisation_sv": org.name.sv or ""}

    def row(place: _Place, name: str, item: int | None, source: str | None, **values) -> dict:
        names, items = place.names + [name], place.items + ([] if item is None else [item])
        return _row(place.where, names, items, source, **values)

    def _row(where: dict, names: list[str], items: list[int], source: str | None, **values) -> dict:
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

    def state_rows(strategy):
        # derived, not from a source: the state on the build date (state.py)
        for key, derived in state_record(org, strategy, today).items():
            if derived is not None:
                yield _row({"strategy": strategy.id}, ["state", key], [], None,
                           value=str(derived).lower() if isinstance(derived, bool) else derived)

    models: dict[tuple, BaseModel] = {(): org}
    places = {(): _Place({}, [], [], getattr(org, "source", None))}
    strategies: list[tuple[tuple, Strategy]] = []  # the strategy being walked, for its state rows after it
    for path, value in nodes_of(org, leaves=True, skip=_skipped):
        while strategies and path[:len(strategies[-1][0])] != strategies[-1][0]:
            yield from state_rows(strategies.pop()[1])
        if not path:
            continue
        item = path[-1] if isinstance(path[-1], int) else None
        name, parent_path = (path[-2], path[:-2]) if item is not None else (path[-1], path[:-1])
        parent, place = models[parent_path], places[parent_path]
        field_source = getattr(parent, f"{name}_source", None) or place.source
        if isinstance(value, BaseModel):
            if isinstance(value, Strategy):
                own = _Place({"strategy": value.id}, [], [], field_source)
                strategies.append((path, value))
            elif isinstance(value, Predecessor):
                own = _Place({"predecessor": value.id}, [], [], field_source)
            else:
                own = _Place(place.where, place.names + [name], place.items + ([] if item is None else [item]),
                             field_source)
            own.source = getattr(value, "source", None) or own.source
            models[path], places[path] = value, own
            if isinstance(value, Text):
                texts = {f"text_{lang}": value.get(lang) or "" for lang in LANGS}
                official = {f"official_{lang}": ("yes" if value.is_official(lang) else "no") if value.get(lang) else ""
                            for lang in LANGS}
                yield _row(own.where, own.names, own.items, own.source, **texts, **official)
        elif value is not None or item is not None:
            # a field whose sources are a list of ids gets a row for each of them
            for source in field_source if isinstance(field_source, list) else [field_source]:
                yield row(place, name, item, source, value=_plain(value))
    while strategies:
        yield from state_rows(strategies.pop()[1])


def _organisation_json(org: Organisation, today: dt.date) -> str:
    return json.dumps(_organisation(org, today), ensure_ascii=False, indent=1)


def _organisation_csv(org: Organisation, today: dt.date) -> str:
    return _csv_rows(list(_rows(org, today)))


def _csv_rows(rows: list[dict]) -> str:
    """The CSV lines of the rows, without the heading: each row is one line of its own, so a
    file's lines are its organisations' lines one after the other."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _csv_heading() -> str:
    buffer = io.StringIO()
    # A byte order mark lets spreadsheet programs read the file as UTF-8 (ä, ö, å).
    buffer.write("\ufeff")
    csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n").writeheader()
    return buffer.getvalue()


def data_files(catalogue: Catalogue, today: dt.date | None = None, kept: KeptDrawings | None = None) -> dict[str, str]:
    """docs-relative path -> content of every data file, with strategy states as of today (the build
    date). kept: the preview's texts of each organisation kept between saves (made again only
    for an organisation whose model changed)."""
    today = today or build_date()
    files = _json_files(catalogue, today, kept)
    heading = _csv_heading()
    lines = {org.slug: of_organisation(kept, catalogue, org, (data_path(org.slug, "csv"), today),
                                       functools.partial(_organisation_csv, org, today))
             for org in catalogue.organisations}
    files[data_path(None, "csv")] = heading + "".join(lines.values())
    for slug, own in lines.items():
        files[data_path(slug, "csv")] = heading + own
    return files
