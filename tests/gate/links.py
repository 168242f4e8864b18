"""Internal link check over the built files, #fragments included.

Reads every HTML page of the site, resolves every link, stylesheet, script and image that
points into the site (relative, root-relative, or absolute on the site's own address) to a
file, and checks that the file exists and that a #fragment names an element on it. Links
to other hosts are listed, not followed: the gate runs offline.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# (element, attribute) pairs that load or point to another resource.
_LINKING = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
            ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("form", "action")}
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []  # (tag, url, line)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name, value in attrs.items():
            if (tag, name) in _LINKING and value is not None:
                self.links.append((tag, value.strip(), self.getpos()[0]))
        if tag == "img" and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.links.append((tag, candidate.split()[0], self.getpos()[0]))

    handle_startendtag = handle_starttag


@dataclass
class LinkReport:
    pages: int = 0
    checked: int = 0
    external: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def page_url(site_dir: Path, file: Path, site_url: str) -> str:
    rel = file.relative_to(site_dir).as_posix()
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url + rel


class LinkChecker:
    def __init__(self, site_dir: Path, site_url: str):
        self.site_dir = site_dir
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        base = urlsplit(self.site_url)
        self.origin = (base.scheme, base.netloc)
        self.base_path = base.path
        self._parsed: dict[Path, _PageParser] = {}

    def parsed(self, path: Path) -> _PageParser:
        if path not in self._parsed:
            self._parsed[path] = _parse(path)
        return self._parsed[path]

    def target_file(self, url: str) -> Path | None:
        """The file that a URL on the site's own address serves, or None if there is none."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base_path):
            return None
        rel = posixpath.normpath(path[len(self.base_path):]) if path != self.base_path else "."
        if rel.startswith(".."):
            return None
        candidate = self.site_dir / rel
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return (parts.scheme, parts.netloc) == self.origin

    def check_url(self, absolute: str, where: str, report: LinkReport) -> None:
        report.checked += 1
        target = self.target_file(absolute)
        if target is None:
            report.broken.append(f"{where}: {absolute} does not exist")
            return
        fragment = unquote(urlsplit(absolute).fragment)
        if fragment and target.suffix == ".html" and fragment not in self.parsed(target).ids:
            report.broken.append(f"{where}: {absolute} has no element with id {fragment!r}")

    def check(self, files: list[Path] | None = None) -> LinkReport:
        report = LinkReport()
        files = files if files is not None else sorted(self.site_dir.rglob("*.html"))
        for file in files:
            report.pages += 1
            here = page_url(self.site_dir, file, self.site_url)
            for tag, raw, line in self.parsed(file).links:
                if not raw or raw.lower().startswith(_SKIP_SCHEMES):
                    continue
                absolute = urljoin(here, raw)
                if not self.internal(absolute):
                    if urlsplit(absolute).scheme in ("http", "https"):
                        report.external.add(absolute)
                    else:
                        report.broken.append(f"{file.relative_to(self.site_dir)}:{line}: {raw!r} is not a web address")
                    continue
                self.check_url(absolute, f"{file.relative_to(self.site_dir)}:{line} <{tag}> {raw!r}", report)
        return report

    def check_sitemap(self, report: LinkReport) -> None:
        """Every <loc> and hreflang alternate of sitemap.xml must be a page of the site."""
        sitemap = self.site_dir / "sitemap.xml"
        if not sitemap.exists():
            report.broken.append("sitemap.xml is missing")
            return
        for url in sitemap_entries(sitemap):
            self.check_url(url["loc"], "sitemap.xml <loc>", report)
            for lang, href in url["alternates"].items():
                self.check_url(href, f"sitemap.xml alternate {lang} of {url['loc']}", report)


_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(sitemap: Path) -> list[dict]:
    """[{loc, alternates: {hreflang: href}}] from a sitemap with xhtml:link alternates."""
    root = ET.parse(sitemap).getroot()
    out = []
    for url in root.findall("s:url", _NS):
        loc = url.findtext("s:loc", default="", namespaces=_NS).strip()
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", _NS)
                      if link.get("rel") == "alternate"}
        out.append({"loc": loc, "alternates": alternates})
    return out
