"""What search engines and assistive technology read from a page's source: language,
description, canonical URL, hreflang alternates, robots (the description's language by
language.py's identifier)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from .language import confident_language


@dataclass
class Head:
    lang: str | None = None
    title: str = ""
    description: str | None = None
    robots: str | None = None
    canonical: list[str] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)
    duplicate_alternates: list[str] = field(default_factory=list)


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.head.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("name") == "description":
            self.head.description = a.get("content", "")
        elif tag == "meta" and a.get("name") == "robots":
            self.head.robots = a.get("content", "")
        elif tag == "link":
            rel = a.get("rel", "").split()
            if "canonical" in rel:
                self.head.canonical.append(a.get("href", ""))
            if "alternate" in rel and "hreflang" in a:
                if a["hreflang"] in self.head.alternates:
                    self.head.duplicate_alternates.append(a["hreflang"])
                self.head.alternates[a["hreflang"]] = a.get("href", "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.head.title += data


def read_head(html: str) -> Head:
    parser = _HeadParser()
    parser.feed(html)
    parser.close()
    parser.head.title = " ".join(parser.head.title.split())
    return parser.head


def head_problems(head: Head, url: str, lang: str, site_url: str, is_404: bool = False) -> list[str]:
    """What is wrong in a page's head: language, description, canonical URL, hreflang alternates."""
    problems = []
    if head.lang != lang:
        problems.append(f"<html lang={head.lang!r}>, expected {lang!r}")
    if not head.description or len(head.description) < 30:
        problems.append(f"no meta description (or a very short one): {head.description!r}")
    elif confident_language(head.description) not in (lang, None):
        problems.append(f"the description is not in {lang}: {head.description!r}")
    if is_404:
        if head.canonical or head.alternates:
            problems.append("a 404 page must not name a canonical URL or alternates")
        if "noindex" not in (head.robots or ""):
            problems.append("a 404 page should say robots noindex")
        return problems
    if head.canonical != [url]:
        problems.append(f"canonical {head.canonical}, expected [{url}]")
    if head.duplicate_alternates:
        problems.append(f"hreflang given twice: {head.duplicate_alternates}")
    if set(head.alternates) != {"fi", "sv", "x-default"}:
        problems.append(f"hreflang alternates {sorted(head.alternates)}, expected fi, sv and x-default")
        return problems
    if head.alternates[lang] != url:
        problems.append(f"the alternate for its own language is {head.alternates[lang]}")
    if head.alternates["x-default"] != head.alternates["fi"]:
        problems.append("x-default should be the Finnish page")
    for code, href in head.alternates.items():
        if not href.startswith(site_url):
            problems.append(f"hreflang {code} is not an absolute URL on the site: {href}")
    return problems


def sitemap_problems(entries: dict[str, dict], heads: dict[str, Head], not_found: set[str]) -> list[str]:
    """The sitemap ({loc: alternates}) must list every page (not the 404 pages) with the page's own alternates."""
    problems = []
    for url, head in heads.items():
        if url in not_found:
            if url in entries:
                problems.append(f"{url}: a 404 page is in the sitemap")
            continue
        if url not in entries:
            problems.append(f"{url}: not in the sitemap")
        elif entries[url] != head.alternates:
            problems.append(f"{url}: sitemap alternates {entries[url]} but the page says {head.alternates}")
    problems += [f"the sitemap lists {url}, which is not a page" for url in sorted(set(entries) - set(heads))]
    return problems
