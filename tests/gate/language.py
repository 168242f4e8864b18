"""Which language a text is in: lingua, a language identifier whose models ship in its package
(no network), restricted to the site's languages and English (some sources are English).

A text block, each of its sentences and each quotation in it is identified on its own, so a
one-sentence or one-word quotation in the other language inside a long paragraph is found and
named. What is confidently identified as another language than the block's nearest `lang`
attribute is a finding. Names that belong to no language (the organisations' short names such as
Soite or Keusote) and web addresses are left out before identifying.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

CODES = {Language.FINNISH: "fi", Language.SWEDISH: "sv", Language.ENGLISH: "en"}
# Relative confidence among the three languages. On the site's text, a real quotation in the
# other language scores 0.95-1.0; ordinary Swedish or Finnish words that the other language also
# has (names of places, "Mission", "Status") stay well below.
CONFIDENT = 0.9
MIN_LETTERS = 4

_URL = re.compile(r"(?:https?://|www\.)\S+")
# file names (values-counts.csv, datapackage.json) are names in no language, like web addresses
_FILE = re.compile(r"(?<!\w)[\w-]+\.(?:csv|json|jsonld|xml|yaml|yml|md)(?!\w)")
_QUOTED = re.compile(r"[”“\"„«»]([^”“\"„«»]+)[”“\"„«»]")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ”“\"])")


@lru_cache(maxsize=1)
def detector():
    """Built once per test session: loading the three languages' models takes a few seconds."""
    return LanguageDetectorBuilder.from_languages(*CODES).with_preloaded_language_models().build()


def identify(text: str) -> tuple[str, float] | None:
    """(language, confidence) of the text's most likely language, or None for text too short to tell."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    best = detector().compute_language_confidence_values(text)[0]
    return CODES[best.language], best.value


def confident_language(text: str) -> str | None:
    """'fi', 'sv' or 'en' when the text confidently reads as that language, else None."""
    found = identify(text)
    return found[0] if found and found[1] >= CONFIDENT else None


def segments(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The whole text, each of its sentences, then each quotation in it, with web addresses, file
    names and the given names taken out."""
    text = _FILE.sub(" ", _URL.sub(" ", text))
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text)
    parts = [text, *_SENTENCE.split(text), *_QUOTED.findall(text)]
    seen, out = set(), []
    for part in (" ".join(p.split()).strip(" ,.;:–-()") for p in parts):
        if part and part not in seen:
            seen.add(part)
            out.append(part)
    return out


def foreign_segments(text: str, lang: str, names: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(segment, its language) for each part of the text that confidently reads as a language
    other than lang. A sentence or quotation inside a foreign part already named is not named again."""
    found: list[tuple[str, str]] = []
    for part in segments(text, names):
        detected = confident_language(part)
        if detected is not None and detected != lang and not any(part in seen for seen, _ in found):
            found.append((part, detected))
    return found
