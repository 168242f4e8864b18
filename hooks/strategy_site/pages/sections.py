"""Generated sections beyond the home and organisation pages: which pages, at which paths, from which views.

Each entry of SECTIONS is a function (renderer) -> {docs-relative path: page content}; it renders with
renderer.page(template, lang, title, description, **context).
"""

from __future__ import annotations

from ..input.dates import PartialDate, build_date
from ..input.labels import label
from ..input.mapfile import load_map
from ..input.vocabulary import Concept, Vocabulary, load_vocabulary
from ..views.compare import GROUP_PAGES, anchor, compare, ordered
from ..views.countrymap import country_map
from ..views.coverage import CHECK_INTERVAL_MONTHS, CORE_FACTS, months_before, organisation_coverage
from ..views.queries import language_notices, plain
from .urls import COMPARE_DIR, ORG_DIR, page_path

# page name -> template; the order is the order of the overview page and the navigation
PAGES = {
    "index": "compare_index.html.j2",
    "values": "compare_values.html.j2",
    "visions": "compare_visions.html.j2",
    "priorities": "compare_priorities.html.j2",
    "timeline": "compare_timeline.html.j2",
    "participation": "compare_participation.html.j2",
    "side-by-side": "compare_side_by_side.html.j2",
}


def concept_url(concept: Concept) -> str:
    """Link to a concept from the site's root (the templates prefix it with `up`)."""
    return f"{page_url(GROUP_PAGES[concept.group][0])}#{anchor(concept)}"


def page_url(name: str) -> str:
    """Link to a comparison page from the site's root (the templates prefix it with `up`)."""
    return f"{COMPARE_DIR}/" if name == "index" else f"{COMPARE_DIR}/{name}/"


def compare_pages(renderer, vocabulary: Vocabulary | None = None) -> dict[str, str]:
    """The comparison section: every page in the renderer's languages."""
    data = compare(renderer.catalogue, vocabulary or load_vocabulary())
    out = {}
    for lang in renderer.languages:
        for name, template in PAGES.items():
            key = name.replace("-", "_")
            # pages are /compare/ and /compare/<name>/: `up` leads back to the language's root
            up = "../" if name == "index" else "../../"
            out[page_path(f"{COMPARE_DIR}/{name}", lang)] = renderer.page(
                template, lang, title=label(f"cmp_{key}_title", lang), description=label(f"cmp_{key}_description", lang),
                up=up, current=name, pages=list(PAGES), page_url=page_url, concept_url=concept_url,
                anchor=anchor, cmp=data, timeline=data.timelines[lang],
                ordered=lambda items, lang=lang: ordered(items, lang))
    return out


def coverage_pages(renderer) -> dict[str, str]:
    """The coverage page in the renderer's languages: what is known of each organisation, and how fresh."""
    # the renderer carries the build date once dates.build_date is passed to it; until then, ask here
    today = getattr(renderer, "today", None) or build_date()
    rows = [organisation_coverage(org, today) for org in renderer.catalogue.organisations]
    due = [r for r in rows if r.check_due]
    since = PartialDate(*months_before(today, CHECK_INTERVAL_MONTHS).timetuple()[:3])
    totals = {name: sum(r.facts[name].known for r in rows) for name in CORE_FACTS}
    absent = {name: sum(r.facts[name].absent for r in rows) for name in CORE_FACTS}
    not_found = {name: sum(r.facts[name].not_found for r in rows) for name in CORE_FACTS}
    official = {name: sum(r.facts[name].official_sv for r in rows) for name in CORE_FACTS}
    return {
        page_path("coverage", lang): renderer.page("coverage.html.j2", lang, title=label("cov_title", lang),
                                                   description=label("cov_description", lang), rows=rows,
                                                   totals=totals, absent=absent, not_found=not_found, due=due, since=since,
                                                   official=official, facts=CORE_FACTS)
        for lang in renderer.languages
    }


def home_and_organisation_pages(renderer) -> dict[str, str]:
    """The home page and one page per organisation, in the renderer's languages."""
    layout = load_map([org.slug for org in renderer.catalogue.organisations], renderer.map_file)
    out = {}
    for lang in renderer.languages:
        out[page_path("index", lang)] = renderer.page(
            "home.html.j2", lang, title=label("home_title", lang), description=label("home_description", lang),
            country_map=country_map(layout, renderer.catalogue.organisations, renderer.state, lang))
        for org in renderer.catalogue.organisations:
            name = plain(org.name, lang)
            out[page_path(f"{ORG_DIR}/{org.slug}", lang)] = renderer.page(
                "organisation.html.j2", lang, org=org, title=name, changed_on=renderer.changed_on.get(org.slug),
                notices=language_notices(org, lang),
                description=label("org_description", lang, name=name))
    return out


SECTIONS: list = [coverage_pages, compare_pages, home_and_organisation_pages]
