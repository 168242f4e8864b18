"""What changed between an organisation's strategy versions: a view for the pages, no markup.

Each version's predecessor is the one that began before it (by period, else by approval year;
in the file's order, newest first, when a version has neither). For every such pair this
module works out, from the validated model only:

- values and priorities kept, kept but reworded, added and dropped. Two wordings are the same
  item when they read the same (lowercased, in a language both give), when their words begin
  the same way (`vastuullisuus` / `vastuullinen`: a noun turned adjective is kept, reworded),
  or when the editorial vocabulary places both under the same concept. Each item is shown in
  its own words; the matching is the site's interpretation and the page says so;
- mission and vision old and new, word by word: which words were removed and which added;
- period, approval date and deciding body, old and new.

Only what both versions state is compared: where one lacks a field, the field is marked as
not in the sources and no change is claimed.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import re
from dataclasses import dataclass, field

from ..input.model import LANGS, Fact, Organisation, Period, Strategy, Text
from ..input.vocabulary import Concept, Vocabulary, words_of
from .compare import place

# kinds of an item line, in the order the section lists them
KEPT, REWORDED, ADDED, DROPPED = "kept", "reworded", "added", "dropped"
ITEM_KINDS = (KEPT, REWORDED, ADDED, DROPPED)
# the vocabulary group that places each compared list
LIST_GROUPS = {"values": "values", "priorities": "themes"}

# Two words "begin the same way" when they share this many first letters, and the shared part
# is most of the shorter word (vastuullisuus / vastuullinen; not yhteistyö / yhteisöllisyys).
MIN_STEM = 4
MIN_STEM_SHARE = 0.75


# --- Values and priorities ---------------------------------------------------------------------

@dataclass
class ItemLine:
    """One value or priority: kept (old and new), reworded (old and new), added (new) or dropped (old)."""

    kind: str
    old: Fact | None
    new: Fact | None
    concepts: list[Concept] = field(default_factory=list)  # shared concepts of a match, or the item's own


@dataclass
class ListChange:
    field: str  # values or priorities
    old_known: bool
    new_known: bool
    lines: list[ItemLine]
    incomplete: bool  # either version's list may be incomplete by its source

    @property
    def comparable(self) -> bool:
        """Both versions name the list: only then can anything be called kept, added or dropped."""
        return self.old_known and self.new_known

    def of_kind(self, kind: str) -> list[ItemLine]:
        return [line for line in self.lines if line.kind == kind]

    def count(self, kind: str) -> int:
        return len(self.of_kind(kind))

    @property
    def counts(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in ITEM_KINDS}

    @property
    def totals(self) -> dict[str, int]:
        """kept (reworded ones included), added, dropped: the country page's three counts."""
        return {"kept": self.count(KEPT) + self.count(REWORDED), "added": self.count(ADDED),
                "dropped": self.count(DROPPED)}


def _same_stem(a: str, b: str) -> bool:
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= MIN_STEM and shared >= MIN_STEM_SHARE * min(len(a), len(b))


def _common_languages(a: Text, b: Text) -> list[str]:
    return [lang for lang in LANGS if a.get(lang) and b.get(lang)]


def same_wording(a: Text, b: Text) -> bool:
    """The same words in a language both give (case, hyphens and punctuation aside)."""
    return any(words_of(a.get(lang) or "") == words_of(b.get(lang) or "") for lang in _common_languages(a, b))


def similar_wording(a: Text, b: Text) -> bool:
    """Most words of the shorter wording begin like a word of the other, in a language both give."""
    for lang in _common_languages(a, b):
        left, right = words_of(a.get(lang) or ""), words_of(b.get(lang) or "")
        shorter, longer = (left, right) if len(left) <= len(right) else (right, left)
        if not shorter:
            continue
        hits = sum(1 for w in shorter if any(_same_stem(w, v) for v in longer))
        if hits * 2 > len(shorter) or (hits and len(shorter) == 1):
            return True
    return False


def _concept_ids(fact: Fact, concepts: list[Concept], vocabulary: Vocabulary) -> list[Concept]:
    return list({m.concept.id: m.concept for m in place(fact, concepts, vocabulary)}.values())


def list_change(old: Strategy, new: Strategy, field_name: str, vocabulary: Vocabulary) -> ListChange:
    """Match the old version's items to the new one's: same words, then similar words, then a shared concept."""
    concepts = vocabulary.groups[LIST_GROUPS[field_name]]
    olds, news = list(getattr(old, field_name)), list(getattr(new, field_name))
    incomplete = field_name in old.incomplete or field_name in new.incomplete
    if not olds or not news:
        return ListChange(field_name, bool(olds), bool(news), [], incomplete)
    placed = {id(f): _concept_ids(f, concepts, vocabulary) for f in olds + news}
    pairs: dict[int, tuple[int, str]] = {}  # index in news -> (index in olds, kind)
    taken: set[int] = set()

    def match(test, kind: str) -> None:
        for j, n in enumerate(news):
            if j in pairs:
                continue
            for i, o in enumerate(olds):
                if i not in taken and test(o, n):
                    pairs[j] = (i, kind)
                    taken.add(i)
                    break

    def shares_concept(o: Fact, n: Fact) -> bool:
        return bool({c.id for c in placed[id(o)]} & {c.id for c in placed[id(n)]})

    match(same_wording, KEPT)
    match(similar_wording, REWORDED)
    match(shares_concept, REWORDED)
    lines = []
    for j, n in enumerate(news):
        if j in pairs:
            i, kind = pairs[j]
            shared = [c for c in placed[id(n)] if c.id in {x.id for x in placed[id(olds[i])]}]
            lines.append(ItemLine(kind, olds[i], n, shared))
        else:
            lines.append(ItemLine(ADDED, None, n, placed[id(n)]))
    lines += [ItemLine(DROPPED, o, None, placed[id(o)]) for i, o in enumerate(olds) if i not in taken]
    order = {kind: k for k, kind in enumerate(ITEM_KINDS)}
    lines.sort(key=lambda line: order[line.kind])  # stable: within a kind, the versions' own order
    return ListChange(field_name, True, True, lines, incomplete)


# --- Mission and vision, word by word ----------------------------------------------------------

SAME, REMOVED, INSERTED = "same", "removed", "inserted"
# words with the punctuation written against them, each with the spaces that follow it
_TOKENS = re.compile(r"\s+|\S+\s*")


@dataclass(frozen=True)
class Piece:
    """A run of a text: unchanged, removed (in the old text) or inserted (in the new text)."""

    kind: str
    text: str


def _pieces(kind: str, tokens: list[str]) -> list[Piece]:
    """A changed run with its surrounding spaces left outside the mark."""
    text = "".join(tokens)
    core = text.strip()
    if not core:
        return [Piece(SAME, text)] if text else []
    start = text.index(core)
    out = [Piece(SAME, text[:start])] if start else []
    out.append(Piece(kind, core))
    rest = text[start + len(core):]
    return out + ([Piece(SAME, rest)] if rest else [])


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].kind == piece.kind:
            out[-1] = Piece(piece.kind, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def word_diff(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The old text with its removed words marked, and the new one with its added words marked."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    # compared by the words alone, so a change of spacing or line break is no change of words
    matcher = difflib.SequenceMatcher(None, [t.strip().casefold() for t in a], [t.strip().casefold() for t in b],
                                      autojunk=False)
    left: list[Piece] = []
    right: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(Piece(SAME, "".join(a[i1:i2])))
            right.append(Piece(SAME, "".join(b[j1:j2])))
            continue
        left += _pieces(REMOVED, a[i1:i2])
        right += _pieces(INSERTED, b[j1:j2])
    return _merge(left), _merge(right)


@dataclass
class Wording:
    """One version's text in the language it is compared in, in marked pieces."""

    fact: Fact
    lang: str
    pieces: list[Piece]


@dataclass
class TextChange:
    field: str  # mission or vision
    old: Fact | None
    new: Fact | None
    # lang the words are compared in -> (old pieces, new pieces); empty when there is no common language
    diffs: dict[str, tuple[list[Piece], list[Piece]]] = dataclasses.field(default_factory=dict)

    @property
    def comparable(self) -> bool:
        return self.old is not None and self.new is not None

    @property
    def changed(self) -> bool | None:
        """Whether the words changed; None when one version does not state the text."""
        if not self.comparable:
            return None
        if not self.diffs:
            return True
        return any(p.kind != SAME for old, new in self.diffs.values() for p in old + new)

    def in_language(self, lang: str) -> tuple[Wording, Wording] | None:
        """The two texts marked, in lang if both give it, else in the language both give; None if none."""
        if self.old is None or self.new is None:
            return None
        for code in (lang, *[c for c in LANGS if c != lang]):
            if code in self.diffs:
                old, new = self.diffs[code]
                return Wording(self.old, code, old), Wording(self.new, code, new)
        return None


def text_change(old: Strategy, new: Strategy, field_name: str) -> TextChange:
    a, b = getattr(old, field_name), getattr(new, field_name)
    change = TextChange(field_name, a, b)
    if a is not None and b is not None:
        change.diffs = {lang: word_diff(a.get(lang) or "", b.get(lang) or "") for lang in _common_languages(a, b)}
    return change


# --- Period, approval, deciding body -----------------------------------------------------------

@dataclass
class FieldChange:
    """A plain fact of both versions: the old and new values, None where a version does not state it."""

    field: str  # period, approval_date, approval_body
    old: object | None
    new: object | None

    @property
    def comparable(self) -> bool:
        return self.old is not None and self.new is not None

    @property
    def changed(self) -> bool | None:
        if self.old is None or self.new is None:
            return None
        if isinstance(self.old, Text) and isinstance(self.new, Text):
            return not same_wording(self.old, self.new)
        if isinstance(self.old, Period) and isinstance(self.new, Period):
            return (self.old.start, self.old.end) != (self.new.start, self.new.end)
        return self.old != self.new


def _approval(strategy: Strategy, part: str):
    return getattr(strategy.approval, part) if strategy.approval else None


def field_changes(old: Strategy, new: Strategy) -> list[FieldChange]:
    return [
        FieldChange("period", old.period, new.period),
        FieldChange("approval_date", _approval(old, "date"), _approval(new, "date")),
        FieldChange("approval_body", _approval(old, "body"), _approval(new, "body")),
    ]


# --- One pair of versions ----------------------------------------------------------------------

def version_name(strategy: Strategy) -> str:
    """A version as the section names it: its period (2023–2025, 2026–), else its id."""
    if strategy.period:
        return f"{strategy.period.start}–{strategy.period.end or ''}"
    return strategy.id


@dataclass
class VersionChange:
    """What changed from `old` (the predecessor) to `new`."""

    org: Organisation
    new: Strategy
    old: Strategy
    facts: list[FieldChange]
    mission: TextChange
    vision: TextChange
    values: ListChange
    priorities: ListChange

    @property
    def anchor(self) -> str:
        """The section's id on the organisation page."""
        return f"changes-{self.new.id}"

    @property
    def old_name(self) -> str:
        return version_name(self.old)

    @property
    def new_name(self) -> str:
        return version_name(self.new)

    @property
    def lists(self) -> list[ListChange]:
        return [self.values, self.priorities]

    @property
    def texts(self) -> list[TextChange]:
        return [self.mission, self.vision]


def version_change(org: Organisation, new: Strategy, old: Strategy, vocabulary: Vocabulary) -> VersionChange:
    return VersionChange(
        org, new, old,
        facts=field_changes(old, new),
        mission=text_change(old, new, "mission"),
        vision=text_change(old, new, "vision"),
        values=list_change(old, new, "values", vocabulary),
        priorities=list_change(old, new, "priorities", vocabulary),
    )


def _start(strategy: Strategy) -> int | None:
    """The year a version begins: its period's first year, else the year it was approved."""
    if strategy.period:
        return strategy.period.start
    if strategy.approval and strategy.approval.date:
        return strategy.approval.date.year
    return None


def newest_first(org: Organisation) -> list[Strategy]:
    """The organisation's versions from the newest: by the year each begins when every version
    has one (files do not always list them in that order), else in the file's order."""
    starts = [_start(s) for s in org.strategies]
    if any(start is None for start in starts):
        return list(org.strategies)
    order = sorted(range(len(starts)), key=lambda i: -(starts[i] or 0))  # stable: ties keep the file's order
    return [org.strategies[i] for i in order]


def version_changes(org: Organisation, vocabulary: Vocabulary) -> dict[str, VersionChange]:
    """id of each version that has a predecessor -> what changed since it (the version before it in time)."""
    versions = newest_first(org)
    return {new.id: version_change(org, new, old, vocabulary) for new, old in itertools.pairwise(versions)}


# --- Across the country ------------------------------------------------------------------------

@dataclass
class ConceptShift:
    """How many version pairs gained or lost a concept (a value or theme no longer / newly named)."""

    concept: Concept
    gained: list[VersionChange]
    lost: list[VersionChange]

    @property
    def net(self) -> int:
        return len(self.gained) - len(self.lost)


@dataclass
class CountryChange:
    pairs: list[VersionChange]  # every pair of consecutive versions of every organisation
    shifts: dict[str, list[ConceptShift]]  # values / priorities -> concepts gained or lost, most moved first

    @property
    def organisations(self) -> list[Organisation]:
        return list({p.org.slug: p.org for p in self.pairs}.values())


def _concepts_of(facts: list[Fact], concepts: list[Concept], vocabulary: Vocabulary) -> set[str]:
    return {c.id for f in facts for c in _concept_ids(f, concepts, vocabulary)}


def country_change(organisations: list[Organisation], vocabulary: Vocabulary) -> CountryChange:
    pairs = [change for org in organisations for change in version_changes(org, vocabulary).values()]
    shifts = {}
    for field_name, group in LIST_GROUPS.items():
        concepts = vocabulary.groups[group]
        moved = []
        for concept in concepts:
            gained, lost = [], []
            for pair in pairs:
                change = getattr(pair, field_name)
                if not change.comparable:
                    continue
                before = _concepts_of(getattr(pair.old, field_name), [concept], vocabulary)
                after = _concepts_of(getattr(pair.new, field_name), [concept], vocabulary)
                if after - before:
                    gained.append(pair)
                if before - after:
                    lost.append(pair)
            if gained or lost:
                moved.append(ConceptShift(concept, gained, lost))
        order = {c.id: i for i, c in enumerate(concepts)}
        moved.sort(key=lambda s: (-(len(s.gained) + len(s.lost)), -s.net, order[s.concept.id]))
        shifts[field_name] = moved
    return CountryChange(pairs, shifts)
