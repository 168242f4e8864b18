"""The links a generated page draws, relative to that page: templates call these and build no URL.

Every link to another generated page goes by way of the language's root (addresses.via_root), so a
page links to an organisation or a comparison the same way wherever the table in addresses.py puts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..input.vocabulary import Concept
from ..views.compare import GROUP_PAGES, anchor
from .addresses import address, relative, via_root
from .export import data_path
from .urls import COMPARE_DIR, ORG_DIR


@dataclass(frozen=True)
class PageLinks:
    page: str  # the linking page's name: "compare/values", "org/hus", "index" (addresses.py)
    lang: str

    def org_url(self, slug: str, fragment: str = "") -> str:
        """An organisation's page, or a place on it."""
        return via_root(self.page, f"{ORG_DIR}/{slug}", self.lang, fragment)

    def comparison_url(self, name: str, fragment: str = "") -> str:
        """A comparison page by its name in sections.PAGES ("values", "side-by-side")."""
        return via_root(self.page, f"{COMPARE_DIR}/{name}", self.lang, fragment)

    def concept_url(self, concept: Concept) -> str:
        """A concept's section on the comparison page of its group."""
        return self.comparison_url(GROUP_PAGES[concept.group][0], anchor(concept))

    def data_url(self, slug: str | None, extension: str) -> str:
        """An open-data file, published once for both languages: an organisation's, or (slug None) the dataset."""
        return relative(address(self.page, self.lang), data_path(slug, extension))

    def template_globals(self) -> dict:
        return {"org_url": self.org_url, "comparison_url": self.comparison_url,
                "concept_url": self.concept_url, "data_url": self.data_url}
