"""Where generated pages live: their docs-relative files and their links from the site's root."""

from __future__ import annotations

ORG_DIR = "org"
COMPARE_DIR = "compare"
MUNICIPALITIES_PAGE = "kunnat"  # the A–Ö list of municipalities: /kunnat/ and /sv/kunnat/


def page_path(name: str, lang: str) -> str:
    """docs-relative path of a generated page in the suffix layout that static-i18n reads."""
    return f"{name}.{lang}.md"
CHANGES_PAGE = "muutokset"  # the change page; the site's feed is beside it
FEED_FILE = "atom"  # feeds are <folder>/atom.xml
