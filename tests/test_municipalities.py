"""Municipalities: the data and its checks, the finder's matching (run in node, the real script),
and the finder and the A–Ö list page in chromium, with JavaScript on and off."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gate.axe import describe, run_axe
from gate.browser import DESKTOP, new_context, settle
from gate.report import listing
from gate.vnu import run_vnu
from strategy_site.input import paths
from strategy_site.input.division import load_checked
from strategy_site.input.errors import StrategyDataError
from strategy_site.input.schema import DIVISION_SCHEMA_FILE, division_schema_text
from strategy_site.pages.addresses import address, relative
from strategy_site.pages.sections import home_finder
from strategy_site.views.municipalities import collation_key, municipalities_of, municipality_entries

ROOT = Path(__file__).resolve().parent.parent
FINDER_JS = ROOT / "docs" / "javascripts" / "finder.js"
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def catalogue():
    return load_checked(ROOT / paths.STRATEGIES, ROOT / paths.DIVISION)


# --- the data -----------------------------------------------------------------------------------

def test_every_municipality_of_2026_is_in_exactly_one_organisation(catalogue) -> None:
    division = catalogue.division
    assert division is not None and division.year == 2026 and division.total == 292
    listed = [m.fi for org in catalogue.organisations for m in org.municipalities]
    assert len(listed) == len(set(listed)) == 292
    assert set(listed) == {m.fi for m in division.municipalities}
    by_org = {org.slug: [m.fi for m in org.municipalities] for org in catalogue.organisations}
    assert by_org["helsinki"] == ["Helsinki"] and by_org["hus"] == []
    assert sorted(by_org["vantaa-kerava"]) == ["Kerava", "Vantaa"]
    assert len(by_org["pohjois-pohjanmaa"]) == 30 and len(by_org["varsinais-suomi"]) == 27
    assert sum(1 for m in division.municipalities if m.sv) == 114  # 81 + 33 (Kommunförbundet 2019)


def test_every_municipality_names_a_source_the_reader_can_follow(catalogue) -> None:
    for org in catalogue.organisations:
        ids = {s.id: s for s in org.sources}
        for m in org.municipalities:
            assert ids[m.source].url, f"{org.slug}: {m.fi}"
            if m.sv:
                assert m.sv_source and ids[m.sv_source].url, f"{org.slug}: {m.fi} / {m.sv}"


def test_helsinki_has_its_line_on_hus(catalogue) -> None:
    helsinki = catalogue.by_slug("helsinki").municipalities[0]
    assert (helsinki.fi, helsinki.sv) == ("Helsinki", "Helsingfors")
    assert "HUS" in helsinki.remark.fi and "HUS" in helsinki.remark.sv
    assert helsinki.remark.source == "soteuudistus-jarjestajat"


def test_municipality_names_per_language_in_a_to_oe_order(catalogue) -> None:
    luvn = catalogue.by_slug("lansi-uusimaa")
    assert [n.name for n in municipalities_of(luvn, "sv")] == [
        "Esbo", "Grankulla", "Hangö", "Högfors", "Ingå", "Kyrkslätt", "Lojo", "Raseborg", "Sjundeå", "Vichtis"]
    assert [n.name for n in municipalities_of(luvn, "fi")][:3] == ["Espoo", "Hanko", "Inkoo"]
    kainuu = municipalities_of(catalogue.by_slug("kainuu"), "sv")
    assert (kainuu[0].name, kainuu[0].lang, kainuu[0].other) == ("Hyrynsalmi", "fi", None)
    assert (kainuu[1].name, kainuu[1].lang, kainuu[1].other) == ("Kajana", "sv", "Kajaani")
    # å ä ö after z, in that order, in both languages
    sv = [e.name.name for e in municipality_entries(catalogue, "sv")]
    assert sv[-4:] == ["Åbo", "Äänekoski", "Östermark", "Övertorneå"]
    fi = [e.name.name for e in municipality_entries(catalogue, "fi")]
    assert fi[-3:] == ["Ypäjä", "Ähtäri", "Äänekoski"]
    assert sorted(["Öja", "Åbo", "Ärla", "Zebra"], key=collation_key) == ["Zebra", "Åbo", "Ärla", "Öja"]


def test_division_schema_is_current() -> None:
    assert (ROOT / DIVISION_SCHEMA_FILE).read_text(encoding="utf-8") == division_schema_text(), \
        "run `python3 build.py schema`"


# --- the checks, with their exact messages --------------------------------------------------------

def edited_project(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> tuple[Path, Path]:
    """A copy of the real strategies/ and reference/ with (old, new) text replacements per file."""
    shutil.copytree(ROOT / paths.STRATEGIES, tmp_path / paths.STRATEGIES)
    shutil.copytree(ROOT / paths.REFERENCE, tmp_path / paths.REFERENCE)
    for name, replacements in edits.items():
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return tmp_path / paths.STRATEGIES, tmp_path / paths.DIVISION


def problems_of(tmp_path, monkeypatch, edits) -> list[str]:
    monkeypatch.chdir(tmp_path)
    strategies, division = edited_project(tmp_path, edits)
    with pytest.raises(StrategyDataError) as err:
        load_checked(strategies, division)
    return [str(p) for p in err.value.problems]


LUVN = "strategies/lansi-uusimaa.yaml"
REF = "reference/municipalities-2026.yaml"


def test_a_municipality_in_two_organisations_is_refused(tmp_path, monkeypatch) -> None:
    found = problems_of(tmp_path, monkeypatch, {LUVN: [
        ("  - {fi: Espoo, sv: Esbo, sv_source: kotus-sv-names}\n",
         "  - {fi: Espoo, sv: Esbo, sv_source: kotus-sv-names}\n  - {fi: Kerava, sv: Kervo, sv_source: kotus-sv-names}\n")]})
    assert found == [
        "strategies/vantaa-kerava.yaml:18:6: municipalities[0].fi: Kerava is already listed in "
        "strategies/lansi-uusimaa.yaml (line 16); a municipality belongs to exactly one organisation\n"
        "    hint: remove it from the file of the organisation that does not arrange its services"]


def test_a_municipality_twice_in_one_file_is_refused(tmp_path, monkeypatch) -> None:
    found = problems_of(tmp_path, monkeypatch, {LUVN: [
        ("  - {fi: Hanko, sv: Hangö, sv_source: kotus-sv-names}\n",
         "  - {fi: Hanko, sv: Hangö, sv_source: kotus-sv-names}\n  - {fi: Hanko, sv: Hangö}\n")]})
    assert found == ["strategies/lansi-uusimaa.yaml:17:6: municipalities[2].fi: Hanko is listed twice in this "
                     "file (also on line 16)\n    hint: remove one of the two lines"]


def test_a_missing_swedish_name_is_refused_with_the_name_to_write(tmp_path, monkeypatch) -> None:
    found = problems_of(tmp_path, monkeypatch, {LUVN: [
        ("{fi: Espoo, sv: Esbo, sv_source: kotus-sv-names}", "{fi: Espoo}")]})
    assert found == [
        "strategies/lansi-uusimaa.yaml:15:5: municipalities[0].sv: the Swedish name of Espoo is missing\n"
        "    hint: add `sv: Esbo` (as in reference/municipalities-2026.yaml, line 25) and `sv_source:`, "
        "the source where the name is seen"]


def test_a_different_or_invented_swedish_name_is_refused(tmp_path, monkeypatch) -> None:
    found = problems_of(tmp_path, monkeypatch, {
        LUVN: [("{fi: Lohja, sv: Lojo,", "{fi: Lohja, sv: Loja,")],
        "strategies/kainuu.yaml": [("  - {fi: Kuhmo}", "  - {fi: Kuhmo, sv: Kuhmå, sv_source: iltalehti-sv-names}")]})
    assert found == [
        "strategies/kainuu.yaml:17:17: municipalities[2].sv: Kuhmo has no Swedish name in "
        "reference/municipalities-2026.yaml (line 119)\n"
        "    hint: remove `sv:` and `sv_source:`, or add the name to the reference file with its source",
        "strategies/lansi-uusimaa.yaml:21:17: municipalities[6].sv: the Swedish name `Loja` of Lohja differs from "
        "`Lojo` in reference/municipalities-2026.yaml (line 146)\n"
        "    hint: write `sv: Lojo`, or correct the reference file if the name has changed"]


def test_a_misspelt_or_forgotten_municipality_is_refused(tmp_path, monkeypatch) -> None:
    found = problems_of(tmp_path, monkeypatch, {LUVN: [("{fi: Espoo, sv: Esbo,", "{fi: Espo, sv: Esbo,")]})
    assert found == [
        "reference/municipalities-2026.yaml:25:5: municipalities[9]: Espoo is not listed in any organisation file\n"
        "    hint: add `- {fi: Espoo, sv: Esbo}` under `municipalities:` in the file of the organisation that "
        "arranges its services",
        "strategies/lansi-uusimaa.yaml:15:6: municipalities[0].fi: Espo is not a municipality in "
        "reference/municipalities-2026.yaml\n    hint: did you mean `Espoo`?"]


def test_a_reference_that_does_not_add_up_to_its_total_is_refused(tmp_path, monkeypatch) -> None:
    found = problems_of(tmp_path, monkeypatch, {REF: [("  - {fi: Ypäjä}\n", "")]})
    assert found == [
        "reference/municipalities-2026.yaml:6:1: total: the file lists 291 municipalities, but `total` says 292 "
        "(the number its source gives)\n"
        "    hint: add the missing municipality or remove the extra one; change `total` only if the source says so",
        "strategies/kanta-hame.yaml:28:6: municipalities[10].fi: Ypäjä is not a municipality in "
        "reference/municipalities-2026.yaml\n    hint: check the spelling; a merged municipality is listed under its "
        "new name"]


def test_the_check_command_reports_them_and_fails(tmp_path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    edited_project(project, {LUVN: [("{fi: Espoo, sv: Esbo, sv_source: kotus-sv-names}", "{fi: Espoo}")]})
    script = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
              "from strategy_site.cli import check; sys.exit(check(Path('.').resolve()))")
    result = subprocess.run([sys.executable, "-c", script,
                             str(ROOT / "hooks")], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "strategies/lansi-uusimaa.yaml:15:5: municipalities[0].sv: the Swedish name of Espoo is missing" \
        in result.stderr
    assert "Traceback" not in result.stderr


# --- the finder's matching, in node -------------------------------------------------------------

def typo(name: str) -> str | None:
    """A small typo: two letters in the middle swapped (or one replaced, when they are the same)."""
    letters = name.lower()
    if len(letters) < 5:
        return None
    i = len(letters) // 2 - 1
    swapped = letters[:i] + letters[i + 1] + letters[i] + letters[i + 2:]
    return swapped if swapped != letters else letters[:i] + "x" + letters[i + 1:]


def run_finder(index: dict, queries: list[str]) -> list[list[str]]:
    """finder.js's suggest() for every query, run by node; the names of the suggestions."""
    node = shutil.which("node")
    assert node, "node is needed to run the finder's script (it comes with npm, see README)"
    script = ("const f = require(process.argv[1]); const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "const entries = f.prepare(input.index);"
              "process.stdout.write(JSON.stringify(input.queries.map(q => f.suggest(entries, q)"
              ".map(e => e.name + '|' + e.slug))));")
    result = subprocess.run([node, "-e", script, str(FINDER_JS)], input=json.dumps({"index": index, "queries": queries}),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_municipality_is_found_by_both_names_and_by_a_typo(catalogue, lang) -> None:
    index = json.loads(home_finder(catalogue, lang)["index"])
    expected, queries = [], []
    slugs = {row[0]: index["orgs"][row[2]][0] for row in index["municipalities"]}
    for row in index["municipalities"]:
        name, other = row[0], row[1]
        for query in filter(None, [name, other, name.upper(), typo(name), other and typo(other)]):
            queries.append(query)
            expected.append(f"{name}|{slugs[name]}")
    answers = run_finder(index, queries)
    wrong = [f"{q!r} -> {a[:2]} (expected {e})" for q, e, a in zip(queries, expected, answers, strict=True) if not a or a[0] != e]
    assert len(queries) > 292 * 3
    assert not wrong, listing(wrong)


def test_the_finder_forgives_case_diacritics_typos_and_the_other_language(catalogue) -> None:
    cases = {"fi": {"hameenlinna": "Hämeenlinna|kanta-hame", "jyvaskyla": "Jyväskylä|keski-suomi",
                    "Esbo": "Espoo|lansi-uusimaa", "Pedersören kunta": "Pedersören kunta|pohjanmaa",
                    "pedersore": "Pedersören kunta|pohjanmaa", "Korsholm": "Mustasaari|pohjanmaa",
                    "HELSINGFORS": "Helsinki|helsinki", "tamprre": "Tampere|pirkanmaa"},
             "sv": {"esbo": "Esbo|lansi-uusimaa", "Espoo": "Esbo|lansi-uusimaa",
                    "hameenlinna": "Tavastehus|kanta-hame", "Pedersören kunta": "Pedersöre|pohjanmaa",
                    "mustasaari": "Korsholm|pohjanmaa", "jyvaskyla": "Jyväskylä|keski-suomi",
                    "abo": "Åbo|varsinais-suomi"}}
    for lang, wanted in cases.items():
        answers = run_finder(json.loads(home_finder(catalogue, lang)["index"]), list(wanted))
        assert [a[0] if a else None for a in answers] == list(wanted.values()), lang
    assert run_finder(json.loads(home_finder(catalogue, "fi")["index"]), ["", "  ", "xyzzyq"]) == [[], [], []]


# --- in the browser -------------------------------------------------------------------------------

def home(site, lang: str) -> str:
    return site.url + address("index", lang)


def list_page(lang: str) -> str:
    """The A–Ö list page's address below the site's root: "kunnat/", "sv/kommuner/"."""
    return address("kunnat", lang)


def type_in_finder(page, text: str) -> None:
    field = page.locator("#ss-finder-input")
    field.click()
    field.press_sequentially(text, delay=20)
    page.wait_for_selector(".ss-finder__option", state="visible")
    settle(page)


@pytest.mark.browser
def test_typing_esbo_on_a_phone_leads_to_vastra_nyland_with_the_keyboard(site, browser) -> None:
    context = new_context(browser, site.url, PHONE_390)
    page = context.new_page()
    page.goto(home(site, "sv"))
    field = page.locator("#ss-finder-input")
    assert field.get_attribute("role") == "combobox" and field.get_attribute("aria-expanded") == "false"
    type_in_finder(page, "esbo")
    listbox = page.locator("#" + field.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox" and field.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert options.first.inner_text().startswith("Esbo")
    assert page.locator("#ss-finder-input-status").inner_text() == f"{options.count()} förslag"
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false" and field.get_attribute("aria-activedescendant") is None
    field.press("ArrowDown")  # opens again, on the first suggestion
    field.press("Enter")
    page.wait_for_url("**/sv/org/lansi-uusimaa/")
    assert page.locator("h1").inner_text().startswith("Västra Nylands välfärdsområde")
    assert not context.netlog.problems(), listing(context.netlog.problems())
    context.close()


@pytest.mark.browser
def test_a_typo_in_finnish_leads_to_the_right_page_by_tapping_the_suggestion(site, browser) -> None:
    context = new_context(browser, site.url, PHONE_390)
    page = context.new_page()
    page.goto(home(site, "fi"))
    type_in_finder(page, "hämenlinna")
    page.locator(".ss-finder__option").first.click()
    page.wait_for_url("**/org/kanta-hame/")
    assert not context.netlog.problems(), listing(context.netlog.problems())
    context.close()


@pytest.mark.browser
def test_without_javascript_the_form_leads_to_the_list_page_with_the_same_answer(site, browser) -> None:
    context = new_context(browser, site.url, PHONE_390, java_script_enabled=False)
    page = context.new_page()
    for lang, typed, shown, org in (("sv", "esbo", "Esbo", "Västra Nylands välfärdsområde"),
                                    ("fi", "Mustasaari", "Mustasaari", "Pohjanmaan hyvinvointialue")):
        page.goto(home(site, lang))
        assert page.locator("#ss-finder-input").get_attribute("role") is None
        page.locator("#ss-finder-input").fill(typed)
        page.locator("#ss-finder-input").press("Enter")
        page.wait_for_url(f"{site.url}{list_page(lang)}?kunta=*")
        entry = page.locator("li", has=page.locator(".ss-municipality", has_text=shown)).first
        link = entry.locator("a")
        assert link.inner_text().startswith(org)
        link.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith(org)
    context.close()


def test_the_list_page_lists_every_municipality_with_aland_and_hus(site) -> None:
    fi = (site.dir / list_page("fi") / "index.html").read_text(encoding="utf-8")
    sv = (site.dir / list_page("sv") / "index.html").read_text(encoding="utf-8")
    for page in (fi, sv):
        assert page.count('class="ss-municipality"') == 292
        assert 'id="ahvenanmaa"' in page and "HUS" in page
    assert '<span class="ss-municipality">Esbo</span> <span class="ss-municipality-other">(<span lang="fi">Espoo</span>)' in sv
    assert '<span class="ss-municipality" lang="fi">Hyrynsalmi</span>' in sv
    assert fi.index(">Ähtäri<") > fi.index(">Ylöjärvi<") and sv.index(">Åbo<") < sv.index(">Östermark<")
    for lang in ("fi", "sv"):
        home_page = site.dir / address("index", lang) / "index.html"
        action = relative(address("index", lang), list_page(lang))  # "kunnat/", "kommuner/" from sv/
        assert f'action="{action}"' in home_page.read_text(encoding="utf-8")


@pytest.mark.browser
def test_axe_and_nu_find_nothing_with_the_finder_open(site, browser, tmp_path) -> None:
    """The home page with suggestions shown and one chosen, and the list page, both languages, at 390 and 1280 px;
    the Nu Html Checker reads the page as the script left it."""
    found, files = [], []
    for width in (PHONE_390, DESKTOP):
        context = new_context(browser, site.url, width)
        page = context.new_page()
        for lang in ("fi", "sv"):
            page.goto(home(site, lang))
            type_in_finder(page, "kor")
            page.locator("#ss-finder-input").press("ArrowDown")
            settle(page)
            # the page as the script left it, before axe-core adds its own script to it
            snapshot = tmp_path / f"home-{lang}-{width['width']}.html"
            snapshot.write_text("<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML"),
                                encoding="utf-8")
            files.append(snapshot)
            assert 'aria-expanded="true"' in snapshot.read_text(encoding="utf-8")
            assert 'aria-activedescendant="ss-finder-input-list-0"' in snapshot.read_text(encoding="utf-8")
            found += describe(run_axe(page), f"/{lang}/ finder open ({width['width']} px)")
            page.goto(site.url + list_page(lang))
            found += describe(run_axe(page), f"/{list_page(lang)} ({width['width']} px)")
        found += context.netlog.problems()
        context.close()
    errors = run_vnu(files + [site.dir / list_page(lang) / "index.html" for lang in ("fi", "sv")])
    found += [f"{e['file'].rsplit('/', 1)[-1]}:{e['line']}: {e['message']}" for e in errors]
    assert not found, listing(found)
