"""Corrections to what the theme and static-i18n write, applied as the site is built.

Each is a plain function of text or files, called from hooks/strategy_hooks.py:

- The drawer and search toggles are checkboxes with `autocomplete`, which HTML allows only
  on text-like inputs (2 Nu Html Checker errors on every page). Browsers ignore the
  attribute there anyway.
- Every language build writes the theme's 404.html to the site's root, so the last language
  built wins. Each language's 404 page is kept as the build renders it and written to its
  own place: the default language's at /404.html, the others' at /<lang>/404.html.
- The 404 page's language menu: static-i18n points the menu at each page's translation, and
  for the languages built after the first one the 404 page (rendered before the pages) is left
  with the last page of the previous language. Its menu leads to the languages' home pages.
- static-i18n merges both languages into one search index, so a search on a Swedish page
  lists Finnish pages too. The index is split into one per language (/search/ and
  /<lang>/search/); overrides/main.html points the theme's search at its language's index.
- When the languages are built side by side (parallel.py), each build's sitemap lists its own
  language's pages; they are merged into one, as static-i18n's sequential build writes it.
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
_URLSET_END = "\n</urlset>"


def strip_toggle_autocomplete(html: str) -> str:
    return _TOGGLE.sub(r"\1", html)


class NotFoundPages:
    """The 404 page of every language, kept until all languages are built."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str], str] = {}  # (site_dir, lang) -> html

    def keep(self, site_dir: str, lang: str, html: str) -> None:
        self.rendered[(site_dir, lang)] = html

    def write(self, site_dir: str, default_lang: str) -> list[Path]:
        """Write each kept 404 page to its language's place; return the files written."""
        written = []
        for (where, lang), html in self.rendered.items():
            if where != site_dir:
                continue
            target = Path(site_dir) / ("404.html" if lang == default_lang else f"{lang}/404.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            written.append(target)
        return written


def language_homes(config) -> list[dict]:
    """The language menu's entries for a page that has no translations: each language's home page."""
    if "i18n" not in config.plugins:
        return list(config.extra.get("alternate") or [])
    base = urlsplit(config.site_url or "").path.rstrip("/")
    return [{"name": lang.name, "link": lang.fixed_link or f"{base}{lang.link}", "lang": lang.locale}
            for lang in config.plugins["i18n"].config.languages if lang.build]


def split_search_index(site_dir: Path, default_lang: str, languages: list[str], merged: dict | None = None) -> None:
    """Leave /search/ with the default language's pages and give every other language its own.

    Safe to run after every language's build: static-i18n rewrites the merged index after
    the last one, and this runs after that too. An index that has no page of another
    language (already split) leaves that language's index alone. merged: the index of every
    language, when the caller has it (the preview's, preview.IncrementalBuilds), instead of
    the one in the file.
    """
    merged_path = site_dir / SEARCH_INDEX
    if merged is None:
        if not merged_path.exists():
            return
        merged = json.loads(merged_path.read_text(encoding="utf-8"))
    docs = merged.get("docs", [])
    for lang in languages:
        if lang == default_lang:
            continue
        prefix = f"{lang}/"
        own = [dict(d, location=d["location"][len(prefix):]) for d in docs if d["location"].startswith(prefix)]
        if own:
            _write_index(site_dir / lang / SEARCH_INDEX, merged, own, lang)
    others = tuple(f"{lang}/" for lang in languages if lang != default_lang)
    _write_index(merged_path, merged, [d for d in docs if not d["location"].startswith(others)], default_lang)


def _write_index(path: Path, merged: dict, docs: list[dict], lang: str) -> None:
    index = dict(merged, config=dict(merged.get("config", {}), lang=[lang]), docs=docs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def merge_sitemaps(site_dir: Path, other_site_dir: Path) -> None:
    """Append the <url> entries of other_site_dir's sitemap to site_dir's, and gzip it again.

    The gzip copy keeps the modification time MkDocs gave it (the pages' update date), so the
    build stays reproducible.
    """
    ours_path, theirs_path = site_dir / SITEMAP, other_site_dir / SITEMAP
    if not theirs_path.exists():
        return
    theirs = theirs_path.read_text(encoding="utf-8")
    entries = theirs[theirs.index(">", theirs.index("<urlset")) + 1:theirs.rindex(_URLSET_END)]
    if not ours_path.exists():
        merged = theirs
    else:
        head, _, tail = ours_path.read_text(encoding="utf-8").rpartition(_URLSET_END)
        merged = head + entries + _URLSET_END + tail
    ours_path.write_bytes(merged.encode("utf-8"))
    gz_path = site_dir / (SITEMAP + ".gz")
    mtime = struct.unpack("<I", gz_path.read_bytes()[4:8])[0] if gz_path.exists() else 0
    with gz_path.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(gz_path), mode="wb", mtime=mtime) as gz:
        gz.write(merged.encode("utf-8"))
