"""The open data's descriptions: a Frictionless Data package that the frictionless validator passes,
and DCAT-AP metadata that an RDF parser reads as a catalogue with one dataset a portal can harvest."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from strategy_site.input.load import load_catalogue
from strategy_site.pages import opendata

ROOT = Path(__file__).resolve().parent.parent
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


# --- Frictionless -------------------------------------------------------------------------------

def test_the_data_package_passes_the_frictionless_validator(site) -> None:
    from frictionless import validate

    package = json.loads((site.dir / "data" / "datapackage.json").read_text(encoding="utf-8"))
    report = validate(str(site.dir / "data" / "datapackage.json"))
    problems = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors][:10]
    assert report.valid, problems
    # every CSV file the site publishes has its resource and schema, and no resource is missing its file
    published = {p.relative_to(site.dir / "data").as_posix() for p in (site.dir / "data").rglob("*.csv")}
    assert {r["path"] for r in package["resources"]} == published
    assert len(report.tasks) == len(published)
    assert all(r["schema"]["fields"] and r["licenses"][0]["name"] == "CC-BY-4.0" for r in package["resources"])
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    urls = {s.get("path") for s in package["sources"]}
    assert any(u and u.startswith("https://") for u in urls) and len(package["sources"]) > 20
    matrix = next(r for r in package["resources"] if r["name"] == "taulukot-priorities-matrix")
    assert {f["type"] for f in matrix["schema"]["fields"][1:]} == {"integer"}


def test_the_validator_fails_a_table_that_breaks_its_schema(site, tmp_path) -> None:
    """The check can fail: a count that is not a number, and a header that is not the schema's."""
    from frictionless import validate

    data = tmp_path / "data"
    shutil.copytree(site.dir / "data", data)
    matrix = data / "taulukot" / "priorities-matrix.csv"
    lines = matrix.read_bytes().decode("utf-8-sig").split("\r\n")
    cells = lines[1].split(",")
    cells[1] = "paljon"
    lines[1] = ",".join(cells)
    matrix.write_text("\ufeff" + "\r\n".join(lines), encoding="utf-8")
    timeline = data / "tabeller" / "timeline.csv"
    timeline.write_bytes(timeline.read_bytes().replace(b"Organisation,", b"Organisationen,", 1))
    report = validate(str(data / "datapackage.json"))
    failed = {t.name: {e.type for e in t.errors} for t in report.tasks if not t.valid}
    assert failed == {"taulukot-priorities-matrix": {"type-error"}, "tabeller-timeline": {"incorrect-label"}}


# --- DCAT-AP ------------------------------------------------------------------------------------

def test_dcat_metadata_parses_as_rdf_and_has_what_a_portal_requires(site) -> None:
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, FOAF

    dcat = Namespace("http://www.w3.org/ns/dcat#")
    graph = Graph()
    graph.parse(site.dir / "data" / "dcat.jsonld", format="json-ld")
    [catalog] = graph.subjects(RDF.type, dcat.Catalog)
    [dataset] = graph.subjects(RDF.type, dcat.Dataset)
    assert (catalog, dcat.dataset, dataset) in graph
    for subject in (catalog, dataset):
        for prop in (DCTERMS.title, DCTERMS.description):
            assert {o.language for o in graph.objects(subject, prop)} == {"fi", "sv"}, (subject, prop)
        publisher = graph.value(subject, DCTERMS.publisher)
        assert {o.language for o in graph.objects(publisher, FOAF.name)} == {"fi", "sv"}
    assert graph.value(dataset, DCTERMS.license) == URIRef(CC_BY)
    modified = graph.value(dataset, DCTERMS.modified)
    assert isinstance(modified, Literal) and isinstance(modified.toPython(), dt.date)
    distributions = list(graph.objects(dataset, dcat.distribution))
    assert len(distributions) >= 3 + 2 * 13
    for d in distributions:
        assert (d, RDF.type, dcat.Distribution) in graph
        assert graph.value(d, DCTERMS.license) == URIRef(CC_BY)
        assert graph.value(d, DCTERMS["format"]) is not None
        url = str(graph.value(d, dcat.downloadURL))
        assert url.startswith(site.url), url  # absolute, on the site's own address
        assert (site.dir / url.removeprefix(site.url)).is_file(), url
    landing = {str(u) for u in graph.objects(dataset, dcat.landingPage)}
    assert landing == {site.url + "avoin-data/", site.url + "sv/avoin-data/"}


def test_the_update_date_comes_from_source_date_epoch_or_the_data_never_the_clock(monkeypatch) -> None:
    catalogue = load_catalogue(ROOT / "tests" / "fixtures" / "strategies")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert opendata.data_date(catalogue, {}) == dt.date(2023, 11, 14)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert opendata.data_date(catalogue, {"esimerkki": dt.date(2024, 3, 5)}) == dt.date(2024, 3, 5)
    newest = max(s.date.last_day() for o in catalogue.organisations for s in o.sources if s.date)
    assert opendata.data_date(catalogue, {}) == newest
    first = opendata.metadata_files(catalogue, {}, ROOT)
    assert first == opendata.metadata_files(catalogue, {}, ROOT)  # same data, same bytes
    assert f'"@value": "{newest.isoformat()}"' in first[opendata.DCAT_FILE]


def test_the_site_address_is_the_one_mkdocs_uses(monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://strategiat.example.fi")
    assert opendata.site_url(ROOT) == "https://strategiat.example.fi/"
    monkeypatch.delenv("SITE_URL")
    assert opendata.site_url(ROOT) == "http://127.0.0.1:8000/"  # mkdocs.yml's default


def test_the_description_made_from_the_pages_tables_is_the_one_made_from_the_data() -> None:
    """generate.py describes the tables the languages' pages published (their columns only)
    instead of computing every table again: the files are the same, for the real data and for a
    catalogue whose pages are split into parts."""
    from dataclasses import replace

    from strategy_site.input import paths
    from strategy_site.input.division import load_checked
    from strategy_site.input.model import LANGS
    from strategy_site.pages.render import Renderer

    root = Path(__file__).resolve().parents[1]
    real = load_checked(root / paths.STRATEGIES, root / paths.DIVISION)
    many = replace(real, organisations=[org.model_copy(update={"slug": f"{org.slug}-{n}"})
                                        for n in range(6) for org in real.organisations])
    for catalogue in (real, many):
        renderer = Renderer(catalogue)
        renderer.pages()
        published = {lang: [t.described() for t in renderer.published_tables[(lang, "compare")]]
                     + [t.described() for t in renderer.published_tables[(lang, "coverage")]] for lang in LANGS}
        assert all(not t.bodies for tables in published.values() for t in tables)
        assert opendata.metadata_files(catalogue, {}, root, published) == opendata.metadata_files(catalogue, {}, root)
