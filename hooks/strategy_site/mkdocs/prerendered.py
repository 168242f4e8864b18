"""Generated pages skip Python-Markdown: their body is HTML the project has already rendered.

A generated page (pages/render.py) is front matter and one raw HTML block. Python-Markdown
passes such a block through untouched, but only after reading all of it with an HTML parser,
twice (MkDocs' anchor scan and Markdown's own raw-HTML stash): a third of MkDocs' time on a
large site went there (benchmarks/results.md). Through two documented MkDocs events:

- on_page_markdown (run last) keeps the body and hands Markdown an empty text;
- on_page_content (run first) gives the page the body back as its HTML.

What Markdown would have made of the body is the body without its surrounding whitespace,
when the body has none of the characters Markdown normalises first (a tab, a carriage return,
STX/ETX, a line of spaces; render.py's pages have none, and a page that has one goes through
Markdown as before). tests/test_prerendered.py converts every generated page of the real data
with MkDocs' own Markdown and checks that the result is the same text.

The page's table of contents and title are what Markdown gave them: a raw HTML block adds no
toc entry, and the title comes from the front matter. The anchors the page contains (for the
check of links into it from hand-written pages) are read from its id attributes, as MkDocs'
own scan does. The search index reads the page's HTML, which is the same.
"""

from __future__ import annotations

import html
import re

from ..pages.render import GENERATED_MARK

# What Python-Markdown's NormalizeWhitespace preprocessor would change before parsing.
_NORMALISED_CHARACTERS = ("\t", "\r", "\x02", "\x03")
_SPACES_LINE = re.compile(r"\n +(?:\n|$)")  # after a line break, as Markdown finds it
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_A_NAME = re.compile(r'<a\s[^>]*?\bname="([^"]*)"')

_bodies: dict[str, str] = {}  # src_uri -> the page's HTML, from on_page_markdown to on_page_content


def is_prerendered(markdown: str) -> bool:
    """Whether Markdown would give back this page body as it is (save surrounding whitespace)."""
    return (markdown.lstrip().startswith(GENERATED_MARK) and not any(c in markdown for c in _NORMALISED_CHARACTERS)
            and not _SPACES_LINE.search(markdown))


def take(markdown: str, src_uri: str) -> str:
    """The text Markdown is to convert: empty for a generated page, whose HTML is kept."""
    if not is_prerendered(markdown):
        _bodies.pop(src_uri, None)  # what a failed build may have left
        return markdown
    _bodies[src_uri] = markdown.strip()
    return ""


def is_kept(src_uri: str) -> bool:
    return src_uri in _bodies


def give_back(content: str, src_uri: str) -> str:
    """The page's HTML: the kept body for a generated page, otherwise what Markdown made."""
    return _bodies.pop(src_uri, content)


def anchors(content: str) -> set[str]:
    """The ids (and <a name>s) of an HTML text."""
    return {html.unescape(value) for value in [*_ID.findall(content), *_A_NAME.findall(content)]}
