"""Questions the pages ask of the validated model: which strategy to show, which text a reader sees.

Plain functions over the model, shared by the views and the renderer; no markup here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..input.model import LANGS, Organisation, Predecessor, Source, Strategy, Text, texts_of


@dataclass
class TextView:
    """What a reader sees of a Text in one language: the words, their language and why."""

    value: str
    lang: str
    translated: bool  # the site's own translation
    fallback: bool  # shown in the other language


def view(text: Text | None, lang: str, editorial: bool = False) -> TextView | None:
    if text is None:
        return None
    value = text.get(lang)
    if value is not None:
        translated = not editorial and not text.is_official(lang)
        return TextView(value, lang, translated, False)
    other = next(code for code in LANGS if code != lang)
    return TextView(text.get(other) or "", other, False, True)  # a Text has at least one language


def latest_strategy(org: Organisation) -> Strategy | None:
    """The strategy to show for the organisation in lists and comparisons.

    Its newest approved version, since one still in preparation does not yet guide anything
    (Helsinki prepares its service strategy while the city strategy is in force); if none is
    approved, its newest version; predecessors' versions only when it has none of its own.
    """
    own = [s for s in org.strategies if s.organisation is None] or org.strategies
    approved = [s for s in own if s.status == "approved"]
    candidates = approved or own
    return candidates[0] if candidates else None


def language_notices(org: Organisation, lang: str) -> dict[str, bool]:
    """Whether the page in lang shows any of the site's translations, or any fallback text."""
    translated = fallback = False
    for _, text in texts_of(org):
        value = text.get(lang)
        translated |= value is not None and not text.is_official(lang)
        fallback |= value is None
    return {"translated": translated, "fallback": fallback}


def newest_source(org: Organisation):
    """The publication date of the organisation's newest dated source, or None."""
    dated = [s.date for s in org.sources if s.date]
    return max(dated, key=lambda d: d.last_day(), default=None)


def plain(text: Text | None, lang: str) -> str:
    """Text for attributes and front matter: the language's version or the other one."""
    if text is None:
        return ""
    return text.get(lang) or next(value for code in LANGS if (value := text.get(code)))


def source_numbers(sources: list[Source]) -> dict[str, int]:
    """Source id -> its number in a page's list of sources, from 1: what a citation [n] shows."""
    return {source.id: number for number, source in enumerate(sources, 1)}


def sources_by_id(org: Organisation) -> dict[str, Source]:
    return {source.id: source for source in org.sources}


def predecessors_by_id(org: Organisation) -> dict[str, Predecessor]:
    return {predecessor.id: predecessor for predecessor in org.predecessors}
