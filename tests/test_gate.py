"""The public-site gate: every page of the built site, both languages, through real checkers.

One crawl loads every page once per width (desktop and phone) in Debian's chromium and
keeps what axe-core, the network log, the console and the layout checks found; the tests
below each report one checker's findings. Static checks (Nu Html Checker, links, page
metadata, sitemap, language marks) read the built files. A failure lists every finding.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import pytest

from gate.axe import describe, run_axe
from gate.browser import DESKTOP, NARROWEST, PHONE, WIDTHS, describe_csp, new_context, settle
from gate.csp import policy_problems, read_inline
from gate.language import foreign_segments
from gate.layout import (
    clipped_text,
    focus_check_all,
    focus_walk,
    horizontal_overflow,
    pdf_pages,
    print_state,
    zoom_text,
)
from gate.links import LinkChecker, sitemap_entries
from gate.meta import head_problems, read_head, sitemap_problems
from gate.report import listing, record
from gate.states import HOME_STATES, PHONE_STATES, SEARCH_WORDS, STATES, focus_skip_link, open_search
from gate.text import text_blocks
from gate.vnu import run_vnu
from strategy_site.pages.addresses import address, moved

OTHER = {"fi": "sv", "sv": "fi"}


def visit(page, url: str) -> None:
    page.context.netlog.current = url
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response.status if response else 'nothing'}"
    settle(page)


def kind(site_page) -> str:
    """The kind of page: the first part of its path below the language (org, compare, ...)."""
    rel = site_page.rel.removeprefix("sv/")
    return "home" if rel == "index.html" else rel.split("/")[0]


def one_of_each_kind(pages) -> list:
    """One page of every kind in every language: where the interactive states are checked."""
    chosen = {}
    for p in pages:
        chosen.setdefault((p.lang, kind(p)), p)
    return list(chosen.values())


@pytest.fixture(scope="module")
def crawl(site, browser):
    """Every page at desktop and phone width, loaded once per width: axe-core, network and console,
    the skip link, focus on every focusable element, text zoom (desktop), reflow at 320 px (phone)
    and the printout of organisation pages (desktop). Then the interactive states and real Tab
    walks (see test_axe_in_interactive_states)."""
    found = defaultdict(list)
    counts = defaultdict(int)
    pages = site.pages()
    for width_name, viewport in WIDTHS.items():
        context = new_context(browser, site.url, viewport)
        page = context.new_page()
        for site_page in pages:
            where = f"{site_page} ({width_name})"
            visit(page, site_page.url)
            counts["loads"] += 1
            found["axe"] += describe(run_axe(page), where)
            skip = focus_skip_link(page)
            if "md-skip" not in skip["classes"] or not skip["visible"]:
                found["skip"].append(f"{where}: the first Tab stop is not a visible skip link: {skip}")
            elif page.locator(skip["href"]).count() != 1:
                found["skip"].append(f"{where}: the skip link's target {skip['href']} is not on the page")
            if viewport is DESKTOP and "/org/" in f"/{site_page.rel}":
                found["print"] += print_problems(page, site_page)
                counts["printed"] += 1
            checked, problems = focus_check_all(page)
            counts["focusable"] += checked
            found["focus"] += [f"{where}: {p}" for p in problems]
            if viewport is DESKTOP:
                zoom_text(page, 200)
                found["zoom"] += [f"{where}, text at 200 %: {p}" for p in horizontal_overflow(page) + clipped_text(page)]
            else:
                page.set_viewport_size(NARROWEST)
                settle(page)
                found["reflow"] += [f"{site_page} at 320 px: {p}" for p in horizontal_overflow(page)]
                page.set_viewport_size(viewport)
        found["network"] += context.netlog.problems()
        found["csp"] += [describe_csp(r) for r in context.netlog.csp_reports]
        counts["requests"] += len(context.netlog.requests)
        context.close()

    # Interactive states. The header, search and language menu are the same on every page: they
    # are checked on the home page and an organisation page of each language. The drawer lists
    # the navigation as it is on the page (the current section open): one page of each kind.
    chrome_pages = [p for p in one_of_each_kind(pages) if kind(p) in ("home", "org")]
    for width_name, viewport in WIDTHS.items():
        context = new_context(browser, site.url, viewport)
        page = context.new_page()
        for site_page in one_of_each_kind(pages):
            states = dict(STATES) if site_page in chrome_pages else {}
            if kind(site_page) == "home":
                states.update(HOME_STATES)
            if viewport is PHONE:
                states["mobile navigation open"] = PHONE_STATES["mobile navigation open"]
            for state_name, enter in states.items():
                visit(page, site_page.url)
                enter(page, site_page.lang)
                counts["states"] += 1
                found["states"] += describe(run_axe(page), f"{site_page} ({width_name}, {state_name})")
            if site_page in chrome_pages:
                visit(page, site_page.url)
                stops, problems = focus_walk(page)
                counts["tab stops"] += stops
                found["focus"] += [f"{site_page} ({width_name}, Tab walk): {p}" for p in problems]
        found["network"] += context.netlog.problems()
        found["csp"] += [describe_csp(r) for r in context.netlog.csp_reports]
        counts["requests"] += len(context.netlog.requests)
        context.close()
    found["counts"] = counts
    return found


def print_problems(page, site_page) -> list[str]:
    problems = []
    state = print_state(page)
    if state["header"] or state["sidebar"] or state["footer"]:
        problems.append(f"{site_page}: the printout shows the site's header, navigation or footer: {state}")
    if not state["sources"] or not state["urlsPrinted"]:
        problems.append(f"{site_page}: the printout must list the sources with their addresses: {state}")
    pages = pdf_pages(page.pdf(format="A4"))
    if not 1 <= pages <= 2:
        problems.append(f"{site_page}: prints on {pages} A4 pages; a handout is one or two")
    return problems


@pytest.mark.browser
def test_axe_every_page_at_desktop_and_phone_width(site, crawl):
    record("axe-core", crawl["counts"]["loads"], len(crawl["axe"]),
           f"page loads ({len(site.pages())} pages x 2 widths)")
    assert not crawl["axe"], "axe-core (WCAG 2.1 A/AA) found:\n" + listing(crawl["axe"])


@pytest.mark.browser
def test_axe_in_interactive_states(crawl):
    """Search open with results, language menu open and skip link focused (home and an organisation
    page, both languages, both widths); the municipality finder open (home, both languages, both
    widths); mobile navigation open (one page of each kind, phone width)."""
    record("axe-core, interactive states", crawl["counts"]["states"], len(crawl["states"]), "page states")
    assert not crawl["states"], "axe-core found, in interactive states:\n" + listing(crawl["states"])


@pytest.mark.browser
def test_no_third_party_request_failed_request_or_console_error(crawl):
    record("network and console", crawl["counts"]["requests"], len(crawl["network"]), "requests logged")
    assert not crawl["network"], listing(crawl["network"])


@pytest.mark.browser
def test_content_security_policy_holds_on_every_page(site, crawl):
    """Every violation report of every page load of the crawl (both widths, every page of both
    languages, the interactive states and Tab walks). The policy blocks; a report is a page that
    lost something (a seeded inline script shows it: tests/test_csp.py)."""
    loads = crawl["counts"]["loads"] + crawl["counts"]["states"]
    record("Content-Security-Policy", loads, len(crawl["csp"]),
           f"page loads ({len(site.pages())} pages) with violation reports collected")
    assert not crawl["csp"], "the Content-Security-Policy was violated:\n" + listing(crawl["csp"])


def test_every_page_carries_the_policy_first_and_nothing_inline(site):
    """The exact policy, once, right after <meta charset>, on every page (404 pages too); no inline
    script (the theme's configuration data block aside), handler, style attribute or <style>."""
    from strategy_site.mkdocs.security import policy

    problems = []
    pages = site.pages()
    for p in pages:
        problems += [f"{p}: {problem}" for problem in policy_problems(read_inline(p.file.read_text(encoding="utf-8")),
                                                                      policy())]
    record("CSP meta tag, nothing inline", len(pages), len(problems), "pages (meta tag, nothing inline)")
    assert len(pages) > 40 and {p.lang for p in pages} == {"fi", "sv"} and any(p.is_404 for p in pages)
    assert not problems, listing(problems)


@pytest.mark.browser
def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(crawl):
    record("skip link", crawl["counts"]["loads"], len(crawl["skip"]), "page loads")
    assert not crawl["skip"], listing(crawl["skip"])


@pytest.mark.browser
def test_focus_is_visible_everywhere(crawl):
    checked = crawl["counts"]["focusable"] + crawl["counts"]["tab stops"]
    record("visible focus", checked, len(crawl["focus"]), "focused elements and Tab stops")
    assert not crawl["focus"], listing(crawl["focus"])


@pytest.mark.browser
def test_text_zoom_200_percent_keeps_everything_readable(site, crawl):
    record("text zoom 200 %", len(site.pages()), len(crawl["zoom"]), "pages at desktop width")
    assert not crawl["zoom"], listing(crawl["zoom"])


@pytest.mark.browser
def test_reflow_at_320_px_without_horizontal_scrolling(site, crawl):
    record("reflow at 320 px", len(site.pages()), len(crawl["reflow"]), "pages")
    assert not crawl["reflow"], listing(crawl["reflow"])


@pytest.mark.browser
def test_print_makes_an_organisation_page_a_short_handout_with_its_sources(crawl):
    assert crawl["counts"]["printed"] > 0
    record("print", crawl["counts"]["printed"], len(crawl["print"]), "organisation pages printed to A4")
    assert not crawl["print"], listing(crawl["print"])


def test_nu_html_checker_finds_no_error(site):
    """Every page, and the site's own stylesheets (the theme's minified ones are its authors' business)."""
    stylesheets = [p for p in site.dir.rglob("*.css") if "assets" not in p.relative_to(site.dir).parts]
    files = [p.file for p in site.pages()] + stylesheets
    errors = run_vnu(files)
    lines = [f"{e['file'].split(str(site.dir))[-1]}:{e['line']}: {e['message']} [{e['extract'][:80]}]" for e in errors]
    record("Nu Html Checker", len(files), len(errors), f"files ({len(files) - len(stylesheets)} pages, "
           f"{len(stylesheets)} stylesheets)")
    assert not errors, "Nu Html Checker errors:\n" + listing(lines)


def test_no_broken_internal_link_or_fragment(site):
    checker = LinkChecker(site.dir, site.url)
    report = checker.check()
    checker.check_sitemap(report)
    record("internal links", report.checked, len(report.broken),
           f"links in {report.pages} pages + sitemap ({len(report.external)} external not followed)")
    assert report.checked > 100
    assert not report.broken, "broken links:\n" + listing(report.broken)


def test_every_page_has_description_canonical_and_hreflang_alternates(site):
    problems = []
    heads = {}
    for p in site.pages():
        head = read_head(p.file.read_text(encoding="utf-8"))
        heads[p.url] = head
        problems += [f"{p}: {problem}" for problem in head_problems(head, p.url, p.lang, site.url, p.is_404)]
    # Alternates go both ways: the Swedish page of a Finnish page names that Finnish page.
    for url, head in heads.items():
        for lang, href in head.alternates.items():
            other = heads.get(href)
            if other is not None and other.alternates and other.alternates != head.alternates:
                problems.append(f"{url} and its {lang} alternate {href} name different alternates")
    record("page metadata", len(heads), len(problems), "pages (lang, description, canonical, hreflang)")
    assert not problems, listing(problems)


def test_descriptions_differ_between_the_languages(site):
    by_url = {p.url: read_head(p.file.read_text(encoding="utf-8")) for p in site.pages() if not p.is_404}
    same = [url for url, head in by_url.items()
            if head.alternates.get("sv") != url and by_url.get(head.alternates.get("sv")) is not None
            and by_url[head.alternates["sv"]].description == head.description]
    assert not same, "these pages have the same description in both languages:\n" + listing(same)


def test_sitemap_agrees_with_the_pages(site):
    entries = {e["loc"]: e["alternates"] for e in sitemap_entries(site.dir / "sitemap.xml")}
    heads = {p.url: read_head(p.file.read_text(encoding="utf-8")) for p in site.pages()}
    problems = sitemap_problems(entries, heads, {p.url for p in site.pages() if p.is_404})
    record("sitemap", len(entries), len(problems), "sitemap entries")
    assert not problems, listing(problems)


def test_every_old_address_redirects_to_the_page_in_its_language(site, browser):
    """Every page the address table moved keeps its old address: a static page there names the
    new one (canonical, meta refresh, link), and chromium following it lands on the real page."""
    moves = moved()
    assert moves, "the address table moves no page"
    found = {p.rel.removesuffix("index.html") for p in site.redirects()}
    assert found == {m.old for m in moves}, f"redirect pages {sorted(found)} differ from the table"
    context = new_context(browser, site.url, DESKTOP)
    page = context.new_page()
    problems = []
    sitemap = {e["loc"] for e in sitemap_entries(site.dir / "sitemap.xml")}
    for m in moves:
        old, new = site.url + m.old, site.url + m.new
        head = read_head((site.dir / m.old / "index.html").read_text(encoding="utf-8"))
        if head.canonical != [new] or head.lang != m.lang or "noindex" not in (head.robots or ""):
            problems.append(f"/{m.old}: canonical {head.canonical}, lang {head.lang}, robots {head.robots}")
        if old in sitemap or new not in sitemap:
            problems.append(f"/{m.old}: the sitemap should list /{m.new} and not the old address")
        page.goto(old)
        page.wait_for_url(new, timeout=5000)
        landed = read_head(page.content())
        if landed.canonical != [new] or landed.lang != m.lang:
            problems.append(f"/{m.old} led to {page.url}, canonical {landed.canonical}")
    context.close()
    record("redirects followed", len(moves), len(problems), "old addresses")
    assert not problems, listing(problems)


def test_404_page_in_each_language(site):
    fi = site.dir / "404.html"
    sv = site.dir / "sv" / "404.html"
    assert fi.exists() and sv.exists()
    fi_head, sv_head = read_head(fi.read_text(encoding="utf-8")), read_head(sv.read_text(encoding="utf-8"))
    assert fi_head.lang == "fi" and "Sivua ei löytynyt" in fi_head.title
    assert sv_head.lang == "sv" and "Sidan hittades inte" in sv_head.title
    # The language menu of a 404 page leads to the home pages (not to some page built before it).
    root = urlsplit(site.url).path
    for page in (fi, sv):
        menu = re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', page.read_text(encoding="utf-8"))
        assert sorted(menu) == [(root, "fi"), (root + "sv/", "sv")], f"{page.name}: language menu {menu}"


@pytest.mark.browser
def test_404_pages_work_from_any_depth(site, browser):
    """A server shows /404.html for a missing page anywhere: its links and styles must still load."""
    context = new_context(browser, site.url, DESKTOP)
    page = context.new_page()
    for path in ("404.html", "sv/404.html"):
        visit(page, site.url + path)
        home = page.locator(".md-content a").first.get_attribute("href")
        assert home.startswith("/"), f"{path}: the link home is relative ({home}); it breaks under a sub-path"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    assert not context.netlog.problems(), listing(context.netlog.problems())
    context.close()


@pytest.mark.browser
def test_search_on_a_page_finds_pages_of_its_own_language(site, browser):
    context = new_context(browser, site.url, DESKTOP)
    page = context.new_page()
    problems = []
    for lang, start in (("fi", site.url), ("sv", site.url + "sv/")):
        visit(page, start)
        results = open_search(page, SEARCH_WORDS[lang])
        assert results, f"searching {SEARCH_WORDS[lang]!r} on {start} found nothing"
        for href in results:
            in_sv = urlsplit(href).path.startswith(urlsplit(site.url).path + "sv/")
            if in_sv != (lang == "sv"):
                problems.append(f"a search on {start} lists {href}")
    problems += context.netlog.problems()
    context.close()
    assert not problems, listing(problems)


def test_search_indexes_hold_one_language_each(site):
    fi = json.loads((site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    sv = json.loads((site.dir / "sv" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert fi["config"]["lang"] == ["fi"] and sv["config"]["lang"] == ["sv"]
    assert fi["docs"] and sv["docs"]
    assert not [d["location"] for d in fi["docs"] if d["location"].startswith("sv/")]
    assert len({d["location"].split("#")[0] for d in sv["docs"]}) == len(
        {d["location"].split("#")[0] for d in fi["docs"]})


def language_neutral_names(site) -> frozenset[str]:
    """The organisations' and predecessors' short names (Soite, Keusote, ...) and the municipalities'
    names (Enontekis, Korsnäs: a Swedish place name may read as Finnish): names in no language, taken
    from the site's own open data. Where a place name is shown in the other language, the page marks
    it with that language; the identifier cannot tell a name's language from its letters."""
    data = json.loads((site.dir / "data" / "strategiat.json").read_text(encoding="utf-8"))
    named = [o for org in data["organisations"] for o in (org, *org.get("predecessors", []))]
    places = {m[lang] for org in data["organisations"] for m in org.get("municipalities", [])
              if isinstance(m, dict) for lang in ("fi", "sv") if m.get(lang)}
    return frozenset(o["short_name"]["name"] for o in named if o.get("short_name")) | places


def test_text_in_the_other_language_carries_its_own_lang(site):
    """Every text block, sentence and quotation that the language identifier (lingua, fi/sv/en)
    reads confidently as another language than its nearest lang attribute is a finding."""
    names = language_neutral_names(site)
    problems, blocks = [], 0
    for p in site.pages():
        for block in text_blocks(p.file.read_text(encoding="utf-8")):
            blocks += 1
            for segment, detected in foreign_segments(block.text, block.lang, names):
                problems.append(f"{p}: text in <{block.tag}> has no lang of its own but reads as "
                                f"{detected}: {segment[:100]!r}")
    record("language of text", blocks, len(problems), "text blocks")
    assert not problems, listing(problems)


def test_every_organisation_page_links_its_data_files_and_the_data_page(site):
    checker = LinkChecker(site.dir, site.url)
    problems = []
    org_pages = [p for p in site.pages() if "/org/" in f"/{p.rel}"]
    assert org_pages
    for p in org_pages:
        slug = p.rel.rstrip("/").split("/")[-2]
        links = {url for _, url, _ in checker.parsed(p.file).links}
        hrefs = {u.rsplit("/", 1)[-1] for u in links}
        resolved = {urljoin(p.url, u) for u in links}
        for wanted in (f"{slug}.json", f"{slug}.csv"):
            if wanted not in hrefs:
                problems.append(f"{p}: no link to data/org/{wanted}")
        data_page = site.url + address("avoin-data", p.lang)
        if data_page not in resolved:
            problems.append(f"{p}: no link to the open data page {data_page}")
    for name in ("strategiat.json", "strategiat.csv"):
        assert (site.dir / "data" / name).stat().st_size > 100
    assert not problems, listing(problems)


def test_data_files_hold_the_whole_dataset(site):
    import csv
    import io

    data = json.loads((site.dir / "data" / "strategiat.json").read_text(encoding="utf-8"))
    assert data["licence"]["id"] == "CC-BY-4.0"
    slugs = [o["slug"] for o in data["organisations"]]
    org_pages = {p.rel.split("/")[-2] for p in site.pages() if p.rel.startswith("org/")}
    assert set(slugs) == org_pages
    rows = list(csv.DictReader(io.StringIO((site.dir / "data" / "strategiat.csv").read_text(encoding="utf-8-sig"))))
    assert {r["organisation"] for r in rows} == set(slugs)
    assert all(r["source"] for r in rows if r["text_fi"] or r["text_sv"]), "every text in the CSV names its source"
    for slug in slugs:
        one = json.loads((site.dir / "data" / "org" / f"{slug}.json").read_text(encoding="utf-8"))
        assert one["organisation"] == next(o for o in data["organisations"] if o["slug"] == slug)


def test_pages_the_law_and_readers_expect_exist_in_both_languages_and_are_linked_from_every_page(site):
    problems = []
    for name in ("tietoa", "saavutettavuus", "avoin-data"):
        for lang in ("fi", "sv"):
            if not (site.dir / address(name, lang) / "index.html").exists():
                problems.append(f"/{address(name, lang)} is missing")
    checker = LinkChecker(site.dir, site.url)
    for p in site.pages():
        links = {urljoin(p.url, u) for _, u, _ in checker.parsed(p.file).links}
        for name in ("saavutettavuus", "tietoa", "avoin-data"):
            if site.url + address(name, p.lang) not in links:
                problems.append(f"{p}: no link to the {name} page /{address(name, p.lang)}")
    statement = {lang: (site.dir / address("saavutettavuus", lang) / "index.html").read_text(encoding="utf-8")
                 for lang in ("fi", "sv")}
    for lang, words in (("fi", ["Saavutettavuusseloste", "palaute", "GitHub", "valvontaviranomai", "14 päivän"]),
                        ("sv", ["Tillgänglighetsutlåtande", "respons", "GitHub", "Tillsynsmyndighet", "14 dagar"])):
        problems += [f"the {lang} statement does not mention {w!r}" for w in words if w.lower() not in statement[lang].lower()]
    assert not problems, listing(problems)
