"""The search index's fast reading of a page (mkdocs/search_sections.py) gives exactly the sections
Material's own parser gives: on every page the site generates from the real data and the
fixtures, on hand-made HTML for each of the parser's rules, and on random HTML; and so does the
preview's reading a piece at a time (read_in_pieces), with what it kept of pages read before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser
from mkdocs.utils.meta import get_data

from strategy_site.input import paths
from strategy_site.input.division import load_checked
from strategy_site.input.kept import KeptWhileUsed
from strategy_site.input.load import load_catalogue
from strategy_site.mkdocs.search_sections import sections
from strategy_site.pages.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def by_parser(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, s.is_excluded(), s.title, s.text) for s in parser.data]


def by_fast_reading(html: str, kept: KeptWhileUsed | None = None) -> list[tuple] | None:
    found = sections(html, kept)
    return None if found is None else [(s.id, s.is_excluded(), s.title, s.text) for s in found]


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    """Every generated page's HTML, as the search plugin gets it (without front matter)."""
    today = dt.date(2026, 12, 1)
    real = load_checked(ROOT / paths.STRATEGIES, ROOT / paths.DIVISION)
    fixtures = load_catalogue(FIXTURES / "strategies")
    out = {}
    for prefix, catalogue in (("", real), ("fixtures:", fixtures)):
        for path, text in Renderer(catalogue, today=today).pages().items():
            if path.endswith(".md"):
                out[prefix + path] = get_data(text)[0].strip()
    return out


def test_every_generated_page_gets_the_sections_the_plugin_would_find(bodies) -> None:
    assert len(bodies) > 80
    read = {path: by_fast_reading(body) for path, body in bodies.items()}
    different = [path for path, found in read.items() if found is not None and found != by_parser(bodies[path])]
    assert different == []
    # the speed is worth something only where it is used: every page the site generates is read fast
    assert [path for path, found in read.items() if found is None] == []


def test_the_preview_reads_every_page_in_pieces_as_the_plugin_would(bodies) -> None:
    """Read a piece at a time, with the pieces of every page read before kept (as the preview keeps
    them from one build to the next): first, again, and after a save changed an organisation's name."""
    kept: KeptWhileUsed = KeptWhileUsed()
    saved = {path: body.replace("Lapin hyvinvointialue", "Lapin tallennettu alue").replace(
        "Välfärdsområdet Lappland", "Det sparade Lappland") for path, body in bodies.items()}
    assert sum(saved[path] != body for path, body in bodies.items()) > 8
    for reading in (bodies, bodies, saved):
        different = [path for path, body in reading.items() if by_fast_reading(body, kept) != read_by_parser(body)]
        assert different == []
    # the second reading took every piece from what the first kept
    kept.report()
    for body in bodies.values():
        sections(body, kept)
    assert kept.report()[1] == {}


_parsed: dict[str, list[tuple]] = {}


def read_by_parser(html: str) -> list[tuple]:
    if html not in _parsed:
        _parsed[html] = by_parser(html)
    return _parsed[html]


RULES = [
    "",
    "plain text only",
    "<p>before any heading</p><h1 id='x'>Title</h1>",
    '<h1 id="top">Page</h1><p>Intro</p><h2 id="a">A</h2><p>Text of A</p><h3 id="b">B</h3><ul><li>one</li><li>two</li></ul>',
    '<h2 id="first">Not h1 first</h2><p>text</p>',
    '<p>preface</p><h2 id="later">Later</h2>',
    "<h2>No id</h2><p>stays in the section before</p>",
    '<div><section><h2 id="deep">Deep</h2><p>in</p></section><p>back out</p></div><p>top</p>',
    '<div><h2 id="a">A</h2></div><div><h3 id="b">B</h3><p>b</p></div><p>after</p>',
    # a section once left is never returned to, even when a later one closes at its depth
    '<h1 id="t">T</h1><div><h2 id="a">A</h2></div><div><div><h3 id="b">B</h3></div><p>where</p></div>',
    "<p>   </p><p>\n\n</p><li> </li><p>kept</p>",
    "<p><code>x</code></p><pre>  two\n  lines  </pre><p>a\nb</p>",
    "<pre>\n\n</pre><p>x</p>   \n  <p>y</p>",
    "<p>a</p>\n\n\n<p>b</p>",
    "<p>&amp; &lt;tag&gt; &quot;q&quot; &#228; &auml; &amp</p>",
    '<h2 id="e&amp;f">Amp &amp; id</h2><p>x</p>',
    '<h2 id="x"><span>Title</span> <sub>2</sub></h2><p>text</p>',
    "<p>one</div>two</p>three",
    "<br><br/><img src='x'><p>a<br>b<br/>c</p><hr>",
    '<svg viewBox="0 0 1 1"><path d="M0 0"/><circle r="1"></circle><text x="1">label</text></svg>',
    "<!-- a comment --><p>after comment</p><!-- another - with a hyphen -->",
    '<P>Upper</P><H2 ID="up">Upper heading</H2>',
    '<a href="x" hidden>valueless</a><input disabled><option selected value="">o</option>',
    '<h2 id="">empty id</h2><h2 id>valueless id</h2><p>x</p>',
    "<ul><li><p>nested kept</p></li><li></li></ul><ol><li>1</li></ol>",
    '<svg><title>A &amp; B</title><text>t</text></svg><p>x</p><textarea name="t">a\nb</textarea>',
    "<p><sup>1</sup><sub></sub></p>",
    "<hx>an element named as the untitled section's heading</hx><p>text</p>",
]
DECLINED = [
    "<h1 id='a'>single quotes</h1>",  # declined: not the project's double-quoted shape
    "<p>a < b</p>",  # declined: a stray <
    "<script>var x = '<p>';</script><p>after</p>",  # declined: script
    "<div data-search-exclude><p>hidden</p></div><p>shown</p>",  # declined: excluded block
    '<h2 id="x">T <a class="headerlink" href="#x">¶</a></h2>',  # declined: permalink
    "<svg><title>A <tspan>B</tspan></title></svg>",  # declined: markup in a title
    "<!DOCTYPE html><p>x</p>",  # declined: a declaration
    "<SCRIPT>var x = '<p>';</SCRIPT><p>after</p>",  # declined: script, in capitals
    "<div DATA-Search-Exclude><p>hidden</p></div><p>shown</p>",  # declined: excluded block, in capitals
    '<div class="l&#105;nenodiv"><p>hidden</p></div><p>shown</p>',  # declined: a class spelt by reference
    '<h2 id="x">T <a class="header&#108;ink" href="#x">¶</a></h2>',  # declined: a permalink spelt so
]
RULES += DECLINED


@pytest.mark.parametrize("html", RULES)
def test_each_rule_of_the_plugin_is_followed_or_the_page_left_to_it(html) -> None:
    found = by_fast_reading(html)
    assert found is None or found == by_parser(html)
    assert by_fast_reading(html, KeptWhileUsed()) == found


def test_what_is_outside_the_project_shape_is_left_to_the_plugin() -> None:
    for html in DECLINED:
        assert sections(html) is None, html
        assert sections(html, KeptWhileUsed()) is None, html
    assert sections(RULES[3]) is not None


_TAGS = ["div", "p", "span", "li", "ul", "ol", "pre", "code", "sub", "sup", "section", "a", "td", "tr", "table",
         "h1", "h2", "h3", "h4", "svg", "path", "q", "figure"]
_TEXT = st.sampled_from(["word", " ", "\n", "  \n ", "a\nb", "&amp;", "&lt;x&gt;", "ä", "&#34;", "&", "x &y"])


@st.composite
def html_texts(draw, depth: int = 0) -> str:
    """Random HTML of the project's shape: nested elements, some headings with ids, text, stray
    end tags, void and self-closed elements, comments."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["text", "element", "element", "void", "selfclosed", "stray", "comment"]))
        if kind == "text":
            parts.append(draw(_TEXT))
        elif kind == "void":
            parts.append(draw(st.sampled_from(["<br>", "<br/>", '<img src="x">', "<hr />"])))
        elif kind == "selfclosed":
            parts.append(f"<{draw(st.sampled_from(_TAGS))}/>")
        elif kind == "stray":
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
        elif kind == "comment":
            parts.append("<!-- note -->")
        elif depth < 4:
            tag = draw(st.sampled_from(_TAGS))
            attrs = draw(st.sampled_from(["", ' id="s"', ' id="t" class="c"', ' class="x"', " hidden"]))
            inner = draw(html_texts(depth + 1))
            closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))
            parts.append(f"<{tag}{attrs}>{inner}{closing}")
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(html_texts())
def test_random_html_gets_the_sections_the_plugin_would_find(html) -> None:
    found = by_fast_reading(html)
    assert found is not None  # all of it is in the project's shape
    assert found == by_parser(html)


@settings(max_examples=400, deadline=None)
@given(st.lists(html_texts(), min_size=1, max_size=4))
def test_random_html_read_in_pieces_gets_the_sections_the_plugin_would_find(texts) -> None:
    """One store for every reading, as in the preview: each text, then the texts joined in turn
    (pieces read before reappear where the reading is elsewhere), then the joined texts again."""
    kept: KeptWhileUsed = KeptWhileUsed()
    joined = ["".join(texts[n:] + texts[:n]) for n in range(1, len(texts))]
    for html in [*texts, "".join(texts), "".join(reversed(texts)), *joined, "".join(texts)]:
        assert by_fast_reading(html, kept) == by_parser(html), html
