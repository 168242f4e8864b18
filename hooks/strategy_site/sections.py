"""Generated sections beyond the home and organisation pages.

Each entry is a function (renderer) -> {docs-relative path: page content}; it renders with
renderer.page(template, lang, title, description, **context).
"""

from __future__ import annotations

from . import compare, coverage

SECTIONS: list = [coverage.pages, compare.pages]
