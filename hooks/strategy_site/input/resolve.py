"""Checks that span fields: sources that resolve, inherited sources, official or translated texts.

After this pass every fact carries its own source id and every text knows, per language,
whether it is the organisation's official wording or the site's translation. The renderer
trusts that and never looks a source up twice.
"""

from __future__ import annotations

from typing import Any

from .errors import did_you_mean
from .model import LANGS, Fact, Organisation, Source, Text, is_editorial, nodes_of, texts_of

# Objects with a `source` field that only pass a default on to what they hold.
_CONTAINERS = {"Organisation", "Strategy", "Predecessor", "Municipality"}



def resolve(org: Organisation, stem: str, taken: frozenset[str] = frozenset()) -> list[tuple[tuple, str, str]]:
    """Return (path, message, hint) for every cross-field problem; fill in inherited sources.

    taken: the slugs of the other files in the folder (the slug is the file name, so two files
    can only share a slug when one of them names the other's).
    """
    problems: list[tuple[tuple, str, str]] = []
    sources = {}
    urls: dict[str, str] = {}
    for i, source in enumerate(org.sources):
        if source.id in sources:
            problems.append((("sources", i, "id"), f"the source id `{source.id}` is used twice",
                             "give each source its own id"))
        sources[source.id] = source
        if source.url:
            if source.url in urls:
                problems.append((("sources", i, "url"), f"the same address is already the source `{urls[source.url]}`",
                                 f"refer to `{urls[source.url]}` instead of repeating the source"))
            urls.setdefault(source.url, source.id)
    used: set[str] = set()

    if org.slug != stem and org.slug in taken:
        problems.append((("slug",), f"the slug `{org.slug}` belongs to the file `{org.slug}.yaml`",
                         f"each organisation has one file: use `slug: {stem}`, or merge this file into "
                         f"`{org.slug}.yaml`"))
    elif org.slug != stem:
        problems.append((("slug",), f"the slug `{org.slug}` differs from the file name `{stem}.yaml`",
                         f"use `slug: {stem}` or rename the file to `{org.slug}.yaml`"))

    def check_id(path: tuple, source_id: str) -> bool:
        if source_id not in sources:
            hint = did_you_mean(source_id, sources) or "add it to `sources:` at the end of the file"
            problems.append((path, f"the source `{source_id}` is not in this file's sources", hint))
            return False
        used.add(source_id)
        return True

    def mark_texts(text: Text, path: tuple, source_id: str | None) -> None:
        for lang in LANGS:
            own = getattr(text, f"{lang}_source")
            if own and check_id(path + (f"{lang}_source",), own):
                text.mark_official(lang, own)
            elif text.get(lang) and source_id in sources and sources[source_id].language == lang:
                text.mark_official(lang, source_id)

    for i, municipality in enumerate(org.municipalities):
        # the list's own source is the default for its municipalities (then the organisation's)
        municipality.source = municipality.source or org.municipalities_source or org.source
        if municipality.sv_source:
            check_id(("municipalities", i, "sv_source"), municipality.sv_source)

    # the source in force at each path: the node's own, else the one of what holds it
    in_force: dict[tuple, str | None] = {}
    for path, node in nodes_of(org):
        if is_editorial(path):
            continue
        holder = path[:-2] if path and isinstance(path[-1], int) else path[:-1]
        current = in_force.get(holder) if path else None
        if "source" in type(node).model_fields:
            own: Any = node  # a model with a `source` field
            if own.source is None and type(node).__name__ not in _CONTAINERS:
                if current is None:
                    problems.append((path, "this fact has no source",
                                     "add `source: <id>` here, or on the strategy to cover all its facts"))
                else:
                    own.source = current
            if own.source is not None:
                check_id(path + ("source",), own.source)
                current = own.source
        if isinstance(node, Source):
            current = node.id  # a source names its publisher in its own language: that wording is official
        in_force[path] = current
        if isinstance(node, Text):
            mark_texts(node, path, current)
    if org.municipalities and org.municipalities_source is None and org.source is None:
        problems.append((("municipalities",), "the member municipalities have no source",
                         "add `municipalities_source: <id>`"))
    if org.municipalities_source:
        check_id(("municipalities_source",), org.municipalities_source)
    for i, source_id in enumerate(org.languages_source):
        check_id(("languages_source", i), source_id)

    # Predecessors are embedded, so a cycle can only close on the organisation itself: it cannot
    # be its own predecessor, and a strategy of its own names no `organisation`.
    predecessor_ids: set[str] = set()
    for i, predecessor in enumerate(org.predecessors):
        if predecessor.id == org.slug:
            problems.append((("predecessors", i, "id"), f"`{predecessor.id}` is this organisation's own slug; "
                             "an organisation cannot be its own predecessor",
                             "give the predecessor its own id, such as its name in lowercase with hyphens"))
        elif predecessor.id in predecessor_ids:
            problems.append((("predecessors", i, "id"), f"the predecessor id `{predecessor.id}` is used twice",
                             "give each predecessor its own id, or merge the two entries"))
        predecessor_ids.add(predecessor.id)
    strategy_ids: set[str] = set()
    for i, strategy in enumerate(org.strategies):
        if strategy.id in strategy_ids:
            problems.append((("strategies", i, "id"), f"the strategy id `{strategy.id}` is used twice",
                             "give each strategy version its own id, such as its period"))
        strategy_ids.add(strategy.id)
        if strategy.organisation == org.slug:
            problems.append((("strategies", i, "organisation"), f"`{strategy.organisation}` is this organisation "
                             "itself, not a predecessor", "remove the line: a strategy without `organisation:` "
                             "is the organisation's own"))
        elif strategy.organisation and strategy.organisation not in predecessor_ids:
            hint = did_you_mean(strategy.organisation, predecessor_ids) or "list it under `predecessors:`"
            problems.append((("strategies", i, "organisation"),
                             f"`{strategy.organisation}` is not one of this file's predecessors", hint))
        status_source = strategy.status_source or strategy.source or org.source
        if status_source is None:
            problems.append((("strategies", i, "status"), "the status has no source",
                             "add `status_source: <id>` or `source: <id>` to the strategy"))
        elif check_id(("strategies", i, "status_source"), status_source):
            strategy.status_source = status_source

    for i, search in enumerate(org.not_found):
        if search.strategy and search.strategy not in strategy_ids:
            hint = did_you_mean(search.strategy, strategy_ids) or "use the `id` of one of this file's strategies"
            problems.append((("not_found", i, "strategy"),
                             f"`{search.strategy}` is not one of this file's strategy versions", hint))

    for i, source in enumerate(org.sources):
        if source.id not in used:
            problems.append((("sources", i, "id"), f"the source `{source.id}` is not used by any fact",
                             "remove it, or refer to it with `source:` from the facts it gives"))
    return problems


def facts_of(obj) -> list[Fact]:
    """Every fact inside obj, in document order (used by tests and data checks)."""
    return [text for _, text in texts_of(obj) if isinstance(text, Fact)]
