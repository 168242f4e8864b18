"""The open data described the way open-data tools expect it.

- data/datapackage.json: a Frictionless Data package (Tabular Data Package) with a Table Schema
  for every CSV file the site publishes: the whole dataset, each organisation's file and each
  comparison table in both languages; field types, the licence and the sources.
- data/dcat.jsonld: DCAT-AP metadata of the dataset (a dcat:Catalog with one dcat:Dataset and
  its distributions) in JSON-LD, for a national open-data portal to harvest (CKAN with DCAT).

Both are reproducible: their one date is SOURCE_DATE_EPOCH when set, otherwise the newest date
of the data (the last change to a strategy file, or the newest source), never the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import yaml

from ..input.labels import label
from ..input.load import Catalogue
from ..input.model import LANGS
from ..input.vocabulary import Vocabulary, load_vocabulary
from ..views.compare import compare
from ..views.compare_tables import comparison_tables
from ..views.coverage import coverage_tables, organisation_coverage
from ..views.tables import TABLE_DIRS, Table
from .export import CSV_COLUMNS, DATA_DIR, DATASET_NAME, LICENCE, data_path
from .links import PageLinks
from .urls import COMPARE_DIR

PACKAGE_FILE = f"{DATA_DIR}/datapackage.json"
DCAT_FILE = f"{DATA_DIR}/dcat.jsonld"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"

TITLE = {"fi": "Hyvinvointialueiden strategiat", "sv": "Välfärdsområdenas strategier"}
DESCRIPTION = {
    "fi": ("Suomen 21 hyvinvointialueen, Helsingin kaupungin ja HUS-yhtymän strategioiden keskeinen sisältö "
           "(missio, visio, arvot, painopisteet, kausi, hyväksyminen ja valmistelu) suomeksi ja ruotsiksi, "
           "jokainen tieto lähteineen, sekä sivuston vertailutaulukot. Organisaatiokohtaiset tiedostot ovat "
           "osoitteissa data/org/<tunnus>.json ja .csv."),
    "sv": ("Det centrala innehållet i strategierna för Finlands 21 välfärdsområden, Helsingfors stad och "
           "HUS-sammanslutningen (mission, vision, värden, prioriteringar, period, godkännande och beredning) "
           "på finska och svenska, varje uppgift med källa, och webbplatsens jämförelsetabeller. Filerna per "
           "organisation finns på adresserna data/org/<id>.json och .csv."),
}
KEYWORDS = {"fi": ["hyvinvointialueet", "strategia", "sote", "kuntastrategia"],
            "sv": ["välfärdsområden", "strategi", "social- och hälsovård"]}
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
LICENCE_IRI = "http://creativecommons.org/licenses/by/4.0/"  # the IRI CKAN and DCAT-AP know
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGE_IRI = {"fi": f"{EU}language/FIN", "sv": f"{EU}language/SWE"}
FILE_TYPE = {"csv": f"{EU}file-type/CSV", "json": f"{EU}file-type/JSON"}
MEDIA_TYPE = {"csv": "text/csv", "json": "application/json"}

# The site-wide CSV's columns (export.CSV_COLUMNS), described for the Table Schema.
CSV_FIELDS = {
    "organisation": "Organisation's id (the address of its page)",
    "organisation_fi": "Organisation's name in Finnish", "organisation_sv": "Organisation's name in Swedish",
    "strategy": "Id of the strategy version the row belongs to", "predecessor": "Id of the predecessor",
    "field": "The fact, as a path in the schema (values, approval.date, ...)",
    "item": "Position in its list, 1-based, dotted for nested lists",
    "text_fi": "Text in Finnish", "text_sv": "Text in Swedish",
    "official_fi": "yes: the organisation's own Finnish text; no: the site's translation",
    "official_sv": "yes: the organisation's own Swedish text; no: the site's translation",
    "value": "A value that is not a text: a date (as exact as the source), a status, a number",
    "source": "Id of the source", "source_title": "Title of the source", "source_publisher": "Publisher",
    "source_date": "Date of the source, as exact as it gives it (2022-06-13, 2022-06, 2019-autumn, 2022)",
    "source_url": "Address of the source", "source_document": "The document, where it has no address",
}


# --- Shared facts -----------------------------------------------------------------------------------

def _env_tag(loader, node):
    """MkDocs' !ENV [NAME, default] in mkdocs.yml: the variable's value, else the default."""
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if os.environ.get(v)), default)


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: !ENV as MkDocs does, other tags of Python objects as nothing."""


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def site_url(root: Path) -> str:
    """The site's address as MkDocs will see it (site_url in mkdocs.yml, usually from SITE_URL)."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    url = str(config.get("site_url") or os.environ.get("SITE_URL") or DEFAULT_SITE_URL)
    return url if url.endswith("/") else url + "/"


def data_date(catalogue: Catalogue, changed_on: dict) -> dt.date:
    """SOURCE_DATE_EPOCH's day when set; otherwise the data's newest date: the last change to a
    strategy file (git), else the newest source's last day. Never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    dates = [d for d in changed_on.values() if d]
    if not dates:
        dates = [s.date.last_day() for org in catalogue.organisations for s in org.sources if s.date]
    return max(dates, default=dt.date(2022, 1, 1))


def site_tables(catalogue: Catalogue, vocabulary: Vocabulary | None = None) -> dict[str, list[Table]]:
    """lang -> every table of the comparison and coverage pages, in the order of the open-data page."""
    data = compare(catalogue, vocabulary or load_vocabulary())
    rows = [organisation_coverage(org) for org in catalogue.organisations]
    out = {}
    for lang in LANGS:
        pages = comparison_tables(data, lang, PageLinks.of_page(f"{COMPARE_DIR}/values", lang))
        out[lang] = [t for tables in pages.values() for t in tables.values()]
        out[lang] += list(coverage_tables(rows, lang, PageLinks.of_page("coverage", lang)).values())
    return out


def _sources(orgs) -> list[dict]:
    """Frictionless sources: every source of the organisations, once, with its address."""
    seen, out = set(), []
    for org in orgs:
        for s in org.sources:
            # publisher and document as the source gives them (either may be written in both languages)
            document = s.as_given(s.document) if s.document else ""
            title = f"{s.title} ({s.as_given(s.publisher)}{', ' + s.date.iso() if s.date else ''})"
            key = (title, s.url or document)
            if key in seen:
                continue
            seen.add(key)
            out.append({"title": title, "path": s.url} if s.url else {"title": f"{title}: {document}"})
    return out


# --- Frictionless Data package ----------------------------------------------------------------------

def _licences() -> list[dict]:
    return [{"name": LICENCE["id"], "path": LICENCE["url"], "title": LICENCE_TITLE}]


# Every CSV is UTF-8 (the IANA name the spec asks for) with a byte order mark for spreadsheets;
# CSV readers, frictionless among them, skip the mark.


def _dialect() -> dict:
    return {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def _table_resource(table: Table, lang: str) -> dict:
    headers = [c.value for c in table.head.cells]
    fields = []
    for i, name in enumerate(headers):
        field: dict[str, str | bool] = {"name": name, "title": name, "type": table.types.get(i, "string")}
        if field["type"] in ("integer", "number"):
            field["bareNumber"] = False  # "33 %", "12 voi olla puutteellinen"
        fields.append(field)
    missing = ["", label("unknown", lang), label("unknown_short", lang), "–"]
    folder = TABLE_DIRS[lang].removeprefix(f"{DATA_DIR}/")
    return {
        "name": f"{folder}-{table.key}",
        "path": f"{folder}/{table.key}.csv",
        "profile": "tabular-data-resource",
        "title": table.caption,
        "description": label("tbl_resource_description", lang),
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "dialect": _dialect(),
        "schema": {"fields": fields, "missingValues": missing},
        "licenses": _licences(),
    }


def _dataset_schema() -> dict:
    return {"fields": [{"name": name, "type": "string", "description": CSV_FIELDS[name]} for name in CSV_COLUMNS],
            "missingValues": [""]}


def datapackage(catalogue: Catalogue, tables: dict[str, list[Table]], updated: dt.date) -> dict:
    orgs = catalogue.organisations
    resources = [{
        "name": DATASET_NAME, "path": data_path(None, "csv").removeprefix(f"{DATA_DIR}/"),
        "profile": "tabular-data-resource",
        "title": f"{TITLE['fi']} – {TITLE['sv']}",
        "description": "One row per text or value of every organisation, with its source on the row.",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "dialect": _dialect(),
        "schema": _dataset_schema(), "licenses": _licences(), "sources": _sources(orgs),
    }]
    for org in orgs:
        resources.append({
            "name": f"org-{org.slug}", "path": data_path(org.slug, "csv").removeprefix(f"{DATA_DIR}/"),
            "profile": "tabular-data-resource",
            "title": " – ".join(dict.fromkeys(text for code in LANGS if (text := org.name.get(code)))),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "dialect": _dialect(),
            "schema": _dataset_schema(), "licenses": _licences(), "sources": _sources([org]),
        })
    for lang in LANGS:
        resources += [_table_resource(t, lang) for t in tables[lang]]
    return {
        "profile": "tabular-data-package",
        "name": "hyvinvointialueiden-strategiat",
        "title": f"{TITLE['fi']} – {TITLE['sv']}",
        "description": f"{DESCRIPTION['fi']}\n\n{DESCRIPTION['sv']}",
        "keywords": KEYWORDS["fi"] + KEYWORDS["sv"],
        "created": f"{updated.isoformat()}T00:00:00Z",
        "licenses": _licences(),
        "sources": _sources(orgs),
        "resources": resources,
    }


# --- DCAT-AP ----------------------------------------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _texts(values: dict[str, str]) -> list[dict]:
    return [{"@value": values[lang], "@language": lang} for lang in LANGS]


def _date(day: dt.date) -> dict:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def dcat(tables: dict[str, list[Table]], updated: dt.date, base: str) -> dict:
    """A dcat:Catalog with one dcat:Dataset, its publisher and distributions (DCAT-AP 2/3)."""
    landing = {lang: base + ("" if lang == LANGS[0] else f"{lang}/") + "avoin-data/" for lang in LANGS}
    publisher = {"@id": f"{base}#publisher", "@type": "foaf:Agent", "foaf:name": _texts(TITLE),
                 "foaf:homepage": {"@id": base}}
    licence = {"@id": LICENCE_IRI}
    distributions = []

    def distribution(path: str, kind: str, titles: dict[str, str], extra: dict | None = None) -> None:
        url = base + path
        distributions.append({
            "@id": url, "@type": "dcat:Distribution", "dct:title": _texts(titles),
            "dcat:accessURL": {"@id": landing["fi"]}, "dcat:downloadURL": {"@id": url},
            "dct:format": {"@id": FILE_TYPE[kind]}, "dcat:mediaType": {"@id": f"http://www.iana.org/assignments/media-types/{MEDIA_TYPE[kind]}"},
            "dct:license": licence, "dct:modified": _date(updated), **(extra or {}),
        })

    distribution(data_path(None, "json"), "json", {"fi": "Koko aineisto (JSON)", "sv": "Hela datamängden (JSON)"})
    distribution(data_path(None, "csv"), "csv", {"fi": "Koko aineisto (CSV)", "sv": "Hela datamängden (CSV)"})
    distribution(PACKAGE_FILE, "json", {"fi": "Frictionless Data -kuvaus (datapackage.json)",
                                        "sv": "Frictionless Data-beskrivning (datapackage.json)"},
                 {"dct:conformsTo": {"@id": "https://specs.frictionlessdata.io/tabular-data-package/"}})
    for lang in LANGS:
        other = next(code for code in LANGS if code != lang)
        for t in tables[lang]:
            # a table's own caption is in its language only; the other title says which language it is
            distribution(f"{TABLE_DIRS[lang]}/{t.key}.csv", "csv",
                         {lang: t.caption, other: label(f"tbl_in_{lang}", other, caption=t.caption)},
                         {"dct:language": {"@id": LANGUAGE_IRI[lang]}})
    dataset = {
        "@id": f"{landing['fi']}#dataset", "@type": "dcat:Dataset",
        "dct:identifier": f"{landing['fi']}#dataset",
        "dct:title": _texts(TITLE), "dct:description": _texts(DESCRIPTION),
        "dct:publisher": {"@id": publisher["@id"]},
        "dct:license": licence,
        "dct:modified": _date(updated),
        "dct:language": [{"@id": LANGUAGE_IRI[lang]} for lang in LANGS],
        "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/FIN"},
        "dcat:theme": [{"@id": f"{EU}data-theme/GOVE"}, {"@id": f"{EU}data-theme/HEAL"}],
        "dcat:keyword": [{"@value": k, "@language": lang} for lang in LANGS for k in KEYWORDS[lang]],
        "dcat:landingPage": [{"@id": url} for url in landing.values()],
        "dcat:contactPoint": {"@id": f"{base}#contact", "@type": "vcard:Organization",
                              "vcard:fn": TITLE["fi"], "vcard:hasURL": {"@id": base + "tietoa/"}},
        "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
    }
    catalog = {
        "@id": f"{base}{DCAT_FILE}#catalog", "@type": "dcat:Catalog",
        "dct:title": _texts(TITLE), "dct:description": _texts(DESCRIPTION),
        "dct:publisher": {"@id": publisher["@id"]}, "dct:license": licence,
        "dct:modified": _date(updated), "foaf:homepage": {"@id": base},
        "dct:language": [{"@id": LANGUAGE_IRI[lang]} for lang in LANGS],
        "dcat:dataset": [{"@id": dataset["@id"]}],
    }
    return {"@context": CONTEXT, "@graph": [catalog, dataset, publisher, *distributions]}


def metadata_files(catalogue: Catalogue, changed_on: dict, root: Path,
                   tables: dict[str, list[Table]] | None = None) -> dict[str, str]:
    """docs-relative path -> content of datapackage.json and dcat.jsonld; tables: site_tables()'s,
    if the pages' rendering has them already (their columns are all that is read)."""
    tables = tables if tables is not None else site_tables(catalogue)
    updated = data_date(catalogue, changed_on)

    def dumps(data: dict) -> str:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    return {PACKAGE_FILE: dumps(datapackage(catalogue, tables, updated)),
            DCAT_FILE: dumps(dcat(tables, updated, site_url(root)))}
