"""Generated sections beyond the home and organisation pages: which pages, at which paths, from which views.

Each entry of SECTIONS is a function (renderer) -> {docs-relative path: page content}; it renders with
renderer.page(template, lang, title, description, **context).
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..input.dates import PartialDate, build_date, on_day
from ..input.labels import label
from ..input.mapfile import load_map
from ..input.vocabulary import Vocabulary, load_vocabulary
from ..views.changelog import views
from ..views.compare import anchor, compare, ordered
from ..views.compare_tables import comparison_tables
from ..views.countrymap import country_map
from ..views.coverage import CHECK_INTERVAL_MONTHS, coverage_tables, months_before, organisation_coverage
from ..views.municipalities import finder_index, letter_groups, list_page_sources, municipality_entries
from ..views.parts import PART_SIZE, Part, part_page, split
from ..views.queries import language_notices, plain, predecessors_by_id, source_numbers, sources_by_id
from ..views.tables import table_path
from ..views.versions import country_change, version_changes
from .addresses import link
from .links import PageLinks
from .table_files import table_csv
from .urls import CHANGES_PAGE, COMPARE_DIR, FEED_FILE, MUNICIPALITIES_PAGE, ORG_DIR, page_path

# page name -> template; the order is the order of the overview page and the navigation
PAGES = {
    "index": "compare_index.html.j2",
    "values": "compare_values.html.j2",
    "visions": "compare_visions.html.j2",
    "priorities": "compare_priorities.html.j2",
    "timeline": "compare_timeline.html.j2",
    "participation": "compare_participation.html.j2",
    "side-by-side": "compare_side_by_side.html.j2",
    "changes": "compare_changes.html.j2",
}


def compare_pages(renderer, vocabulary: Vocabulary | None = None, part_size: int = PART_SIZE) -> dict[str, str]:
    """The comparison section: every page in the renderer's languages. Above part_size organisations
    the pages that list every organisation are split into parts (views/parts.py)."""
    vocabulary = vocabulary or load_vocabulary()
    data = compare(renderer.catalogue, vocabulary)
    changes = country_change(renderer.catalogue.organisations, vocabulary)
    out = {}
    for lang in renderer.languages:
        # every page but the overview is as deep as the values page: their tables link alike
        tables = comparison_tables(data, lang, PageLinks.of_page(f"{COMPARE_DIR}/values", lang), renderer.today)
        for page_tables in tables.values():
            for table in page_tables.values():
                out[table_path(table.key, lang)] = table_csv(table)
        renderer.published_tables[(lang, "compare")] = [t for page_tables in tables.values() for t in page_tables.values()]
        parts = split(renderer.catalogue.organisations, lang, part_size)
        # a part is the same page drawn for its organisations: their comparison, computed once per part
        part_catalogues = [replace(renderer.catalogue, organisations=list(part.organisations)) for part in parts]
        part_data = [compare(catalogue, vocabulary) for catalogue in part_catalogues]
        # a part's tables, once per part for all its pages (every part is as deep as another)
        part_tables_of = [comparison_tables(comparison, lang,
                                            PageLinks.of_page(part_page(f"{COMPARE_DIR}/values", part.number), lang),
                                            renderer.today)
                          for part, comparison in zip(parts, part_data, strict=True)]

        def draw(name: str, template: str, page: str, comparison, page_tables: dict, lang: str = lang,
                 **context) -> str:
            key = name.replace("-", "_")
            return renderer.page(
                template, lang, title=context.pop("title", label(f"cmp_{key}_title", lang)),
                description=label(f"cmp_{key}_description", lang),
                at=page, current=name, pages=list(PAGES),
                anchor=anchor, comparison=comparison, timeline=comparison.timelines[lang], changes=changes,
                tables=page_tables,
                ordered=lambda items, lang=lang: ordered(items, lang), **context)

        for name, template in PAGES.items():
            page = f"{COMPARE_DIR}/{name}"
            if not parts or name not in SPLIT_PAGES:
                out[page_path(page, lang)] = draw(name, template, page, data, tables.get(name, {}))
                continue
            # the page itself: what holds for all organisations, and the list of its parts
            field = SPLIT_PAGES[name]
            out[page_path(page, lang)] = draw(name, "compare_parts.html.j2", page, data, tables.get(name, {}),
                                              grouping=getattr(data, field) if field else None,
                                              parts=part_links(page, page, parts, lang), part_size=part_size,
                                              # the side-by-side view compares the organisations of one part
                                              note="parts_side_by_side_note" if name == "side-by-side" else None)
            key = name.replace("-", "_")
            for part, catalogue, comparison, all_tables in zip(parts, part_catalogues, part_data, part_tables_of,
                                                               strict=True):
                at = part_page(page, part.number)
                part_tables = all_tables.get(name, {})
                for table in part_tables.values():
                    # a part's tables link to the whole table's file (written above): say so
                    table.csv_label = label("part_csv", lang)
                out[page_path(at, lang)] = draw(
                    name, template, at, comparison, part_tables,
                    title=label("part_title", lang, title=label(f"cmp_{key}_title", lang), n=part.number,
                                count=part.count),
                    catalogue=catalogue, part=part, parts=part_links(at, page, parts, lang),
                    whole=link(at, page, lang))
    return out


# the comparison pages that list every organisation, split above PART_SIZE; the grouping they
# show (Comparison's field) or "" for none
SPLIT_PAGES = {"values": "values", "visions": "visions", "priorities": "priorities", "timeline": "",
               "participation": "", "side-by-side": ""}


def part_links(from_page: str, page: str, parts: list[Part], lang: str) -> list[dict]:
    """The parts of a split page as links from from_page (the page itself or one of its parts):
    href, the part's number and first and last organisation, and whether it is from_page."""
    return [{"href": link(from_page, part_page(page, part.number), lang), "number": part.number,
             "first": part.first, "last": part.last, "current": part_page(page, part.number) == from_page}
            for part in parts]


def coverage_pages(renderer, part_size: int = PART_SIZE) -> dict[str, str]:
    """The coverage page in the renderer's languages: what is known of each organisation, and how fresh;
    and its tables as CSV files. Above part_size organisations the organisations are on its parts."""
    # the renderer carries the build date once dates.build_date is passed to it; until then, ask here
    today = getattr(renderer, "today", None) or build_date()
    rows = [organisation_coverage(org, today) for org in renderer.catalogue.organisations]
    due = [r for r in rows if r.check_due]
    since = PartialDate(*months_before(today, CHECK_INTERVAL_MONTHS).timetuple()[:3])
    out = {}
    for lang in renderer.languages:
        tables = coverage_tables(rows, lang, PageLinks.of_page("coverage", lang), today)
        for t in tables.values():
            out[table_path(t.key, lang)] = table_csv(t)
        renderer.published_tables[(lang, "coverage")] = list(tables.values())
        parts = split(renderer.catalogue.organisations, lang, part_size)
        if not parts:
            out[page_path("coverage", lang)] = renderer.page(
                "coverage.html.j2", lang, at="coverage", title=label("cov_title", lang),
                description=label("cov_description", lang), tables=tables, due=due, since=since)
            continue
        out[page_path("coverage", lang)] = renderer.page(
            "coverage_parts.html.j2", lang, at="coverage", title=label("cov_title", lang),
            description=label("cov_description", lang), tables=tables, due=due, since=since,
            parts=part_links("coverage", "coverage", parts, lang), part_size=part_size)
        for part in parts:
            at = part_page("coverage", part.number)
            slugs = {org.slug for org in part.organisations}
            # the part's rows in the order the whole page lists them (the catalogue's)
            part_rows = [r for r in rows if r.org.slug in slugs]
            part_tables = coverage_tables(part_rows, lang, PageLinks.of_page(at, lang), today)
            for t in part_tables.values():
                t.csv_label = label("part_csv", lang)  # they link to the whole table's file
            out[page_path(at, lang)] = renderer.page(
                "coverage.html.j2", lang, at=at,
                title=label("part_title", lang, title=label("cov_title", lang), n=part.number, count=part.count),
                description=label("cov_description", lang), tables=part_tables,
                due=[r for r in due if r.org.slug in slugs], since=since,
                part=part, parts=part_links(at, "coverage", parts, lang), whole=link(at, "coverage", lang))
    return out


def home_and_organisation_pages(renderer) -> dict[str, str]:
    """The home page and one page per organisation, in the renderer's languages."""
    layout = load_map([org.slug for org in renderer.catalogue.organisations], renderer.map_file)
    out = {}
    vocabulary = load_vocabulary()
    for lang in renderer.languages:
        home = PageLinks.of_page("index", lang)
        out[page_path("index", lang)] = renderer.page(
            "home.html.j2", lang, at="index", title=label("home_title", lang), description=label("home_description", lang),
            feeds=[(home.site_feed_url(), label("ch_feed_title", lang))],
            finder=home_finder(renderer.catalogue, lang),
            country_map=country_map(layout, renderer.catalogue.organisations, renderer.state, lang, home.org_url))
        entries = views(renderer.history, renderer.catalogue, lang)
        for org in renderer.catalogue.organisations:
            path = page_path(f"{ORG_DIR}/{org.slug}", lang)
            out[path] = renderer.organisation_page(
                org, lang, path,
                lambda org=org, lang=lang, entries=entries: _organisation_page(renderer, org, lang, entries, vocabulary))
    return out


def _organisation_page(renderer, org, lang: str, entries: list, vocabulary: Vocabulary) -> str:
    name = plain(org.name, lang)
    links = PageLinks.of_page(f"{ORG_DIR}/{org.slug}", lang)
    updates = [v for v in entries if v.entry.slug == org.slug]
    # an organisation page is /org/<slug>/: its own feed is beside it
    return renderer.page(
        "organisation.html.j2", lang, at=f"{ORG_DIR}/{org.slug}", org=org, title=name,
        changed_on=on_day(changed) if (changed := renderer.changed_on.get(org.slug)) else None,
        numbers=source_numbers(org.sources), sources=sources_by_id(org), predecessors=predecessors_by_id(org),
        notices=language_notices(org, lang), data_page=links.page_url("avoin-data"),
        changes=version_changes(org, vocabulary),
        changes_page=links.page_url(CHANGES_PAGE),
        history=renderer.history, updates=updates,
        newest_update=updates[0] if updates else None, feed_href=f"{FEED_FILE}.xml",
        feeds=[(f"{FEED_FILE}.xml", label("ch_org_feed_title", lang, name=name)),
               (links.site_feed_url(), label("ch_feed_title", lang))],
        description=label("org_description", lang, name=name))


def change_pages(renderer) -> dict[str, str]:
    """The change page (/muutokset/) in the renderer's languages: every change to the data, newest first."""
    return {
        page_path(CHANGES_PAGE, lang): renderer.page(
            "changes.html.j2", lang, at=CHANGES_PAGE, title=label("ch_title", lang), description=label("ch_description", lang),
            feeds=[(PageLinks.of_page(CHANGES_PAGE, lang).site_feed_url(), label("ch_feed_title", lang))],
            history=renderer.history, feed_href=PageLinks.of_page(CHANGES_PAGE, lang).site_feed_url(),
            entries=views(renderer.history, renderer.catalogue, lang))
        for lang in renderer.languages
    }




def municipality_pages(renderer) -> dict[str, str]:
    """The A–Ö list of every municipality with its organisation (/kunnat/), in the renderer's languages."""
    catalogue = renderer.catalogue  # rendered even without municipalities: the navigation names the page
    sources = list_page_sources(catalogue)
    out = {}
    for lang in renderer.languages:
        entries = municipality_entries(catalogue, lang)
        out[page_path(MUNICIPALITIES_PAGE, lang)] = renderer.page(
            "municipalities.html.j2", lang, at=MUNICIPALITIES_PAGE, title=label("muni_title", lang),
            description=label("muni_description", lang), groups=letter_groups(entries), count=len(entries),
            division=catalogue.division, sources=sources, numbers=source_numbers(sources))
    return out


def home_finder(catalogue, lang: str) -> dict | None:
    """The context of the home page's municipality finder (templates/finder.html.j2): the index it
    searches (JSON for finder.js), where the form goes without JavaScript, and the organisation pages."""
    entries = municipality_entries(catalogue, lang)
    if not entries:
        return None
    index = finder_index(entries, lambda org: plain(org.name, lang))
    links = PageLinks.of_page("index", lang)
    return {"index": json.dumps(index, ensure_ascii=False, separators=(",", ":")),
            "list_page": links.page_url(MUNICIPALITIES_PAGE), "org_base": links.org_folder_url(), "count": len(entries)}


SECTIONS: list = [coverage_pages, compare_pages, home_and_organisation_pages, change_pages, municipality_pages]
