"""The gate for the home page's map and organisation cards, and for states as of the build date.

The crawl of test_gate.py already runs axe, focus, zoom and reflow on every page at both
widths; this adds what only the new parts have: the map in both languages at 1280, 375 and
320 px, reached and followed with the keyboard, in forced-colours mode and in print; the
organisation list as cards on a phone and as a grid on a wide screen; the compare-two page
without layout shift; and a site built with the build date pinned to 1 December 2026.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import build_site, copy_project
from gate.axe import describe, run_axe
from gate.browser import DESKTOP, NARROWEST, PHONE, new_context, settle
from gate.layout import horizontal_overflow
from strategy_site.pages.addresses import address

HOMES = {"fi": "", "sv": "sv/"}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE, "320 px": NARROWEST}
TILES = 23


def open_home(browser, site, lang: str, viewport: dict, **options):
    context = new_context(browser, site.url, viewport, **options)
    page = context.new_page()
    page.goto(site.url + HOMES[lang], wait_until="load")
    settle(page)
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("lang", HOMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_map_and_cards_at_every_width(site, browser, lang: str, width: str) -> None:
    context, page = open_home(browser, site, lang, WIDTHS[width])
    try:
        tiles = page.locator(".ss-map-svg a.ss-map-tile")
        assert tiles.count() == TILES
        box = page.locator(".ss-map-svg").bounding_box()
        assert box["width"] > 250 and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width]["width"]
        assert horizontal_overflow(page) == []
        # every tile is named, names its state in words and links to an organisation page that exists
        for i in range(TILES):
            tile = tiles.nth(i)
            href = tile.get_attribute("href")
            assert re.fullmatch(r"org/[a-z0-9-]+/", href), href
            assert (site.dir / HOMES[lang] / href / "index.html").is_file(), href
            words = " ".join(tile.locator("text").all_text_contents()).strip()
            described = tile.get_attribute("aria-describedby")
            assert words and page.locator(f"#{described}").count() == 1  # the card's state, in full
        # the list is the map's text alternative, one card per organisation
        assert page.locator("#ss-map-help a[href='#organisations']").count() == 1
        cards = page.locator(".ss-org-card")
        assert cards.count() == TILES
        card = page.evaluate("""() => {
            const li = document.querySelector('.ss-org-card'), dt = li.querySelector('dt');
            return {display: getComputedStyle(li).display, dtWidth: dt.getBoundingClientRect().width,
                    head: getComputedStyle(document.querySelector('.ss-orgs-head')).display};
        }""")
        if width == "desktop":  # a table-like grid: column heads shown, the field names only for screen readers
            assert card == {"display": "grid", "dtWidth": 1, "head": "grid"}
        else:  # cards: each field named in the card, no column heads
            assert card["display"] in ("block", "list-item") and card["dtWidth"] > 40 and card["head"] == "none"
        found = describe(run_axe(page), f"/{HOMES[lang]} ({width})")
        assert not found, "\n".join(found)
        assert context.netlog.problems() == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", HOMES)
def test_map_tiles_are_reached_seen_and_followed_with_the_keyboard(site, browser, lang: str) -> None:
    context, page = open_home(browser, site, lang, PHONE)
    try:
        first = page.locator(".ss-map-svg a.ss-map-tile").first
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('ss-map-tile')"):
                break
        else:
            pytest.fail("Tab never reached a map tile")
        focused = page.evaluate("""() => {
            const a = document.activeElement, edge = a.querySelector('.ss-map-edge');
            return {label: a.getAttribute('href'), stroke: parseFloat(getComputedStyle(edge).strokeWidth)};
        }""")
        assert focused["label"] == first.get_attribute("href")
        assert focused["stroke"] >= 4, "a focused tile must show a clearly thicker edge"
        # Tab passed the search field, which opens the phone-width search; axe looks at the page once
        # the search has closed and its closing transition has ended, not at a frame of the transition
        page.wait_for_function("() => !document.getElementById('__search').checked && document.getAnimations().length === 0")
        found = describe(run_axe(page), f"/{HOMES[lang]} (phone, map tile focused)")
        assert not found, "\n".join(found)
        href = first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        assert page.locator("h1").count() == 1
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", HOMES)
def test_map_in_forced_colours_keeps_patterns_and_words(site, browser, lang: str) -> None:
    context, page = open_home(browser, site, lang, PHONE, forced_colors="active")
    try:
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        look = page.evaluate("""() => {
            const tile = document.querySelector('.ss-map-tile'), s = e => getComputedStyle(e);
            const canvas = document.createElement('div');
            canvas.style.cssText = 'background: Canvas; color: CanvasText';
            document.body.append(canvas);
            const system = {canvas: s(canvas).backgroundColor, text: s(canvas).color};
            canvas.remove();
            return {system, fill: s(tile.querySelector('.ss-map-fill')).fill,
                    text: s(tile.querySelector('.ss-map-text--small')).fill,
                    edge: s(tile.querySelector('.ss-map-edge')).stroke,
                    patterns: [...document.querySelectorAll('.ss-map-tile .ss-map-pattern')]
                              .map(p => p.getAttribute('fill')).filter(f => f.startsWith('url(#')).length};
        }""")
        assert look["fill"] == look["system"]["canvas"]
        assert look["text"] == look["system"]["text"] and look["edge"] == look["system"]["text"]
        assert look["patterns"] == TILES
        found = describe(run_axe(page), f"/{HOMES[lang]} (phone, forced colours)")
        assert not found, "\n".join(found)
    finally:
        context.close()


@pytest.mark.browser
def test_the_map_and_its_legend_print(site, browser) -> None:
    context, page = open_home(browser, site, "fi", DESKTOP)
    try:
        page.emulate_media(media="print")
        box = page.locator(".ss-map-svg").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200
        assert page.locator(".ss-map-legend").is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.ss-map-fill--in_force')).fill") \
            != page.evaluate("getComputedStyle(document.querySelector('.ss-map-fill--unknown')).fill")
        assert len(page.pdf(format="A4")) > 1000
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_compare_two_does_not_shift_when_its_script_runs(site, browser, viewport) -> None:
    context = new_context(browser, site.url, viewport)
    page = context.new_page()
    try:
        page.add_init_script("""window.__shift = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries())
                if (!e.hadRecentInput) window.__shift += e.value; })
              .observe({type: 'layout-shift', buffered: true});""")
        page.goto(site.url + address("compare/side-by-side", "fi"), wait_until="load")
        settle(page)
        assert page.locator("form.ss-cmp-picker").is_visible()
        assert page.evaluate("window.__shift") < 0.01
    finally:
        context.close()


# ---- the real data built with the build date pinned to 1 December 2026 ----

PINNED = int(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC).timestamp())


@pytest.fixture(scope="module")
def pinned_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pinned") / "project")
    result = build_site(project, project / "site", SOURCE_DATE_EPOCH=str(PINNED))
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_etela_karjala_reads_as_period_ended_on_1_december_2026(pinned_site) -> None:
    home = {lang: (pinned_site / HOMES[lang] / "index.html").read_text(encoding="utf-8") for lang in HOMES}
    card = re.search(r'<li class="ss-org-card" id="etela-karjala">.*?</li>', home["fi"], re.S).group()
    assert "Tila 1.12.2026" in card and "kausi päättynyt" in card
    assert "Tiedot voivat olla vanhentuneita" in card
    card_sv = re.search(r'<li class="ss-org-card" id="etela-karjala">.*?</li>', home["sv"], re.S).group()
    assert "Läget 1.12.2026" in card_sv and "perioden har gått ut" in card_sv
    page = (pinned_site / "org" / "etela-karjala" / "index.html").read_text(encoding="utf-8")
    assert 'class="ss-state ss-state--ended">kausi päättynyt' in page and "tilanne 1.12.2026" in page
    assert 'id="stale-notice"' in page
    # Keski-Pohjanmaa's 2022 strategy "in preparation" says that the information may be years old
    soite = (pinned_site / "sv" / "org" / "keski-pohjanmaa" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="stale-notice">Uppgifterna kan vara föråldrade\. Den senaste källan om den här '
                     r"strategin: 6\.6\.2022; webbplatsen sammanställd 1\.12\.2026\.", soite)


def test_every_place_that_shows_a_state_derives_it(pinned_site) -> None:
    for name, lang in (("compare/side-by-side", "fi"), ("compare/timeline", "fi"), ("coverage", "fi"),
                       ("coverage", "sv")):
        rel = address(name, lang) + "index.html"
        html = (pinned_site / rel).read_text(encoding="utf-8")
        assert html.count('class="ss-state ss-state--') >= TILES, rel
    import json
    data = json.loads((pinned_site / "data" / "strategiat.json").read_text(encoding="utf-8"))
    ek = next(o for o in data["organisations"] if o["slug"] == "etela-karjala")
    assert ek["strategies"][0]["status"] == "approved"  # the source's word stays as it was
    assert ek["strategies"][0]["state"] == {"kind": "ended", "as_of": "2026-12-01", "newer_version_known": False,
                                            "may_be_out_of_date": True, "newest_source": None}
    csv = (pinned_site / "data" / "strategiat.csv").read_text(encoding="utf-8-sig")
    assert "etela-karjala,Etelä-Karjalan hyvinvointialue,Södra Karelens välfärdsområde,2023-2025,,state.kind,,,,,,ended," in csv
