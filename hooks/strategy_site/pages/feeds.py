"""The Atom feeds of the change log: the whole site's and one per organisation, in each language.

The feeds hold nothing but the commits' own data (ids, times, words), so the same commit gives
the same bytes; their links are relative to the feed, which Atom allows (RFC 4287 §2: IRI
references, resolved against the feed's own address), so they work wherever the site is served.
"""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape, quoteattr

from ..input.history import Entry, History
from ..input.labels import label
from ..input.load import Catalogue
from ..input.model import LANGS
from ..views.changelog import EntryView, day, views
from ..views.queries import plain
from .addresses import default_address
from .links import PageLinks
from .urls import CHANGES_PAGE, FEED_FILE, ORG_DIR

# uuid5 namespace of the site's Atom ids: entries and feeds keep their ids wherever the site is served
_ID_SPACE = uuid.uuid5(uuid.NAMESPACE_URL, "hyvinvointialueiden-strategiat/atom")
ATOM = "application/atom+xml"


def feed_path(slug: str | None, lang: str) -> str:
    """docs-relative path of a feed: the whole site's (slug None) or one organisation's, in lang."""
    folder = CHANGES_PAGE if slug is None else f"{ORG_DIR}/{slug}"
    return f"{folder}/{FEED_FILE}.{lang}.xml"


def _id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_SPACE, '/'.join(parts))}"


def _stamp(entry: Entry) -> str:
    return entry.time.isoformat()


def atom(lang: str, title: str, feed_id: str, self_href: str, page_href: str, items: list[tuple[EntryView, str]],
         fallback_updated: str) -> str:
    """An Atom 1.0 document: items are (entry, link relative to the feed), newest first."""
    updated = _stamp(items[0][0].entry) if items else fallback_updated
    author = label("ch_author", lang)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
             f"  <id>{feed_id}</id>",
             f"  <title>{escape(title)}</title>",
             f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(author)}</name></author>",
             f'  <link rel="self" type="{ATOM}" href={quoteattr(self_href)}/>',
             f'  <link rel="alternate" type="text/html" href={quoteattr(page_href)}/>']
    for view, href in items:
        entry = view.entry
        entry_title = label("ch_entry_title", lang, name=view.name, what=view.summary)
        lines += ["  <entry>",
                  f"    <id>{_id(lang, entry.commit, entry.slug)}</id>",
                  f"    <title>{escape(entry_title)}</title>",
                  f"    <updated>{_stamp(entry)}</updated>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(href)}/>',
                  f'    <summary type="text">{escape(day(entry) + ": " + view.summary)}</summary>',
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def entry_link(view: EntryView, links: PageLinks) -> str:
    """Where an entry leads, from the feed's folder: the organisation page's update (or the change
    page, for an organisation no longer on the site)."""
    if view.org is None:
        return links.page_url(CHANGES_PAGE, view.anchor)
    return links.org_url(view.entry.slug, view.anchor)


def feed_files(catalogue: Catalogue, history: History, newest_day: str = "1970-01-01") -> dict[str, str]:
    """docs-relative path -> Atom text: the whole site's feed and one per organisation, in each language."""
    fallback = f"{newest_day}T00:00:00+00:00"
    files = {}
    for lang in LANGS:
        entries = views(history, catalogue, lang)
        # the site's feed is /muutokset/atom.xml, beside the change page's own file (links.PageLinks.site_feed_url)
        links = PageLinks(default_address(CHANGES_PAGE, lang), lang)
        files[feed_path(None, lang)] = atom(
            lang, label("ch_feed_title", lang), _id(lang, "site"), f"{FEED_FILE}.xml", "./",
            [(v, entry_link(v, links)) for v in entries], fallback)
        for org in catalogue.organisations:
            own = [v for v in entries if v.entry.slug == org.slug]
            # an organisation's feed is /org/<slug>/atom.xml, beside its page
            files[feed_path(org.slug, lang)] = atom(
                lang, label("ch_org_feed_title", lang, name=plain(org.name, lang)), _id(lang, "org", org.slug),
                f"{FEED_FILE}.xml", "./", [(v, f"./#{v.anchor}") for v in own], fallback)
    return files
