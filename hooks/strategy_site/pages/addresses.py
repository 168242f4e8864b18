"""Every page's address in each language: one table, one row per page.

A page is named by its docs path without the language suffix ("tietoa", "compare/values",
"org/hus"). Its address is below the language's root ("" for Finnish, "sv/" for Swedish). A page
without a row keeps the address MkDocs gives its file (organisation pages keep their slug), so a
new page needs a row only when its file name is not a word of both languages.

When a row moves a page away from the address MkDocs would give it, that old address keeps
working: redirects.py writes a small page there that names the new one (rel=canonical and a
meta refresh, no script). Open-data file names (data/...) are an interface and never move.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass

DEFAULT_LANG = "fi"

ADDRESSES: dict[str, dict[str, str]] = {
    "coverage": {"fi": "kattavuus/", "sv": "tackning/"},
    "compare/index": {"fi": "vertailu/", "sv": "jamforelser/"},
    "compare/values": {"fi": "vertailu/arvot/", "sv": "jamforelser/varderingar/"},
    "compare/visions": {"fi": "vertailu/missiot-ja-visiot/", "sv": "jamforelser/missioner-och-visioner/"},
    "compare/priorities": {"fi": "vertailu/painopisteet/", "sv": "jamforelser/prioriteringar/"},
    "compare/timeline": {"fi": "vertailu/aikajana/", "sv": "jamforelser/tidslinje/"},
    "compare/participation": {"fi": "vertailu/osallistuminen/", "sv": "jamforelser/delaktighet/"},
    "compare/side-by-side": {"fi": "vertailu/vertaa/", "sv": "jamforelser/jamfor/"},
    "compare/changes": {"fi": "vertailu/muutokset/", "sv": "jamforelser/forandringar/"},
    "muutokset": {"fi": "muutokset/", "sv": "andringar/"},
    "kunnat": {"fi": "kunnat/", "sv": "kommuner/"},
    "tietoa": {"fi": "tietoa/", "sv": "om/"},
    "avoin-data": {"fi": "avoin-data/", "sv": "oppna-data/"},
    "saavutettavuus": {"fi": "saavutettavuus/", "sv": "tillganglighet/"},
    "ohje": {"fi": "ohje/", "sv": "anvisningar/"},
}


def _root(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def default_address(page: str, lang: str) -> str:
    """Where MkDocs (with static-i18n's suffix layout) puts the page's file: the old address."""
    if page == "index":
        below = ""
    elif page.endswith("/index"):
        below = page[: -len("index")]
    else:
        below = page + "/"
    return _root(lang) + below


def _split(page: str) -> tuple[str, str] | None:
    """A part of a split page (views/parts.py), "compare/priorities/2": ("compare/priorities", "2")."""
    base, _, number = page.rpartition("/")
    return (base, number) if number.isdigit() and base in ADDRESSES else None


def address(page: str, lang: str) -> str:
    """The page's address below the site's root: "" (Finnish home), "sv/om/", "org/hus/".
    A part of a split page is a numbered folder below its page: "vertailu/painopisteet/2/"."""
    if (part := _split(page)) is not None:
        return address(part[0], lang) + part[1] + "/"
    own = ADDRESSES.get(page, {}).get(lang)
    return default_address(page, lang) if own is None else _root(lang) + own


def has_own_address(page: str, lang: str) -> bool:
    """Whether the table (or the table's row of the page a part belongs to) places the page."""
    part = _split(page)
    return lang in ADDRESSES.get(part[0] if part else page, {})


def below_root(page: str, lang: str) -> str:
    """The page's address below its language's root: "om/" for the Swedish about page."""
    return address(page, lang)[len(_root(lang)):]


def up_to_root(page: str, lang: str) -> str:
    """A relative link from the page to its language's root: "../../" from "sv/jamforelser/tidslinje/"."""
    return up_from(address(page, lang), lang)


def up_from(from_address: str, lang: str) -> str:
    """A relative link from an address of the language (a page's, a feed's folder) to its root."""
    return "../" * from_address.removeprefix(_root(lang)).count("/")


def via_root(from_address: str, to_page: str, lang: str, fragment: str = "") -> str:
    """A relative link from an address (a page's, a feed's folder) to a page of the same language by way
    of the language's root: "../../org/hus/#x" from "vertailu/arvot/". The generated files link this way
    (through links.PageLinks); link() gives the shortest path instead."""
    return up_from(from_address, lang) + below_root(to_page, lang) + (f"#{fragment}" if fragment else "")


def link(from_page: str, to_page: str, lang: str, fragment: str = "") -> str:
    """A relative link from one page to another of the same language."""
    return relative(address(from_page, lang), address(to_page, lang)) + (f"#{fragment}" if fragment else "")


def relative(from_address: str, to_address: str) -> str:
    """A relative link between two addresses below the site's root (directory URLs)."""
    rel = posixpath.relpath("/" + to_address, "/" + from_address)
    if rel == ".":
        return "./"
    return rel if rel.endswith("/") or not to_address.endswith("/") else rel + "/"


@dataclass(frozen=True)
class Moved:
    old: str  # the address MkDocs would give the page, below the site's root
    new: str
    lang: str


def moved() -> list[Moved]:
    """Every page of the table whose address differs from the one MkDocs would give it."""
    out = []
    for page, langs in ADDRESSES.items():
        for lang in langs:
            old, new = default_address(page, lang), address(page, lang)
            if old != new:
                out.append(Moved(old, new, lang))
    return out


def page_of(norm_src_uri: str) -> str:
    """The page name of a docs file (static-i18n's src path without the language suffix)."""
    return norm_src_uri.removesuffix(".md")


def relocate(file, site_dir: str) -> None:
    """Move one of static-i18n's files (and so its page, its links, the language menu, hreflang,
    the sitemap and the search index) to its address in the table. Files without a row stay."""
    lang = getattr(file, "locale", None)
    norm = getattr(file, "norm_src_uri", None)
    if lang is None or norm is None or not norm.endswith(".md"):
        return
    page = page_of(norm)
    if not has_own_address(page, lang):
        return
    url = address(page, lang)
    file.dest_path = url + "index.html"
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_path))
    file.url = url or "./"


def relocate_all(files, site_dir: str) -> None:
    """Relocate every file of a build and every language version it names as its alternate."""
    for file in files:
        relocate(file, site_dir)
        for alternate in getattr(file, "alternates", {}).values():
            relocate(alternate, site_dir)


def table_for(lang: str) -> dict[str, str]:
    """{page: address} of the table's pages in one language (for the theme's footer)."""
    return {page: address(page, lang) for page in ADDRESSES}
