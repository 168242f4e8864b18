"""Property: any text that text.check_text accepts comes out on the pages exactly as written.

Hypothesis writes strings (all of Unicode, biased towards what looks like Markdown, HTML
entities, template code, quotes and line breaks) into the text fields of a whole organisation
file, which goes the editors' way: YAML on disk → load_file → Renderer → the generated pages.
Each text is put between the markers ⟦ and ⟧ so it can be found on any page without knowing
the templates; the text between the markers (a <br> read as a line break, entities decoded as
a browser decodes them) must be the written text, in both languages, on every page it appears.

"Exactly" allows one change: Unicode NFC normalisation (check_text composes "a" + U+0308 into
"ä"), which looks the same and makes the same text compare equal in search and sorting.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy_site.input.load import Catalogue, load_file
from strategy_site.input.text import check_text
from strategy_site.pages.render import Renderer
from strategy_site.pages.urls import page_path

OPEN, CLOSE = "⟦", "⟧"
MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)

# What an editor may paste that other tools would read as markup, plus plain Unicode.
LOOKALIKES = ["&amp;", "&lt;", "&#60;", "&#x3C;", "&nbsp;", "javascript:", "data:text/html,", "[a](b)", "![i](s)",
              "**", "__", "`", "# ", "> ", "- ", "1. ", "---", "|", "\n", "\n\n", "<3", "< 5", "<=", "->", "-->",
              "{ x }", "${x}", "{0}", "%s", "%(x)s", "\\", '"', "'", ":", "\u00a0", "\u202f", "  ", "ä", "Å",
              "a\u0308", "A\u030a", "\u212b", "مرحبا", "שלום", "🙂", "\U0001F44D\U0001F3FD",
              # line breaks to Python but not to HTML: refused now; should that change, this test fails
              "\u2028", "\u2029", "\x85", "\x0c", "\x1e"]
# All of Unicode but the categories check_text refuses outright (control, format, separator
# characters; the bad-input corpus tests those), so that few draws are thrown away.
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"),
                           exclude_characters=OPEN + CLOSE)
ANY_CHARACTER = st.characters(codec="utf-8", exclude_characters=OPEN + CLOSE)  # now and then, to test the filter
PIECES = st.one_of(st.text(CHARACTERS, max_size=6), st.sampled_from(LOOKALIKES), st.text(ANY_CHARACTER, max_size=1))


def accepted(text: str) -> bool:
    try:
        check_text(text)
    except ValueError:
        return False
    return True


def marked(text: str) -> str:
    return OPEN + text + CLOSE


# Marked, because check_text strips the ends: "0\r" is accepted as "0", but the \r is not text.
TEXTS = st.lists(PIECES, min_size=1, max_size=6).map("".join).filter(lambda t: accepted(marked(t)))


def organisation(slug: str, t: list[str]) -> dict:
    """A whole file with a generated text in every kind of text field (t[0] .. t[13])."""
    m = [marked(x) for x in t]
    return {
        "slug": slug, "kind": "welfare_area", "source": "src-a",
        "name": {"fi": m[0], "sv": m[1]},
        "short_name": {"name": m[12]},
        "languages": ["fi", "sv"],
        # names of today's municipalities are checked against reference/ (test_municipalities.py);
        # a predecessor's owner municipalities are free text
        "municipalities": [{"fi": "Mallila"}],
        "predecessors": [{"id": "edeltaja", "kind": "municipality", "name": {"fi": "Edeltäjä"},
                          "municipalities": [m[8]]}],
        "strategies": [{
            "id": "2022", "status": "approved",
            "approval": {"date": "2022-06-13", "body": {"fi": "aluevaltuusto"}, "reference": m[7]},
            "vision": {"fi": m[2], "note": {"fi": m[13]}},
            "values": [{"fi": m[3], "sv": m[4], "source": "src-b"}],
            "quotes": [{"fi": m[5], "speaker": {"fi": m[6]}}],
        }],
        "sources": [
            {"id": "src-a", "title": m[9], "publisher": m[10], "date": "2022-06-14", "language": "fi",
             "url": "https://example.fi/strategia"},
            {"id": "src-b", "title": "Toinen", "publisher": "Joku", "date": None, "language": "fi", "document": m[11]},
        ],
    }


# What each language's page of the organisation must show (indexes into the generated texts):
# a Finnish-only text falls back to Finnish on the Swedish page.
SHOWN = {"fi": {0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13}, "sv": {1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}}


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in json_strings(item)]
    return []


class TextAndAttributes(HTMLParser):
    """Everything a reader (or a screen reader) gets from a page: its text and attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        # attribute values are collected apart, so they cannot join text into a false match
        for name, value in attrs:
            if name == "data-index" and value:  # the finder's JSON: the texts in it, decoded
                self.parts.extend(f"\0{text}\0" for text in json_strings(json.loads(value)))
            elif value:
                self.parts.append(f"\0{value}\0")

    def handle_data(self, data):
        self.parts.append(data)

    @classmethod
    def marked_texts(cls, page: str) -> list[str]:
        parser = cls()
        parser.feed(page.split("\n---\n", 1)[1])
        parser.close()
        return MARKED.findall("".join(parser.parts))


_renderer = Renderer(Catalogue([]))  # one, because compiling the templates is most of the time


def render(data: dict) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{data['slug']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        org, problems = load_file(path)
        assert not problems, "\n".join(map(str, problems))
        _renderer.catalogue = Catalogue([org], {org.slug: path})
        return _renderer.pages()


@pytest.mark.slow  # 80 whole pages rendered
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=14, max_size=14))
def test_every_text_field_shows_exactly_what_was_written(texts: list[str]) -> None:
    written = [unicodedata.normalize("NFC", t) for t in texts]
    for text in texts:
        assert check_text(marked(text)) == unicodedata.normalize("NFC", marked(text).strip())
    pages = render(organisation("ominaisuus", texts))
    for lang, indexes in SHOWN.items():
        page = pages[page_path("org/ominaisuus", lang)]
        assert set(TextAndAttributes.marked_texts(page)) == {written[i] for i in indexes}, lang
        title = yaml.safe_load(page.split("\n---\n", 1)[0].removeprefix("---\n"))["title"]
        assert html.unescape(title) == marked(written[0 if lang == "fi" else 1])
    # every other page (home, comparisons, ...) may show fewer texts, but none of them altered
    for name, page in pages.items():
        if name.endswith(".md"):
            assert set(TextAndAttributes.marked_texts(page)) <= set(written), name


def test_the_generator_reaches_the_awkward_cases() -> None:
    """Guard against a filter that quietly leaves only dull strings."""
    for text in ["&amp; [a](javascript:x) {0} <3", "a\n\nb", "  x  ", "a\u0308", "\\ \" '"]:
        assert accepted(marked(text)), text
