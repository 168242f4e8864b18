"""The links a generated file draws (a page, a feed), relative to that file: templates call these and
build no URL, and Python that writes a link (the map's tiles, the feeds' entries) asks the same helper.

Every link to another generated page goes by way of the language's root (addresses.via_root), so a
file links to an organisation or a comparison the same way wherever the table in addresses.py puts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..input.vocabulary import Concept
from ..views.compare import GROUP_PAGES, anchor
from .addresses import address, default_address, relative, via_root
from .export import data_path
from .urls import CHANGES_PAGE, COMPARE_DIR, FEED_FILE, ORG_DIR


@dataclass(frozen=True)
class PageLinks:
    here: str  # the linking file's folder below the site's root: "vertailu/arvot/", "sv/muutokset/"
    lang: str

    @classmethod
    def of_page(cls, page: str, lang: str) -> PageLinks:
        """The links of a page named as in addresses.py: "compare/values", "org/hus", "index"."""
        return cls(address(page, lang), lang)

    def page_url(self, page: str, fragment: str = "") -> str:
        """A page of the same language by its name in addresses.py, or a place on it."""
        return via_root(self.here, page, self.lang, fragment)

    def org_url(self, slug: str, fragment: str = "") -> str:
        """An organisation's page, or a place on it."""
        return self.page_url(f"{ORG_DIR}/{slug}", fragment)

    def org_folder_url(self) -> str:
        """The folder of the organisation pages ("org/" from the home page), for the home page's finder
        script, which adds "<slug>/" as org_url does (docs/javascripts/finder.js)."""
        return self.page_url(ORG_DIR)

    def comparison_url(self, name: str, fragment: str = "") -> str:
        """A comparison page by its name in sections.PAGES ("values", "side-by-side")."""
        return self.page_url(f"{COMPARE_DIR}/{name}", fragment)

    def concept_url(self, concept: Concept) -> str:
        """A concept's section on the comparison page of its group."""
        return self.comparison_url(GROUP_PAGES[concept.group][0], anchor(concept))

    def data_url(self, slug: str | None, extension: str) -> str:
        """An open-data file, published once for both languages: an organisation's, or (slug None) the dataset."""
        return self.file_url(data_path(slug, extension))

    def file_url(self, path: str) -> str:
        """A file published once for both languages, by its docs-relative path (data/taulukot/...)."""
        return relative(self.here, path)

    def site_feed_url(self) -> str:
        """The site's feed, whose file stays beside the change page's own file (/muutokset/atom.xml,
        /sv/muutokset/atom.xml) wherever addresses.py puts the page."""
        return relative(self.here, f"{default_address(CHANGES_PAGE, self.lang)}{FEED_FILE}.xml")

    def template_globals(self) -> dict:
        return {"org_url": self.org_url, "comparison_url": self.comparison_url,
                "concept_url": self.concept_url, "data_url": self.data_url}
