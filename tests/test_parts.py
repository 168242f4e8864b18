"""Pages that list every organisation split into parts when the catalogue is large (views/parts.py).

The real catalogue stays on one page each. A catalogue of 60 organisations is rendered by the real
renderer with a part size of 25 (the parameter the sections take, so the test stays small), and one
built with a part size of 20 (the constant changed in the copy of the project) is built in strict
mode, its links checked and a part checked with axe in chromium.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import build_site, copy_project
from gate.axe import describe, run_axe
from gate.browser import DESKTOP, PHONE, new_context, settle
from gate.links import LinkChecker
from gate.server import StaticServer, free_port
from strategy_site.input.labels import labels
from strategy_site.input.load import load_catalogue
from strategy_site.pages import sections
from strategy_site.pages.addresses import address, moved, relative
from strategy_site.pages.render import Renderer
from strategy_site.views.parts import PART_SIZE, split

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)
LANGS = ("fi", "sv")
# the pages that list every organisation: their docs page name
SPLIT = [f"compare/{name}" for name in sections.SPLIT_PAGES] + ["coverage"]
WORDS_FI = ["hyvinvointi", "turvallisuus", "yhteistyö", "osallisuus", "luottamus", "rohkeus", "laatu"]
WORDS_SV = ["välfärd", "säkerhet", "samarbete", "delaktighet", "förtroende", "mod", "kvalitet"]


def org(i: int) -> dict:
    """A valid organisation with one strategy; its Finnish and Swedish names sort differently."""
    slug = f"alue-{i:02d}"
    fi, sv = f"Alue {i:02d}", f"Område {59 - i:02d}"

    def both(k: int) -> dict:
        return {"fi": f"{WORDS_FI[(i + k) % 7]} {WORDS_FI[(i * k) % 7]}", "sv": f"{WORDS_SV[(i + k) % 7]}"}

    return {
        "slug": slug, "kind": "welfare_area", "source": "src",
        "name": {"fi": f"{fi}n hyvinvointialue", "sv": f"{sv} välfärdsområde"}, "languages": ["fi"],
        "strategies": [{
            "id": "2026", "status": "approved", "period": {"start": 2026, "end": 2029},
            "approval": {"date": "2025-12-09"}, "mission": both(1), "vision": both(2),
            "values": [both(k) for k in range(3)], "priorities": [both(k + 3) for k in range(3)],
            "milestones": [{"kind": "seminar", "date": "2025-05", "status": "done", **both(4)}],
            "participation": [{"kind": "survey", "open_until": "2025-03-31", **both(5)}],
        }],
        "sources": [{"id": "src", "title": "Strategia", "publisher": fi, "date": "2025-12-10",
                     "language": "fi", "url": f"https://{slug}.example.fi/strategia"}],
    }


def write_catalogue(directory: Path, n: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        data = org(i)
        (directory / f"{data['slug']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                         encoding="utf-8")
    return directory


def rendered(strategies: Path, part_size: int) -> dict[str, str]:
    renderer = Renderer(load_catalogue(strategies), today=TODAY)
    return {**sections.compare_pages(renderer, part_size=part_size),
            **sections.coverage_pages(renderer, part_size=part_size)}


def org_links(page: str) -> list[str]:
    """The organisations a page lists: the slugs of its links to organisation pages."""
    return re.findall(r'href="(?:\.\./)+org/([a-z0-9-]+)/"', page)


def gz(text: str) -> int:
    return len(gzip.compress(text.encode(), 9))


def test_the_real_catalogue_keeps_every_page_whole() -> None:
    pages = rendered(ROOT / "strategies", PART_SIZE)
    assert [p for p in pages if re.search(r"/\d+\.(fi|sv)\.md$", p)] == []
    assert all(f"{page}.{lang}.md" in pages for page in SPLIT for lang in LANGS)


def test_every_parts_label_has_both_languages_and_is_used() -> None:
    package = ROOT / "hooks" / "strategy_site"
    own = yaml.safe_load((package / "input" / "labels-parts.yaml").read_text(encoding="utf-8"))
    code = "".join(p.read_text(encoding="utf-8") for p in [*(package / "pages" / "templates").glob("*.j2"),
                                                           package / "pages" / "sections.py"])
    for key, value in own.items():
        assert key.startswith("part"), key
        assert set(value) == {"fi", "sv"} and all(value.values()), key
        assert labels()[key] == value
        used = key.removesuffix("_one")
        assert f'"{used}"' in code or f"'{used}'" in code, key


def test_a_part_has_its_address_below_its_page_in_both_languages() -> None:
    assert address("compare/priorities/2", "fi") == "vertailu/painopisteet/2/"
    assert address("compare/priorities/2", "sv") == "sv/jamforelser/prioriteringar/2/"
    assert address("compare/side-by-side/10", "sv") == "sv/jamforelser/jamfor/10/"
    assert address("coverage/3", "fi") == "kattavuus/3/"
    assert address("coverage/3", "sv") == "sv/tackning/3/"
    # a part was never anywhere else: no redirect page is written for it
    assert not [m for m in moved() if re.search(r"/\d+/$", m.new)]


def test_parts_are_in_name_order_of_each_language(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_catalogue(tmp_path / "strategies", 60))
    fi, sv = split(catalogue.organisations, "fi", 25), split(catalogue.organisations, "sv", 25)
    assert [o.slug for o in fi[0].organisations] == [f"alue-{i:02d}" for i in range(25)]
    # the Swedish names sort the other way round
    assert [o.slug for o in sv[0].organisations] == [f"alue-{59 - i:02d}" for i in range(25)]
    assert (sv[0].first, sv[0].last, sv[0].start, sv[0].end) == ("Område 00 välfärdsområde",
                                                                  "Område 24 välfärdsområde", 1, 25)
    assert (fi[2].start, fi[2].end, fi[2].total, fi[2].count) == (51, 60, 60, 3)
    assert split(catalogue.organisations, "fi", 60) == []  # they fit on one page


def test_a_large_catalogue_splits_into_parts_linked_from_the_page(tmp_path: Path) -> None:
    n, size = 60, 25
    strategies = write_catalogue(tmp_path / "strategies", n)
    whole = rendered(strategies, n)  # the same catalogue on one page each
    # a catalogue of one part's size on one page each: what a part may weigh
    one_part = rendered(write_catalogue(tmp_path / "small", size), size)
    pages = rendered(strategies, size)
    catalogue = load_catalogue(strategies)
    for lang in LANGS:
        parts = split(catalogue.organisations, lang, size)
        assert [len(p.organisations) for p in parts] == [25, 25, 10]
        for page in SPLIT:
            index = pages[f"{page}.{lang}.md"]
            # the page links to each of its parts, and lists no organisation itself
            for part in parts:
                href = relative(address(page, lang), address(f"{page}/{part.number}", lang))
                assert f'<a href="{href}">' in index, (page, lang, part.number)
                assert f"{part.first} – {part.last}" in index
            assert org_links(index) == [], (page, lang)
            listed: list[str] = []
            for part in parts:
                text = pages[f"{page}/{part.number}.{lang}.md"]
                slugs = set(org_links(text))
                assert slugs == {o.slug for o in part.organisations}, (page, lang, part.number)
                listed += slugs
                # a part is a page of its own: its title and heading name the part, it lists the other parts
                title = re.search(r'^title: "(.*)"$', text, re.M)[1]
                assert title.endswith(f" {part.number}/{len(parts)}"), title
                assert re.search(rf"<h1>[^<]*{part.number}/{len(parts)}</h1>", text)
                assert text.count('aria-current="page"') >= 1
                # and it weighs what a page of that many organisations weighs, not what the whole list does
                # (plus the part's own head: which organisations it holds, the list of the parts)
                assert gz(text) < gz(one_part[f"{page}.{lang}.md"]) + 600, (page, lang, part.number)
                assert len(text) < 0.6 * len(whole[f"{page}.{lang}.md"]), (page, lang, part.number)
            assert sorted(listed) == sorted(o.slug for o in catalogue.organisations), (page, lang)
    # the tables' CSV files are the whole tables, once
    assert {p for p in pages if p.endswith(".csv")} == {p for p in whole if p.endswith(".csv")}
    assert all(pages[p] == whole[p] for p in pages if p.endswith(".csv"))


# --- a built site of 60 organisations in parts of 20 -------------------------------------------------

@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    """The project with 60 organisations and PART_SIZE 20, built (strict) and served."""
    project = copy_project(tmp_path_factory.mktemp("parts") / "project")
    shutil.rmtree(project / "strategies")
    write_catalogue(project / "strategies", 60)
    # these organisations list no municipalities: a project without the division file builds without one
    shutil.rmtree(project / "reference")
    (project / "reference").mkdir()
    constant = project / "hooks" / "strategy_site" / "views" / "parts.py"
    source = constant.read_text(encoding="utf-8")
    assert f"\nPART_SIZE = {PART_SIZE}\n" in source
    constant.write_text(source.replace(f"\nPART_SIZE = {PART_SIZE}\n", "\nPART_SIZE = 20\n"), encoding="utf-8")
    port = free_port()
    result = build_site(project, project / "site", f"http://127.0.0.1:{port}/", SOURCE_DATE_EPOCH="1796083200")
    assert result.returncode == 0, result.stdout + result.stderr
    with StaticServer(project / "site", port) as server:
        yield project / "site", server.url


@pytest.mark.slow
def test_a_split_site_builds_strict_with_every_part_linked_in_both_languages(split_site) -> None:
    site, url = split_site
    for page in SPLIT:
        for lang in LANGS:
            index = (site / address(page, lang) / "index.html").read_text(encoding="utf-8")
            for number in (1, 2, 3):
                part = site / address(f"{page}/{number}", lang) / "index.html"
                html = part.read_text(encoding="utf-8")
                assert f'href="{number}/"' in index, (page, lang, number)
                assert re.search(rf"<title>[^<]*{number}/3 ", html), (page, lang, number)
                # the language menu and hreflang lead to the same part in the other language
                other = "sv" if lang == "fi" else "fi"
                assert f'hreflang="{other}" href="{url}{address(f"{page}/{number}", other)}"' in html
            assert not (site / address(f"{page}/4", lang)).exists()
    checker = LinkChecker(site, url)
    report = checker.check()
    checker.check_sitemap(report)
    assert report.broken == []
    assert report.pages > 2 * (60 + 3 * len(SPLIT))


@pytest.mark.browser
@pytest.mark.parametrize("page, lang", [("compare/priorities/2", "sv"), ("compare/priorities", "fi"),
                                        ("compare/side-by-side/3", "fi"), ("coverage/1", "sv")])
def test_a_split_page_passes_axe_at_desktop_and_phone_width(split_site, browser, page: str, lang: str) -> None:
    _, url = split_site
    found = []
    for viewport in (DESKTOP, PHONE):
        context = new_context(browser, url, viewport)
        try:
            tab = context.new_page()
            tab.goto(url + address(page, lang), wait_until="load")
            settle(tab)
            assert tab.locator("h1").count() == 1
            # the list of the parts is a named navigation region; on a part, the part is the current page
            nav = tab.locator("nav.ss-parts")
            assert nav.count() == 1
            if page[-1].isdigit():
                assert nav.locator('[aria-current="page"]').count() == 1
                assert nav.get_attribute("aria-label")
            found += describe(run_axe(tab), f"/{address(page, lang)} ({viewport['width']} px)")
            found += context.netlog.problems()
        finally:
            context.close()
    assert found == []
