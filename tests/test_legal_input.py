"""Legal but awkward files in tests/legal_input: each builds, and its page shows exactly the text beside it.

The broken-input corpus (tests/bad_input) says what must be refused; this one says what must
get through untouched: a BOM, CRLF line ends, and text that looks like Markdown, HTML
entities, template code or URLs. Each <case>.yaml is a whole organisation file whose vision
(in Finnish) is the text under test; <case>.expected holds the text a reader must see, with
a line break where the page has <br>. Both language versions of the page must show it (the
Swedish one as a marked fallback). test_hostile_browser.py checks the same texts in chromium.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from golden import check_golden
from strategy_site.input.load import Catalogue, load_file
from strategy_site.pages.render import Renderer
from strategy_site.pages.urls import page_path

CASES = Path(__file__).parent / "legal_input"


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


class VisionText(HTMLParser):
    """The words of the vision paragraph as a reader sees them.

    <br> is a line break; the citation link and the site's "translation"/"fallback" marks
    are the page's own words, not the editor's, so they are left out.
    """

    SKIP = frozenset({"ss-cite", "ss-mark"})

    def __init__(self, strategy_id: str):
        super().__init__(convert_charrefs=True)
        self.heading = f"strategy-{strategy_id}-vision"
        self.state = "before"  # before → heading → paragraph → done
        self.depth = 0
        self.skipping = 0  # depth at which a skipped element started, 0 when not skipping
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.state == "before" and attrs.get("id") == self.heading:
            self.state = "heading"
        elif self.state == "heading" and tag == "p":
            self.state, self.depth = "paragraph", 0
        elif self.state == "paragraph":
            if tag == "br":
                if not self.skipping:
                    self.parts.append("\n")
                return
            self.depth += 1
            if not self.skipping and self.SKIP & set((attrs.get("class") or "").split()):
                self.skipping = self.depth

    def handle_endtag(self, tag):
        if self.state != "paragraph":
            return
        if tag == "p" and self.depth == 0:
            self.state = "done"
            return
        if self.skipping == self.depth:
            self.skipping = 0
        self.depth -= 1

    def handle_data(self, data):
        if self.state == "paragraph" and not self.skipping:
            self.parts.append(data)

    @classmethod
    def of(cls, page: str, strategy_id: str) -> str:
        parser = cls(strategy_id)
        parser.feed(page.split("\n---\n", 1)[1])  # the body, after the front matter
        parser.close()
        assert parser.state == "done", f"no vision paragraph for strategy {strategy_id}"
        return "".join(parser.parts).strip()


@pytest.mark.parametrize("case", case_files(), ids=lambda p: p.stem)
def test_page_shows_the_text(case: Path, monkeypatch) -> None:
    monkeypatch.chdir(CASES)
    org, problems = load_file(Path(case.name))
    assert not problems, "\n".join(map(str, problems))
    pages = Renderer(Catalogue([org], {org.slug: case})).pages()
    shown = {lang: VisionText.of(pages[page_path(f"org/{org.slug}", lang)], org.strategies[0].id)
             for lang in ("fi", "sv")}
    assert shown["fi"] == shown["sv"], "the Swedish page must show the same words (as a fallback)"
    check_golden(case.with_suffix(".expected"), shown["fi"] + "\n")


def test_corpus_is_complete() -> None:
    stems = {p.stem for p in case_files()}
    assert len(stems) >= 15
    assert {p.stem for p in CASES.glob("*.expected")} == stems
    raw = {p.stem: p.read_bytes() for p in case_files()}
    assert raw["crlf"].count(b"\r\n") == raw["crlf"].count(b"\n"), "crlf.yaml must keep its CRLF line ends"
    assert raw["bom"].startswith(b"\xef\xbb\xbf")
