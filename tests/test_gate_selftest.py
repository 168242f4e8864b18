"""Tests of the gate itself: a tiny site with one seeded violation of each kind must make the
checker for that kind report it, and a clean page must pass them all. A gate that passes
everything would otherwise look exactly like a site that has no problems."""

from __future__ import annotations

import pytest

from gate.axe import run_axe
from gate.browser import DESKTOP, NARROWEST, new_context, settle
from gate.language import foreign_segments
from gate.layout import clipped_text, focus_check_all, horizontal_overflow, pdf_pages, zoom_text
from gate.links import LinkChecker
from gate.meta import head_problems, read_head, sitemap_problems
from gate.server import StaticServer
from gate.text import text_blocks
from gate.vnu import run_vnu

pytestmark = pytest.mark.browser

HEAD = """<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<meta name="description" content="Tämä on koesivu, jolla tarkistetaan, että sivuston tarkistimet toimivat oikein.">
<link rel="canonical" href="{base}{path}">
<link rel="alternate" hreflang="fi" href="{base}{path}">
<link rel="alternate" hreflang="sv" href="{base}sv/{path}">
<link rel="alternate" hreflang="x-default" href="{base}{path}">
{extra}
</head>
<body>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""

CLEAN = """<p>Tällä sivulla ei ole virheitä. <a href="index.html">Etusivu</a> ja <a href="#loppu">sivun loppu</a>.</p>
<p id="loppu" lang="sv">Det här stycket är på svenska och har sin egen språkmärkning.</p>"""

SEEDED = {
    # a contrast error: light grey text on white (about 1.5:1)
    "contrast": ("", '<p style="color:#ccc;background:#fff">Tämä teksti on liian vaaleaa luettavaksi.</p>'),
    # a broken link and a link to a fragment that is not on the page
    "broken-link": ("", '<p><a href="ei-ole.html">Puuttuva sivu</a> ja <a href="index.html#ei-ole">puuttuva kohta</a>.</p>'),
    # an external font: a stylesheet from a third party
    "external-font": ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "<p>Fontti.</p>"),
    # an invalid element: a block inside a paragraph's phrasing content, and an unknown element
    "invalid-element": ("", "<p><span>Teksti</span><blink>vilkkuu</blink></p><ul><p>Väärä lapsi</p></ul>"),
    # a script error in the console
    "console-error": ("", "<p>Skripti.</p><script>undefinedFunction();</script>"),
    # a Swedish sentence inside a Finnish page without lang
    "missing-lang": ("", "<p>Det här är en svensk mening som inte har någon egen språkmärkning alls.</p>"),
    # a one-sentence Swedish quotation inside a Finnish note, without lang (and the same quotation marked)
    "unmarked-quotation": ("", "<p>Lähteessä arvo on muodossa ”Vi bemöter alla medmänskligt.” ja se on "
                               "hyväksytty aluevaltuustossa.</p>"
                               "<p>Lähteessä arvo on muodossa ”<span lang=\"sv\">Vi bemöter alla medmänskligt."
                               "</span>” ja se on hyväksytty aluevaltuustossa.</p>"),
    # a box wider than the narrowest phone
    "no-reflow": ("", '<div style="width:900px">Leveä laatikko, joka pakottaa vierittämään sivua sivusuunnassa.</div>'),
    # focus that does not show, and a focusable link off the screen
    "invisible-focus": ('<style>a:focus, a:focus-visible { outline: none; }</style>',
                        '<p><a href="index.html" style="text-decoration:none;color:#000">Etusivu</a></p>'
                        '<p><a href="index.html" style="position:absolute;left:-9999px">Piilossa</a></p>'),
    # text cut off by a fixed-height box when the text is enlarged
    "clipped-text": ("", '<p style="height:1.5em;overflow:hidden;width:20em">Tämä teksti leikkautuu, kun tekstiä '
                         "suurennetaan, koska laatikon korkeus on kiinteä eikä se kasva tekstin mukana.</p>"),
    # a page that prints on many sheets
    "long-print": ("", "".join(f"<p>Kappale {i}: " + "pitkä teksti, joka vie tilaa. " * 20 + "</p>"
                               for i in range(60))),
}


@pytest.fixture(scope="module")
def seeded_site(tmp_path_factory):
    """The tiny site: index.html is clean, <kind>.html carries one seeded violation each."""
    root = tmp_path_factory.mktemp("seeded")
    with StaticServer(root) as server:
        def write(name: str, extra: str, body: str, title: str) -> None:
            (root / name).write_text(HEAD.format(base=server.url, path=name, title=title, extra=extra, body=body),
                                     encoding="utf-8")

        write("index.html", "", CLEAN, "Puhdas sivu")
        (root / "sv").mkdir()
        (root / "sv" / "index.html").write_text(
            HEAD.format(base=server.url, path="index.html", title="Ren sida", extra="", body="<p>Ren sida.</p>")
            .replace('lang="fi"', 'lang="sv"'),
            encoding="utf-8")
        for kind, (extra, body) in SEEDED.items():
            write(f"{kind}.html", extra, body, f"Virhe: {kind}")
        yield root, server.url


@pytest.fixture
def open_page(seeded_site, browser):
    _root, url = seeded_site
    contexts = []

    def opener(name: str, viewport=DESKTOP):
        context = new_context(browser, url, viewport)
        contexts.append(context)
        page = context.new_page()
        page.goto(url + name)
        settle(page)
        return page

    yield opener
    for context in contexts:
        context.close()


def test_the_clean_page_passes_every_checker(seeded_site, open_page):
    root, url = seeded_site
    page = open_page("index.html")
    assert run_axe(page) == []
    assert run_vnu([root / "index.html"]) == []
    report = LinkChecker(root, url).check([root / "index.html"])
    assert report.broken == [] and report.checked >= 2
    assert page.context.netlog.problems() == []
    assert [b for b in text_blocks((root / "index.html").read_text()) if foreign_segments(b.text, b.lang)] == []
    assert focus_check_all(page)[1] == []
    assert head_problems(read_head((root / "index.html").read_text()), url + "index.html", "fi", url) == []


def test_axe_reports_a_contrast_error(open_page):
    rules = {v["id"] for v in run_axe(open_page("contrast.html"))}
    assert "color-contrast" in rules


def test_link_check_reports_a_broken_link_and_a_missing_fragment(seeded_site):
    root, url = seeded_site
    report = LinkChecker(root, url).check([root / "broken-link.html"])
    assert any("ei-ole.html does not exist" in b for b in report.broken)
    assert any("no element with id 'ei-ole'" in b for b in report.broken)


def test_network_log_reports_an_external_font_without_fetching_it(open_page):
    log = open_page("external-font.html").context.netlog
    assert any("fonts.googleapis.com" in u for u in log.foreign)
    assert any("request to another host" in p for p in log.problems())


def test_nu_html_checker_reports_an_invalid_element(seeded_site):
    root, _ = seeded_site
    messages = " ".join(e["message"] for e in run_vnu([root / "invalid-element.html"]))
    assert "blink" in messages and "not allowed" in messages


def test_nu_html_checker_reports_a_broken_stylesheet(tmp_path):
    css = tmp_path / "site.css"
    css.write_text(".a { color: red; }\n}\n.b { colour: blue; }\n", encoding="utf-8")
    assert run_vnu([css]), "a stray brace and an unknown property must be reported"


def test_console_errors_are_reported(open_page):
    log = open_page("console-error.html").context.netlog
    assert any("undefinedFunction" in e for e in log.page_errors)


def test_text_in_another_language_without_lang_is_reported(seeded_site):
    root, _ = seeded_site
    found = [f for b in text_blocks((root / "missing-lang.html").read_text()) for f in foreign_segments(b.text, b.lang)]
    assert found and "svensk mening" in found[0][0] and found[0][1] == "sv"


def test_an_unmarked_one_sentence_quotation_is_reported_and_a_marked_one_is_not(seeded_site):
    root, _ = seeded_site
    blocks = text_blocks((root / "unmarked-quotation.html").read_text())
    found = [f for b in blocks for f in foreign_segments(b.text, b.lang)]
    # the first paragraph's quotation, named on its own; the second paragraph marks it: nothing there
    assert found == [("Vi bemöter alla medmänskligt", "sv")]


def test_names_in_no_language_are_not_findings():
    assert foreign_segments("Kort namn: Keusote", "sv", frozenset({"Keusote"})) == []
    assert foreign_segments("Keusote", "sv") == [("Keusote", "fi")]


def test_reflow_check_reports_a_box_wider_than_320_px(open_page):
    page = open_page("no-reflow.html", NARROWEST)
    problems = horizontal_overflow(page)
    assert problems and "div" in problems[0]


def test_focus_check_reports_invisible_focus_and_a_focusable_element_off_the_screen(open_page):
    checked, problems = focus_check_all(open_page("invisible-focus.html"))
    assert checked == 2
    assert any("does not change how it looks" in p for p in problems)
    assert any("not visible on the screen" in p for p in problems)


def test_text_zoom_check_reports_clipped_text(open_page):
    page = open_page("clipped-text.html")
    zoom_text(page, 200)
    assert clipped_text(page)


def test_print_check_counts_pages(open_page):
    assert pdf_pages(open_page("index.html").pdf(format="A4")) == 1
    assert pdf_pages(open_page("long-print.html").pdf(format="A4")) > 2


def test_metadata_check_reports_missing_description_canonical_and_alternates():
    html = '<!doctype html><html lang="sv"><head><title>x</title></head><body></body></html>'
    problems = " | ".join(head_problems(read_head(html), "http://x/a/", "fi", "http://x/"))
    assert "lang" in problems and "description" in problems and "canonical" in problems
    assert "hreflang" in problems


def test_sitemap_check_reports_disagreement():
    head = read_head('<link rel="alternate" hreflang="fi" href="http://x/a/">'
                     '<link rel="alternate" hreflang="sv" href="http://x/sv/a/">')
    entries = {"http://x/a/": {"fi": "http://x/a/"}, "http://x/gone/": {}}
    problems = " | ".join(sitemap_problems(entries, {"http://x/a/": head}, set()))
    assert "sitemap alternates" in problems and "not a page" in problems
