"""The comparison pages (compare/): vocabulary, grouping, counts, timeline and the picker script.

Everything is built from real files in tmp_path: strategy YAML written or copied there, the
project's vocabulary (or one written for the test), pages rendered by the real renderer.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from strategy_site.input.errors import StrategyDataError
from strategy_site.input.labels import labels
from strategy_site.input.load import load_catalogue
from strategy_site.input.model import Text
from strategy_site.input.vocabulary import check_vocabulary, load_vocabulary
from strategy_site.pages import sections
from strategy_site.pages.render import Renderer
from strategy_site.views import compare

ROOT = Path(__file__).resolve().parent.parent
STRATEGIES = ROOT / "strategies"
SCRIPT = ROOT / "docs" / "javascripts" / "compare.js"
NAMES = list(sections.PAGES)


# --- helpers ------------------------------------------------------------------------------------

def org_yaml(slug: str, name_fi: str, name_sv: str, **strategy) -> dict:
    """A small valid organisation file with one strategy version."""
    version = {"id": "2023", "status": "approved", **strategy}
    return {
        "slug": slug, "kind": "welfare_area", "source": "src",
        "name": {"fi": name_fi, "sv": name_sv}, "languages": ["fi"],
        "strategies": [version],
        "sources": [{"id": "src", "title": "Strategia", "publisher": name_fi, "date": "2023-01-01",
                     "language": "fi", "url": f"https://{slug}.example.fi/strategia"}],
    }


def write(directory: Path, data: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (directory / f"{data['slug']}.yaml").write_text(text, encoding="utf-8")


def small_catalogue(directory: Path) -> Path:
    write(directory, org_yaml(
        "alfa", "Alfan hyvinvointialue", "Alfa välfärdsområde",
        period={"start": 2023, "end": 2025}, approval={"date": "2022-12-12"},
        mission={"fi": "Hyvää elämää yhdessä."}, vision={"fi": "Suomen paras hyvinvointialue"},
        values=[{"fi": "yhdenvertaisuus"}, {"fi": "rohkeus"}, {"fi": "kärsivällisyys"}],
        priorities=[{"fi": "Sujuvat palvelut"}, {"fi": "Hyvinvoiva henkilöstö"}],
        milestones=[{"kind": "workshop", "date": "2022-05", "status": "done", "fi": "Työpaja"},
                    {"kind": "seminar", "date": None, "status": "done", "fi": "Seminaari"}],
        participation=[{"kind": "survey", "date": "2022-04", "fi": "Asukaskysely",
                        "participants": {"value": 1200, "qualifier": "over"}}]))
    write(directory, org_yaml(
        "beta", "Betan hyvinvointialue", "Beta välfärdsområde",
        period={"start": 2024, "end": None}, status="in_preparation",
        values=[{"fi": "oikeudenmukaisuus", "sv": "rättvisa"}, {"fi": "Alfan hyvinvointialue"}],
        priorities=[{"fi": "Tasapainoinen talous"}]))
    write(directory, org_yaml("gamma", "Gamman hyvinvointialue", "Gamma välfärdsområde"))
    return directory


def render(strategies: Path, vocabulary=None) -> dict[str, str]:
    return sections.compare_pages(Renderer(load_catalogue(strategies)), vocabulary)


def count_cell(page: str, anchor: str) -> str:
    """The organisations cell of a concept in the counts table: "2/3"."""
    match = re.search(rf'<a href="#{anchor}">[^<]*</a></th>\s*<td>([^<]*)</td>', page)
    assert match, f"no count for {anchor}"
    return match.group(1)


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.ids: list[str] = []
        self.svgs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "table":
            self.tables.append({"caption": False, "th": 0})
        elif tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        elif tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
        elif tag == "svg":
            self.svgs.append(attrs)


def parse(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


# --- vocabulary ---------------------------------------------------------------------------------

def test_the_project_vocabulary_is_valid_and_complete() -> None:
    vocabulary = load_vocabulary()
    assert set(vocabulary.groups) == {"values", "themes", "visions"}
    for group in vocabulary.groups.values():
        assert group
        for concept in group:
            for lang in ("fi", "sv"):
                assert concept.label[lang] and concept.definition[lang]
            assert any(concept.words.values())
    themes = {c.id for c in vocabulary.groups["themes"]}
    assert {"services", "wellbeing-prevention", "staff", "economy", "cooperation-partners", "safety-rescue"} <= themes


BAD_VOCABULARY = """\
values:
  - id: equality
    label: {fi: Yhdenvertaisuus, sv: Jämlikhet}
    definition: {fi: Kaikki samanarvoisia., sv: Alla lika.}
    words: {fi: [yhdenvertai], sv: [Jämlik]}
    related: [servises]
  - id: equality
    label: {fi: Toinen}
    definition: {fi: Määritelmä, sv: Definition}
    words: {fi: [toinen]}
    colour: red
themes:
  - id: services
    label: {fi: Palvelut, sv: Tjänster}
    definition: {fi: Palvelut., sv: Tjänster.}
    words: {fi: [palvelu, palvelu]}
"""


def test_vocabulary_mistakes_are_reported_all_at_once_with_line_field_and_hint(tmp_path) -> None:
    path = tmp_path / "concepts.yaml"
    path.write_text(BAD_VOCABULARY, encoding="utf-8")
    with pytest.raises(StrategyDataError) as caught:
        load_vocabulary(path)
    report = caught.value.report()
    expected = [
        "concepts.yaml:5:", "values[0].words.sv[0]: `Jämlik` has capital letters", "hint: write `jämlik`",
        "concepts.yaml:6:", "values[0].related[0]: `servises` is not the id of any concept", "did you mean `services`?",
        "concepts.yaml:7:", "values[1].id: the concept id `equality` is used twice (first on line 2)",
        "values[1].label.sv: the required field `sv` is missing",
        "values[1].colour: unknown field `colour`", "hint: the fields allowed here are: id, label, definition, words, "
        "not, related",
        "themes[0].words.fi: `palvelu` is listed twice (items 1 and 2)",
        "visions: the required field `visions` is missing",
        "problems in 1 file; the site was not built.",
    ]
    for part in expected:
        assert part in report, f"{part!r} not in:\n{report}"


def test_a_comma_in_a_one_line_text_gets_a_hint(tmp_path) -> None:
    text = BAD_VOCABULARY.replace("label: {fi: Palvelut, sv: Tjänster}", "label: {fi: Palvelut, hoito, sv: Tjänster}")
    _, problems = check_vocabulary("concepts.yaml", text.encode())
    assert any("a comma inside" in p.hint and p.path == ("themes", 0, "label", "hoito") for p in problems)


def test_place_uses_word_beginnings_in_either_language_and_skips_names(tmp_path) -> None:
    vocabulary = load_vocabulary()
    values = vocabulary.groups["values"]

    def ids(**text) -> set[str]:
        return {m.concept.id for m in compare.place(Text(**text), values, vocabulary)}

    assert ids(fi="Yhdenvertaisuus") == {"equality"}  # case does not matter
    assert ids(fi="Kohtaamme yhdenvertaisesti") == {"equality", "respect"}  # any word, several concepts
    assert ids(sv="rättvisa") == {"equality"}  # Swedish words match Swedish text
    assert ids(fi="kärsivällisyys") == set()  # nothing placed: "not grouped"
    assert "cooperation" not in ids(fi="vaikuttavuus ja talous yhdessä")  # the concept's `not:` list
    # the organisation's own name is not a statement about well-being
    themes = vocabulary.groups["themes"]
    placed = compare.place(Text(fi="Keski-Pohjanmaan hyvinvointialue"), themes, vocabulary)
    assert [m.concept.id for m in placed] == []
    match = compare.place(Text(fi="arvostava kohtaaminen"), values, vocabulary)[0]
    assert (match.concept.id, match.lang, match.entry) == ("respect", "fi", "arvosta")


# --- grouping and counts ------------------------------------------------------------------------

def test_every_wording_is_grouped_or_listed_as_not_grouped(tmp_path) -> None:
    catalogue = load_catalogue(small_catalogue(tmp_path / "strategies"))
    grouping = compare.group(catalogue, load_vocabulary(), "values", "values")
    assert [r.org.slug for r in grouping.rows] == ["alfa", "beta", "gamma"]
    assert [r.org.slug for r in grouping.known] == ["alfa", "beta"]
    assert [r.org.slug for r in grouping.unknown] == ["gamma"]
    for row in grouping.rows:
        for placed in row.items:
            assert placed.matches or placed in row.not_grouped
    assert grouping.count("equality") == 2  # yhdenvertaisuus, oikeudenmukaisuus
    assert grouping.share("equality") == 100
    not_grouped = {p.fact.fi for r in grouping.not_grouped for p in r.not_grouped}
    assert not_grouped == {"kärsivällisyys", "Alfan hyvinvointialue"}


def test_pages_exist_in_both_languages_and_show_every_organisation(tmp_path) -> None:
    pages = render(small_catalogue(tmp_path / "strategies"))
    assert {p for p in pages if p.endswith(".md")} == {f"compare/{n}.{lang}.md" for n in NAMES for lang in ("fi", "sv")}
    # and each page's tables as CSV files, in a folder of each language (tests/test_tables.py)
    assert {p.rsplit("/", 1)[0] for p in pages if not p.endswith(".md")} == {"data/taulukot", "data/tabeller"}
    for name in NAMES:
        for lang in ("fi", "sv"):
            page = pages[f"compare/{name}.{lang}.md"]
            assert page.startswith("---\ntitle: ")
            # the page of change lists only organisations with two versions (test_versions.py)
            if name not in ("index", "changes"):
                for slug in ("alfa", "beta", "gamma"):
                    # relative, so it works under / and /sv/ alike
                    assert f'href="../../org/{slug}/"' in page, (name, lang, slug)


def test_unknown_is_said_politely_and_links_to_the_organisation_page(tmp_path) -> None:
    pages = render(small_catalogue(tmp_path / "strategies"))
    values = pages["compare/values.fi.md"]
    row = values.split('<tr id="gamma">')[1].split("</tr>")[0]
    assert "Ei vielä lähteissä." in row and 'href="../../org/gamma/"' in row
    assert "<td></td>" not in values
    sv = pages["compare/visions.sv.md"].split('<tr id="gamma">')[1].split("</tr>")[0]
    assert "Finns ännu inte i källorna." in sv


def test_counts_are_computed_from_the_data_and_follow_a_change(tmp_path) -> None:
    """Copy the real strategies, change one value, render again: the count changes."""
    strategies = tmp_path / "strategies"
    shutil.copytree(STRATEGIES, strategies)
    target = strategies / "keski-pohjanmaa.yaml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    own = next(s for s in data["strategies"] if not s.get("organisation"))

    own["values"] = [{"fi": "yhdenvertaisuus", "sv": "jämlikhet"}, {"fi": "rohkeus", "sv": "mod"}]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = render(strategies)

    own["values"] = [{"fi": "kärsivällisyys", "sv": "tålamod"}, {"fi": "rohkeus", "sv": "mod"}]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = render(strategies)

    n, total = map(int, count_cell(before["compare/values.fi.md"], "value-equality").split("/"))
    assert count_cell(after["compare/values.fi.md"], "value-equality") == f"{n - 1}/{total}"
    assert count_cell(after["compare/values.sv.md"], "value-equality") == f"{n - 1} av {total}"
    assert count_cell(after["compare/values.fi.md"], "value-courage-renewal") == \
        count_cell(before["compare/values.fi.md"], "value-courage-renewal")
    # the new wording is not dropped: it is listed as not grouped, in the organisation's own words
    other = after["compare/values.fi.md"].split('id="value-not-grouped"')[1].split("</section>")[0]
    assert "kärsivällisyys" in other and "kärsivällisyys" not in before["compare/values.fi.md"]


def test_data_text_is_escaped(tmp_path) -> None:
    directory = small_catalogue(tmp_path / "strategies")
    data = yaml.safe_load((directory / "gamma.yaml").read_text(encoding="utf-8"))
    data["strategies"][0]["values"] = [{"fi": 'Rohkeus & "luovuus" <3'}]
    write(directory, data)
    page = render(directory)["compare/values.fi.md"]
    assert "Rohkeus &amp; &#34;luovuus&#34; &lt;3" in page
    assert '"luovuus" <3' not in page


# --- markup rules -------------------------------------------------------------------------------

def test_every_table_has_a_caption_and_header_cells_and_every_concept_an_anchor(tmp_path) -> None:
    pages = render(small_catalogue(tmp_path / "strategies"))
    vocabulary = load_vocabulary()
    for path, page in pages.items():
        parsed = parse(page)
        for table in parsed.tables:
            assert table["caption"] and table["th"], path
        assert len(parsed.ids) == len(set(parsed.ids)), f"duplicate ids in {path}"
    for name, group, prefix in (("values", "values", "value"), ("priorities", "themes", "theme"),
                                ("visions", "visions", "vision")):
        ids = set(parse(pages[f"compare/{name}.fi.md"]).ids)
        assert {f"{prefix}-{c.id}" for c in vocabulary.groups[group]} <= ids
        assert f"{prefix}-not-grouped" in ids
        assert {"alfa", "beta", "gamma"} <= ids


def test_the_interpretation_is_stated_on_the_grouped_pages(tmp_path) -> None:
    pages = render(small_catalogue(tmp_path / "strategies"))
    for name in ("values", "priorities", "visions"):
        assert "Sivuston tulkinta:" in pages[f"compare/{name}.fi.md"]
        assert "Webbplatsens tolkning:" in pages[f"compare/{name}.sv.md"]


def test_timeline_svg_has_a_name_a_description_patterns_and_its_table(tmp_path) -> None:
    pages = render(small_catalogue(tmp_path / "strategies"))
    for lang in ("fi", "sv"):
        page = pages[f"compare/timeline.{lang}.md"]
        svg = next(s for s in parse(page).svgs if s.get("role") == "img")
        title_id, desc_id = svg["aria-labelledby"].split()
        assert f'<title id="{title_id}">' in page and f'<desc id="{desc_id}">' in page
        assert 'fill="url(#ss-pattern-hatch)"' in page  # beta is in preparation: hatched, not only coloured
        assert page.index("</svg>") < page.index('ss-cmp-timeline-table')
        assert "http" not in page.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")
    assert "ajankohta ei tiedossa" in pages["compare/timeline.fi.md"]  # the undated seminar, in the table


def test_timeline_geometry_puts_bars_and_marks_on_the_year_axis(tmp_path) -> None:
    catalogue = load_catalogue(small_catalogue(tmp_path / "strategies"))
    t = compare.timeline(catalogue, "fi")
    assert (t.first_year, t.last_year) == (2022, 2026)
    x = {tick.year: tick.x for tick in t.ticks}
    alfa, beta, gamma = t.lanes
    bar = alfa.versions[0]
    assert bar.x == x[2023] and bar.x + bar.width == pytest.approx(x[2026], abs=0.2)
    assert bar.label == "2023–2025" and not bar.open_end
    approval = next(m for m in bar.marks if m.kind == "approval")
    assert x[2022] < approval.x < x[2023] and approval.status == "done"
    workshop = next(m for m in bar.marks if m.kind == "workshop")
    assert x[2022] < workshop.x < approval.x
    assert bar.undated == 1
    assert beta.versions[0].open_end and beta.versions[0].label == "2024–"
    assert gamma.versions[0].x is None and not gamma.versions[0].marks
    assert alfa.y < beta.y < gamma.y and t.height > gamma.y + gamma.height
    # what the template draws comes from here: a separator in the gap between lanes (none above the
    # first), the arrowhead at an open bar's end, no year written at the axis's end
    assert alfa.separator_y is None and alfa.y + alfa.height < beta.separator_y < beta.y
    open_bar = beta.versions[0]
    assert open_bar.open_end_path.startswith(f"M{open_bar.x + open_bar.width} ") and bar.open_end_path == ""
    assert [tick.year for tick in t.ticks if tick.labelled] == [2022, 2023, 2024, 2025, 2026]
    assert approval.diamond and approval.outline.startswith(f"M{approval.x} ") and not workshop.diamond


def test_participation_counts_kinds_and_process_steps(tmp_path) -> None:
    table = compare.participation(load_catalogue(small_catalogue(tmp_path / "strategies")))
    assert table.kinds == ["survey"]
    assert table.count("survey") == 1
    alfa = table.of("alfa")
    assert [m.kind for m in alfa.steps] == ["workshop", "seminar"]
    assert [r.org.slug for r in table.known] == ["alfa"]
    page = render(small_catalogue(tmp_path / "strategies2"))["compare/participation.fi.md"]
    assert "yli 1\u00a0200" in page


def test_every_comparison_label_has_both_languages() -> None:
    path = ROOT / "hooks" / "strategy_site" / "input" / "labels-compare.yaml"
    own = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in own.items():
        assert key.startswith("cmp_"), key
        assert set(value) == {"fi", "sv"} and all(value.values()), key
        assert labels()[key] == value


# --- the picker script, in a browser ------------------------------------------------------------

@pytest.fixture
def side_by_side(tmp_path):
    """The side-by-side page's body in a bare HTML page with the script, served over http."""
    from conftest import StaticServer

    pages = render(small_catalogue(tmp_path / "strategies"))
    body = pages["compare/side-by-side.fi.md"].split("-->", 1)[1]
    root = tmp_path / "www"
    (root / "compare").mkdir(parents=True)
    shutil.copy(SCRIPT, root / "compare.js")
    (root / "compare" / "index.html").write_text(
        f'<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>t</title></head>'
        f'<body>{body}<script src="../compare.js"></script></body></html>', encoding="utf-8")
    with StaticServer(root) as server:
        yield server.url + "compare/"


def visible(page) -> list[str]:
    """The shown columns in document order: the order a screen reader and the Tab key meet them."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-slug]')]
        .filter(c => !c.hidden).map(c => c.dataset.slug)""")


@pytest.mark.browser
def test_picker_shows_the_chosen_columns_and_keeps_them_in_the_url(browser, side_by_side) -> None:
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(side_by_side + "?a=gamma&b=alfa")
    assert visible(page) == ["gamma", "alfa"]
    assert page.is_visible("form.ss-cmp-picker")
    assert "2/3" in page.inner_text("[role=status]")
    page.select_option("#cmp-pick-b", "beta")
    assert visible(page) == ["gamma", "beta"]
    assert page.url.endswith("?a=gamma&b=beta")
    page.go_back()
    assert visible(page) == ["gamma", "alfa"]
    page.click("[data-ss-show-all]")
    assert sorted(visible(page)) == ["alfa", "beta", "gamma"] and "?" not in page.url
    page.goto(side_by_side + "?a=nonexistent")
    assert sorted(visible(page)) == ["alfa", "beta", "gamma"]
    assert not errors
    page.close()


@pytest.mark.browser
def test_without_javascript_every_organisation_is_shown(browser, side_by_side) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(side_by_side + "?a=gamma&b=alfa")
    assert page.locator("[data-slug]:visible").count() == 3
    assert not page.is_visible("form.ss-cmp-picker")
    assert page.is_visible(".ss-cmp-nojs")
    context.close()
