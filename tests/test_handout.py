"""Printing makes handouts: real A4 PDFs from Debian's chromium, read with poppler's pdfinfo and pdftotext.

An organisation page prints on one or two pages with every source's address and the day the
site was built; the compare-two page prints the chosen organisations' columns and no others.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from strategy_site.pages.addresses import address

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


def pdf_facts(pdf: bytes, tmp_path: Path, name: str) -> tuple[int, str]:
    """(pages, text) of a PDF, as poppler reads it."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def squeezed(text: str) -> str:
    """Without white space and hyphens: a long address breaks over lines in print, and pdftotext
    takes a hyphen at the end of a line for a word break."""
    return re.sub(r"[\s-]+", "", text)


def build_day(site) -> str:
    """The day MkDocs stamped the build with (its sitemap's lastmod), as the handout writes it."""
    lastmod = re.search(r"<lastmod>(\d{4})-(\d{2})-(\d{2})</lastmod>", (site.dir / "sitemap.xml").read_text()).groups()
    year, month, day = (int(part) for part in lastmod)
    return f"{day}.{month}.{year}"


def printed(browser, url: str) -> bytes:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page.pdf(format="A4")
    finally:
        page.close()


def largest_organisation_pages(site, lang: str, n: int = 2) -> list[str]:
    """The organisations whose pages are longest: the hardest to fit on two sheets."""
    folder = site.dir / ("sv/org" if lang == "sv" else "org")
    pages = sorted(folder.glob("*/index.html"), key=lambda p: -p.stat().st_size)
    return [p.parent.name for p in pages[:n]]


def sources_of(slug: str) -> list[dict]:
    data = yaml.safe_load((ROOT / "strategies" / f"{slug}.yaml").read_text(encoding="utf-8"))
    return data["sources"]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_organisation_page_prints_as_a_handout_with_its_sources_and_the_build_date(site, browser, tmp_path,
                                                                                        lang) -> None:
    built = {"fi": "Sivusto koottu", "sv": "Webbplatsen sammanställd"}[lang]
    for slug in largest_organisation_pages(site, lang):
        url = site.url + ("sv/" if lang == "sv" else "") + f"org/{slug}/"
        pages, text = pdf_facts(printed(browser, url), tmp_path, f"{lang}-{slug}")
        assert 1 <= pages <= 2, f"{url} prints on {pages} A4 pages"
        assert f"{built} {build_day(site)}." in text, url
        flat = squeezed(text)
        for source in sources_of(slug):
            if source.get("url"):
                assert squeezed(source["url"]) in flat, f"{url}: the printout lacks the source {source['url']}"
        # the site's header, navigation and footer stay on the screen
        assert "Siirry sisältöön" not in text and "Gå till innehållet" not in text


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_compare_two_prints_only_the_chosen_columns(site, browser, tmp_path, lang) -> None:
    from strategy_site.input.load import load_catalogue

    names = {org.slug: org.name.get(lang) or org.name.fi for org in load_catalogue(ROOT / "strategies").organisations}
    chosen = ["lappi", "kainuu"]
    url = site.url + address("compare/side-by-side", lang) + f"?a={chosen[0]}&b={chosen[1]}"
    pages, text = pdf_facts(printed(browser, url), tmp_path, f"side-{lang}")
    assert 1 <= pages <= 2, f"{url} prints on {pages} A4 pages"
    flat = " ".join(text.split())
    for slug in chosen:
        assert names[slug] in flat, f"{names[slug]} is not in the printout"
    others = [name for slug, name in names.items() if slug not in chosen]
    assert [name for name in others if name in flat] == []
    assert build_day(site) in text
    # without a choice the page prints every organisation (and so more pages)
    all_pages, all_text = pdf_facts(printed(browser, url.split("?")[0]), tmp_path, f"side-all-{lang}")
    assert all_pages > pages and all(name in " ".join(all_text.split()) for name in others[:3])
