"""Text that looks like code, shown literally in a real browser: nothing runs, nothing loads, nothing breaks.

A temporary project holds the legal-input corpus (tests/legal_input) and one organisation,
`vaarallinen`, whose texts and addresses are hostile but legal: HTML escaped as entities,
Markdown links and images, javascript: and data: URLs as text, attribute-breaking quotes,
template-like braces, a 300-character word. The site is built for real (strict MkDocs, both
languages), served on 127.0.0.1 and opened in Debian's chromium. Every payload that would
run if it were ever interpreted sets `window.__pwned` or opens a dialog; the checks are:

- the DOM shows every text exactly (text nodes, <br> read as a line break, the site's own
  citation links and marks left out), in both languages;
- no dialog opened, `window.__pwned` is unset, no element or attribute the payloads spell
  exists (img, svg, iframe, on* handlers, javascript:/data: links), and no request left
  127.0.0.1 — also after searching the site for the payloads;
- at 320 px the page is no wider than the viewport, despite the long words.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, served_site
from gate.browser import NARROWEST, new_context, settle
from gate.report import record

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parent
PWN = "window.__pwned=1"
WORD = "Sosiaali" + "jaterveyspalveluidenjärjestämisvastuu" * 8  # 304 characters, no break opportunity
VALUES = [
    f"&lt;img src=x onerror={PWN}&gt;",
    "&#60;img src=x onerror=alert(1)&#62; &#x3C;script&#x3E;alert(2)&#x3C;/script&#x3E;",
    f"[klikkaa](javascript:{PWN})",
    "![kuva](https://evil.example/pwned.png) ![toinen](pwned.png)",
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "{ 7*7 } ${7*7} #{7*7} %(x)s {0} [[7*7]]",
    f"\"'><-- `{PWN}` \\\" \\'",
    f"%3Cscript%3E{PWN}%3C/script%3E \\u003cscript\\u003e{PWN}",
    f"＜script＞{PWN}＜/script＞",
    "**lihava** _kursiivi_ `koodi` # ei otsikko\n> ei lainaus\n- ei lista",
    "&amp;amp; &copy; &nbsp; &lt;!-- --&gt;",
    "<3 ja 1 < 2 ja a<=b ja <- nuoli",
    "Tervetuloa – مرحبا بكم – ברוכים הבאים",
    WORD,
]
NAME_FI = f"Vaarallinen &lt;script&gt;{PWN}&lt;/script&gt; alue"
NAME_SV = f"Farligt \"' onmouseover={PWN} x=\" område"
MISSION = f"'; {PWN}; // \"; {PWN}; //"
QUOTE = f"\" onmouseover=\"{PWN}\" data-x=\""
SOURCE_TITLE = f"&lt;/a&gt;&lt;script&gt;{PWN}&lt;/script&gt; Strategia"
WEBSITE = f"https://example.fi/?q=\"><svg/onload={PWN}>"
SOURCE_URL = f"https://example.fi/a?b='\"><img/src=x/onerror={PWN}>"


def hostile_org() -> dict:
    return {
        "slug": "vaarallinen", "kind": "welfare_area", "source": "src-a",
        "name": {"fi": NAME_FI, "sv": NAME_SV},
        "languages": ["fi", "sv"],
        "website": WEBSITE,
        "strategies": [{
            "id": "2022", "status": "approved",
            "approval": {"date": "2022-06-13", "body": {"fi": "aluevaltuusto"}},
            "mission": {"fi": MISSION},
            "vision": {"fi": WORD},
            "values": [{"fi": value} for value in VALUES],
            "quotes": [{"fi": QUOTE, "speaker": {"fi": WORD}}],
        }],
        "sources": [{"id": "src-a", "title": SOURCE_TITLE, "publisher": WORD, "date": "2022-06-14",
                     "language": "fi", "url": SOURCE_URL}],
    }


def legal_cases() -> dict[str, str]:
    """slug -> the text its page must show (tests/legal_input/<slug>.expected)."""
    return {p.stem: p.read_text(encoding="utf-8").removesuffix("\n")
            for p in sorted((TESTS / "legal_input").glob("*.expected"))}


# The words of an element as a reader gets them: text nodes, <br> as a line break, without the
# site's own citation links and translation/fallback marks.
SHOWN = """(element) => {
    if (!element) return null;
    let out = "";
    const walk = (node) => {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) out += child.data;
            else if (child.nodeType !== Node.ELEMENT_NODE) continue;
            else if (child.tagName === "BR") out += "\\n";
            else if (!child.matches(".ss-cite, .ss-mark")) walk(child);
        }
    };
    walk(element);
    return out.trim();
}"""

# Anything the payloads would create if they were ever read as HTML, or a handler set on any element.
INJECTED = """() => {
    const found = [];
    // the site's own drawings and forms, from its templates (the map, share bars, the finder, the picker)
    const own = "svg.ss-map-svg, svg.ss-map-swatch, svg.ss-bar, form.ss-finder__form, form.ss-cmp-picker";
    for (const el of document.querySelectorAll(".ss-page img, .ss-page svg, .ss-page iframe, .ss-page object,"
                                               + " .ss-page embed, .ss-page script, .ss-page style, .ss-page form"))
        if (!el.matches(own)) found.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll("*"))
        for (const attr of el.attributes)
            if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 60)}`);
    for (const a of document.querySelectorAll("[href], [src], [action], [formaction]")) {
        const url = (a.getAttribute("href") || a.getAttribute("src") || a.getAttribute("action")
                     || a.getAttribute("formaction") || "").trim().toLowerCase();
        if (url.startsWith("javascript:") || url.startsWith("data:") || url.startsWith("vbscript:"))
            found.push(`${a.tagName} ${url.slice(0, 60)}`);
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    shutil.rmtree(project / "strategies")
    for division in (project / "reference").glob("*.yaml"):  # made-up organisations: no division to share out
        division.unlink()
    (project / "strategies").mkdir()
    for case in (TESTS / "legal_input").glob("*.yaml"):
        shutil.copy2(case, project / "strategies" / case.name)
    (project / "strategies" / "vaarallinen.yaml").write_text(
        yaml.safe_dump(hostile_org(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    with served_site(project, base / "site") as url:
        yield url


class Visit:
    """One browser context on the site, watching for dialogs, requests and errors."""

    def __init__(self, browser, url: str, viewport=None):
        self.context = new_context(browser, url, viewport or {"width": 1280, "height": 900})
        self.dialogs: list[str] = []
        self.page = self.context.new_page()

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        self.page.on("dialog", on_dialog)

    def open(self, url: str):
        self.context.netlog.current = url
        self.page.goto(url)
        settle(self.page)
        return self.page

    def shown(self, selector: str) -> str | None:
        return self.page.evaluate(SHOWN, self.page.query_selector(selector))

    def assert_nothing_ran(self) -> None:
        assert not self.dialogs, self.dialogs
        assert self.page.evaluate("() => window.__pwned") is None
        assert self.page.evaluate(INJECTED) == []
        log = self.context.netlog
        assert not log.foreign, log.foreign
        # ERR_ABORTED: the search worker's scripts, cut off when the test moves on to the next page
        failed = [f for f in log.failed if "net::ERR_ABORTED" not in f]
        assert not failed, failed
        assert not [u for u in log.requests if "pwned" in u or "evil" in u]
        assert not log.page_errors, log.page_errors

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, hostile_site):
    visits = []

    def open_visit(viewport=None) -> Visit:
        visits.append(Visit(browser, hostile_site, viewport))
        return visits[-1]

    yield open_visit
    for v in visits:
        v.close()


CHECKED = {"texts": 0}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_hostile_texts_are_shown_exactly_and_nothing_runs(visit, hostile_site, lang) -> None:
    v = visit()
    prefix = "" if lang == "fi" else "sv/"
    page = v.open(f"{hostile_site}{prefix}org/vaarallinen/")
    name = NAME_FI if lang == "fi" else NAME_SV
    expected = {
        "h1": name,
        "#strategy-2022-mission + p": MISSION,
        "#strategy-2022-vision + p": WORD,
        ".ss-quote blockquote": QUOTE,
        ".ss-quote figcaption": WORD,
        ".ss-sources li a": SOURCE_TITLE,
    }
    for selector, text in expected.items():
        assert v.shown(selector) == text, selector
    values = page.eval_on_selector_all(".ss-list--values > li", f"items => items.map({SHOWN})")
    assert values == VALUES
    assert page.title().startswith(name)
    assert name in page.eval_on_selector('meta[name="description"]', "m => m.content")
    website = page.query_selector('.ss-facts a[href^="https://example.fi/?q="]')
    assert website.get_attribute("href") == WEBSITE and website.text_content() == WEBSITE
    assert page.get_attribute(".ss-sources li a", "href") == SOURCE_URL
    v.assert_nothing_ran()
    CHECKED["texts"] += len(expected) + len(values) + 4


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_legal_corpus_texts_are_shown_exactly(visit, hostile_site, lang) -> None:
    v = visit()
    prefix = "" if lang == "fi" else "sv/"
    wrong = {}
    for slug, text in legal_cases().items():
        v.open(f"{hostile_site}{prefix}org/{slug}/")
        shown = v.shown("#strategy-2022-vision + p")
        if shown != text:
            wrong[slug] = shown
        v.assert_nothing_ran()
    CHECKED["texts"] += len(legal_cases())
    assert not wrong


def test_home_page_and_search_show_the_payloads_as_text(visit, hostile_site) -> None:
    v = visit()
    page = v.open(hostile_site)
    assert v.shown('.ss-org-card__name a[href="org/vaarallinen/"]') == NAME_FI
    # the search results are rendered from the search index: a second way for text onto a page
    for term in ("onerror", "javascript", "data", "vaarallinen"):
        v.open(hostile_site)
        page.click("input.md-search__input")  # typed, not filled: the search reacts to keystrokes
        page.keyboard.type(term, delay=20)
        page.wait_for_function("term => [...document.querySelectorAll('.md-search-result__item')]"
                               ".some(item => item.textContent.toLowerCase().includes(term))", arg=term,
                               timeout=10_000)
        v.assert_nothing_ran()
    CHECKED["texts"] += 1


@pytest.mark.parametrize("path", ["org/vaarallinen/", "sv/org/vaarallinen/", "", "sv/"])
def test_long_words_do_not_widen_the_page_at_320px(visit, hostile_site, path) -> None:
    v = visit(NARROWEST)
    page = v.open(hostile_site + path)
    assert page.evaluate("() => window.innerWidth") == NARROWEST["width"]
    width = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert width <= NARROWEST["width"], f"/{path} is {width} px wide at {NARROWEST['width']} px"
    v.assert_nothing_ran()


def test_zz_report_the_count() -> None:
    """Put the number of texts compared in chromium into the run's summary."""
    record("hostile text in chromium", CHECKED["texts"], 0, "texts compared exactly via the DOM")
