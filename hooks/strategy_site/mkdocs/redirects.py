"""The pages left at old addresses: each names the page's new address (pages/addresses.py).

A static page, so it works without JavaScript and under the site's Content Security Policy:
rel=canonical for search engines, a meta refresh for browsers, and a link for everyone else.
noindex keeps the old address out of search results; the sitemap lists only the new one.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..input.labels import label
from ..pages.addresses import Moved, moved, relative

MARK = '<meta name="ss-moved" content="1">'


def redirect_page(move: Moved, site_url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    target = escape(base + move.new)
    here = escape(relative(move.old, move.new))
    title = escape(label("moved_title", move.lang))
    site = escape(label("site_name", move.lang))
    return (
        "<!doctype html>\n"
        f'<html lang="{move.lang}">\n<head>\n<meta charset="utf-8">\n{MARK}\n'
        f"<title>{title} – {site}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={here}">\n'
        "</head>\n<body>\n"
        f'<p>{escape(label("moved_body", move.lang))} <a href="{here}">{target}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def write_redirects(site_dir: Path, site_url: str) -> list[Path]:
    """Write a page at every old address of the table; never over a real page."""
    written = []
    for move in moved():
        target = site_dir / move.old / "index.html"
        page = redirect_page(move, site_url)
        there = target.read_text(encoding="utf-8") if target.exists() else None
        if there is not None and MARK not in there:
            raise RuntimeError(f"{move.old} is both a page's old address and another page")
        if there != page:  # every language's build calls this, and the preview every save
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
        written.append(target)
    return written
