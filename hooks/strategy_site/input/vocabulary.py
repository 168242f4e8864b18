"""The editorial vocabulary: shared concepts that group the organisations' own wordings.

Strategies word the same idea differently ("yhdenvertaisuus", "oikeudenmukaisuus"). The
editors keep one YAML file (vocabulary/concepts.yaml) with a concept per idea: its fi/sv
label, a short fi/sv definition and the words that place a wording under it. The grouping
is the site's interpretation, so the rule has to be simple enough to check by eye:

    a wording lands under a concept when the words of one of the concept's entries begin
    consecutive words of the wording (lowercased, split at spaces and hyphens).

"yhdenvertai" places "yhdenvertaisuus" and "yhdenvertaiset palvelut"; "arvostava kohtaa"
places "arvostava kohtaaminen". Nothing is ever dropped: what no entry places is listed as
not grouped. Problems are reported like those of the strategy files: file, line, field,
message, hint, all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .errors import Location, Problem, RuleError, StrategyDataError, did_you_mean
from .kept import KeptResults
from .model import LANGS, SLUG_RE, Words
from .yamlread import Document

VOCABULARY_FILE = Path(__file__).resolve().parents[3] / "vocabulary" / "concepts.yaml"

# group name in the file -> what it groups (used in messages)
GROUPS = {"values": "values", "themes": "strategic priorities", "visions": "visions"}
_WORD_SPLIT = re.compile(r"[^\w]+")
_NOT_PLAIN = re.compile(r"[\\^$*+?()\[\]{}|.]")


def words_of(text: str) -> list[str]:
    """Lowercased words of a text; hyphens and punctuation separate words ("sote-palvelut")."""
    return [w for w in _WORD_SPLIT.split(text.casefold()) if w]


def normal(text: str) -> str:
    """A wording in the form `not:` entries are compared in."""
    return " ".join(words_of(text))


@dataclass(frozen=True)
class Concept:
    id: str
    group: str
    label: dict  # lang -> text
    definition: dict  # lang -> text
    words: dict  # lang -> tuple of entries, each a tuple of word beginnings
    exclude: frozenset = frozenset()  # normalised wordings that never land here
    related: tuple = ()

    written: dict = field(default_factory=dict)  # lang -> the entries as the editor wrote them

    def entries(self, lang: str) -> list[str]:
        """The entries as the editor wrote them (for the page that explains the grouping)."""
        return list(self.written.get(lang, ()))


@dataclass
class Vocabulary:
    groups: dict[str, list[Concept]]
    ignore: dict[str, tuple] = field(default_factory=dict)  # lang -> word beginnings to skip
    file: str = ""

    def concept(self, concept_id: str) -> Concept:
        return next(c for group in self.groups.values() for c in group if c.id == concept_id)


def _entry(item: str) -> str:
    if not item.strip():
        raise RuleError("expected a word or phrase", "put it in quotes if YAML reads it as something else")
    if item != item.lower():
        raise RuleError(f"`{item}` has capital letters; words are compared in lowercase", f"write `{item.lower()}`")
    if special := _NOT_PLAIN.search(item):
        raise RuleError(f"`{item}` contains `{special.group()}`; entries are plain beginnings of words, not patterns",
                        "remove the special character; `vastuu` already places `vastuullisuus`")
    return item.strip()


def _no_repeats(items: list[str]) -> list[str]:
    seen: dict[tuple, int] = {}
    for i, item in enumerate(items):
        entry = tuple(words_of(item))
        if entry in seen:
            raise RuleError(f"`{item}` is listed twice (items {seen[entry] + 1} and {i + 1})", "remove one of them")
        seen[entry] = i
    return items


Entries = Annotated[list[Annotated[str, AfterValidator(_entry)]], AfterValidator(_no_repeats)]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Both(_File):
    """A label or definition: shown in both languages, so both are required."""

    fi: Words
    sv: Words


class _Entries(_File):
    fi: Entries = []
    sv: Entries = []


class _Concept(_File):
    id: Annotated[str, Field(pattern=SLUG_RE, max_length=60)]
    label: _Both
    definition: _Both
    words: _Entries
    # full wordings (any case in the data) that a word would place here but the editors do not
    not_: Entries = Field([], alias="not")
    related: list[Annotated[str, Field(pattern=SLUG_RE, max_length=60)]] = []

    @model_validator(mode="after")
    def _some_words(self):
        if not self.words.fi and not self.words.sv:
            raise RuleError(f"the concept `{self.id}` has no `words`, so nothing can land in it",
                            "add `words: {fi: [...], sv: [...]}` with the beginnings of the words that place a "
                            "wording here")
        return self


class VocabularyFile(_File):
    """vocabulary/concepts.yaml: the concepts of each group, and words no wording is placed by."""

    ignore_words: _Entries = _Entries()
    values: list[_Concept]
    themes: list[_Concept]
    visions: list[_Concept]


def _cross_checks(data: object, doc: Document) -> list[tuple[tuple, str, str]]:
    """Rules across concepts, on the file as read (so they are reported with the field problems):
    ids unique over all groups, related concepts that exist."""
    problems: list[tuple[tuple, str, str]] = []
    concepts = [((group, i), raw) for group in GROUPS
                for i, raw in enumerate(data.get(group) or [] if isinstance(data, dict) else [])
                if isinstance(raw, dict) and isinstance(group, str)]
    first: dict[str, tuple] = {}
    for where, raw in concepts:
        concept_id = raw.get("id")
        if not isinstance(concept_id, str):
            continue
        if concept_id in first:
            problems.append((where + ("id",), f"the concept id `{concept_id}` is used twice "
                             f"(first on line {doc.where(first[concept_id]).line})",
                             "give each concept its own id; ids are shared by values, themes and visions"))
        first.setdefault(concept_id, where + ("id",))
    for where, raw in concepts:
        related = raw.get("related")
        for j, ref in enumerate(related if isinstance(related, list) else []):
            if isinstance(ref, str) and ref not in first:
                hint = did_you_mean(ref, first) or "use the `id` of a concept in this file"
                problems.append((where + ("related", j), f"`{ref}` is not the id of any concept in this file", hint))
    return problems


def _concept(group: str, raw: _Concept) -> Concept:
    written = {lang: tuple(getattr(raw.words, lang)) for lang in LANGS}
    words = {lang: tuple(tuple(words_of(item)) for item in entries) for lang, entries in written.items()}
    exclude = frozenset(normal(item) for item in raw.not_)
    return Concept(raw.id, group, raw.label.model_dump(), raw.definition.model_dump(), words, exclude,
                   tuple(raw.related), written)


def check_vocabulary(name: str, raw: bytes) -> tuple[Vocabulary | None, list[Problem]]:
    """Validate the vocabulary on the same path as the strategy files: every problem, located."""
    from .load import read_model  # load imports the strategy model, which the vocabulary does not need

    data, doc, problems = read_model(name, raw, VocabularyFile, "values:, themes:, visions:",
                                     "the file lists `values:`, `themes:` and `visions:`, each a list of concepts")
    if doc is not None:
        problems = sorted(problems + [Problem(name, doc.where(where), where, message, hint)
                                      for where, message, hint in _cross_checks(doc.data, doc)], key=Problem.sort_key)
    if data is None or problems:
        return None, problems
    groups = {group: [_concept(group, c) for c in getattr(data, group)] for group in GROUPS}
    ignore = {lang: tuple(tuple(words_of(item)) for item in entries)
              for lang, entries in data.ignore_words.model_dump().items()}
    return Vocabulary(groups, ignore, name), []


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and validate the vocabulary; raise StrategyDataError with every problem."""
    name = path.as_posix()
    if not path.is_file():
        raise StrategyDataError([Problem(name, Location(1, 1), (), "the vocabulary file does not exist",
                                         "the comparison pages need it; restore vocabulary/concepts.yaml")])
    raw = path.read_bytes()
    # checked again only when its bytes changed (input/kept.py)
    vocabulary, problems = _checked.get(name, raw, lambda: check_vocabulary(name, raw))
    if vocabulary is None:
        raise StrategyDataError(problems)
    return vocabulary


# what check_vocabulary made of the file, by name (input/kept.py)
_checked: KeptResults[tuple[Vocabulary | None, list[Problem]]] = KeptResults()
