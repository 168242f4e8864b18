"""Absolute hreflang alternates for a page, from the language switcher's links."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

DEFAULT_LANG = "fi"


def absolute(site_url: str, switcher_links: list[dict]) -> list[dict]:
    """[{lang, href}] with absolute URLs, plus x-default pointing at the Finnish page.

    The switcher's links are either site-relative ("sv/org/x/") or rooted at the site's
    path ("/sv/"); both are made absolute against site_url without doubling its path.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    base_path = urlsplit(base).path
    out = []
    for alt in switcher_links:
        link = alt.get("link", "")
        if link.startswith("/"):
            link = link[len(base_path):] if link.startswith(base_path) else link.lstrip("/")
        out.append({"lang": alt["lang"], "href": urljoin(base, link)})
    default = next((a["href"] for a in out if a["lang"] == DEFAULT_LANG), None)
    if default:
        out.append({"lang": "x-default", "href": default})
    return out
