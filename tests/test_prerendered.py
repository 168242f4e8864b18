"""Generated pages skip Python-Markdown (mkdocs/prerendered.py): what the site gets instead must be
exactly what Markdown, configured as in mkdocs.yml, makes of every generated page."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from strategy_site.input import paths
from strategy_site.input.division import load_checked
from strategy_site.input.load import load_catalogue
from strategy_site.mkdocs import prerendered
from strategy_site.pages.render import GENERATED_MARK, Renderer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


class _ConfigLoader(yaml.SafeLoader):
    pass


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def _markdown() -> markdown.Markdown:
    """A Markdown converter with mkdocs.yml's extensions and their settings."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict):
            settings[name] = entry[name] or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def _bodies(pages: dict[str, str]) -> dict[str, str]:
    """Each generated Markdown page's body, as MkDocs reads it (without its front matter)."""
    return {path: get_data(text)[0] for path, text in pages.items() if path.endswith(".md")}


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    today = dt.date(2026, 12, 1)
    real = load_checked(ROOT / paths.STRATEGIES, ROOT / paths.DIVISION)
    fixtures = load_catalogue(FIXTURES / "strategies")
    out = _bodies(Renderer(real, today=today).pages())
    out.update({f"fixtures:{path}": body for path, body in _bodies(Renderer(fixtures, today=today).pages()).items()})
    return out


def test_every_generated_page_skips_markdown_with_the_html_markdown_would_give(bodies) -> None:
    assert len(bodies) > 50
    md = _markdown()
    for path, body in bodies.items():
        assert prerendered.is_prerendered(body), f"{path} would go through Markdown"
        md.reset()
        expected = md.convert(body)
        assert md.toc_tokens == [], f"{path}: Markdown would give it a table of contents"
        assert prerendered.take(body, path) == ""
        assert prerendered.give_back("", path) == expected, f"{path}: not the HTML Markdown makes of it"


class _Ids(HTMLParser):
    """The anchors a page contains, as MkDocs' own scan of raw HTML counts them: every id, and
    the name of an <a>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for key, value in attrs:
            if key == "id" or (key == "name" and tag == "a"):
                self.found.add(value)


def test_the_anchors_of_a_generated_page_are_those_an_html_parser_finds(bodies) -> None:
    for path, body in bodies.items():
        parser = _Ids()
        parser.feed(body)
        parser.close()
        assert prerendered.anchors(body) == parser.found, path
    assert "sources" in prerendered.anchors(bodies["org/hus.fi.md"])


def test_a_page_markdown_would_change_goes_through_markdown() -> None:
    mark = GENERATED_MARK
    for body in (f"{mark}\n\n<div>\ta tab</div>", f"{mark}\r\n<div>x</div>", f"{mark}\n<div>\n   \n</div>",
                 "# A hand-written page\n\n<div>x</div>"):
        assert not prerendered.is_prerendered(body)
        assert prerendered.take(body, "page.md") == body
        assert prerendered.give_back("<p>from Markdown</p>", "page.md") == "<p>from Markdown</p>"
