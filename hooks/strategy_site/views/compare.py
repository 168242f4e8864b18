"""The comparison pages' logic: grouping by the editorial vocabulary, counts and timeline geometry.

Plain functions over the validated catalogue; no markup here. The templates
(templates/compare_*.html.j2) draw what these functions compute, so every number on the
comparison pages comes from the model and changes when the data does.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import get_args

from ..input.dates import PartialDate
from ..input.load import Catalogue
from ..input.model import LANGS, Absence, Fact, Milestone, Organisation, Participation, Strategy, Text
from ..input.vocabulary import Concept, Vocabulary, normal, words_of
from .queries import latest_strategy, plain

# --- Order -----------------------------------------------------------------------------------------

# å, ä, ö after z, in this order, as both Finnish and Swedish alphabets have them
_ALPHABET = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "ü": "y", "é": "e", "-": " "})


def name_key(org: Organisation, lang: str) -> str:
    """Sort key of an organisation's name in the page's language (Swedish pages list Swedish names
    alphabetically, not in the Finnish order)."""
    return plain(org.name, lang).casefold().translate(_ALPHABET)


def ordered(items: list, lang: str) -> list:
    """Organisations, or rows that hold one in `.org`, by name in lang."""
    return sorted(items, key=lambda item: name_key(item.org if hasattr(item, "org") else item, lang))


# --- Grouping wordings under concepts ---------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """Why a wording is under a concept: the entry (in lang) whose words begin the wording's words."""

    concept: Concept
    lang: str
    entry: str


def _begins_at(words: list[str], i: int, entry: tuple) -> bool:
    return i + len(entry) <= len(words) and all(words[i + k].startswith(part) for k, part in enumerate(entry))


def _beginnings(words: list[str]) -> dict[str, list[int]]:
    """Every beginning of every word -> the positions of the words it begins: an entry can match
    only where a word begins with its first part."""
    found: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        for k in range(1, len(w) + 1):
            found.setdefault(w[:k], []).append(i)
    return found


def _words_without(text: str, ignore: tuple) -> tuple[list[str], dict[str, list[int]]]:
    """The wording's words, with ignored words (organisation names) blanked so they match nothing,
    and their beginnings (_beginnings)."""
    words = words_of(text)
    beginnings = _beginnings(words)
    blank: set[int] = set()
    for entry in ignore:
        if not entry:  # blanks nothing
            continue
        for i in beginnings.get(entry[0], ()) if entry[0] else range(len(words)):
            if _begins_at(words, i, entry):
                blank.update(range(i, i + len(entry)))
    if not blank:
        return words, beginnings
    words = ["" if i in blank else w for i, w in enumerate(words)]
    return words, _beginnings(words)


def place(text: Text, concepts: list[Concept], vocabulary: Vocabulary) -> list[Match]:
    """The concepts a wording lands under, each with the first entry that placed it."""
    wordings = {lang: wording for lang in LANGS if (wording := text.get(lang))}
    # the same wordings land in the same place under the same vocabulary: the preview renders
    # after every save, and each language's pages and the open data place every wording
    if _placed[0] is not vocabulary:
        _placed[:] = [vocabulary, {}]
    # the concepts by identity: they are the vocabulary's own, alive while it is (a list may be made per call)
    key = (tuple(map(id, concepts)), tuple(wordings.items()))
    if key not in _placed[1]:
        _placed[1][key] = _place(wordings, concepts, vocabulary)
    return list(_placed[1][key])


# [the vocabulary, {(ids of its concepts, wordings): matches}]: the last vocabulary's placements
_placed: list = [None, {}]


def _place(wordings: dict[str, str], concepts: list[Concept], vocabulary: Vocabulary) -> list[Match]:
    found = []
    normals = [normal(w) for w in wordings.values()]
    # split once per wording, not once per concept: this loop runs for every value and priority
    split = {lang: _words_without(wording, vocabulary.ignore.get(lang, ())) for lang, wording in wordings.items()}
    words_by_lang = {lang: words for lang, (words, _) in split.items()}
    beginnings = {lang: starts for lang, (_, starts) in split.items()}
    for concept in concepts:
        if any(n in concept.exclude for n in normals):
            continue
        match = None
        for lang, words in words_by_lang.items():
            for entry in concept.words.get(lang, ()):
                positions = beginnings[lang].get(entry[0])
                if positions and any(_begins_at(words, i, entry) for i in positions):
                    match = Match(concept, lang, " ".join(entry))
                    break
            if match:
                break
        if match:
            found.append(match)
    return found


@dataclass
class Placed:
    """One wording of one organisation and the concepts it landed under."""

    fact: Fact
    matches: list[Match]


@dataclass
class Row:
    """An organisation's wordings in one field of its latest strategy."""

    org: Organisation
    strategy: Strategy | None
    items: list[Placed]
    incomplete: bool = False
    absence: Absence | None = None  # a source shows the strategy has no such element


    @property
    def known(self) -> bool:
        return bool(self.items)

    def under(self, concept_id: str) -> list[Placed]:
        return self._by_concept.get(concept_id, [])

    @functools.cached_property
    def _by_concept(self) -> dict[str, list[Placed]]:
        # every page asks every row for every concept: index the rows' wordings once
        index: dict[str, list[Placed]] = {}
        for placed in self.items:
            for concept_id in dict.fromkeys(m.concept.id for m in placed.matches):
                index.setdefault(concept_id, []).append(placed)
        return index

    @property
    def not_grouped(self) -> list[Placed]:
        return [p for p in self.items if not p.matches]


@dataclass
class Grouping:
    """Organisations x concepts for one field (values, priorities or vision)."""

    field: str
    concepts: list[Concept]
    rows: list[Row]
    prefix: str = ""  # anchors: value-<id>, theme-<id>, vision-<id>, <prefix>-not-grouped

    @property
    def known(self) -> list[Row]:
        return [r for r in self.rows if r.known]

    @property
    def unknown(self) -> list[Row]:
        """Rows whose wordings are not in the sources yet (not those a source shows to have none)."""
        return [r for r in self.rows if not r.known and not r.absence]

    @property
    def absent(self) -> list[Row]:
        """Rows whose strategy, by a source, has no such element."""
        return [r for r in self.rows if not r.known and r.absence]

    def members(self, concept_id: str) -> list[Row]:
        return list(self._members.get(concept_id, ()))

    @functools.cached_property
    def _members(self) -> dict[str, list[Row]]:
        # the tables and the templates ask for every concept's members and count several times:
        # go through the rows once (in their order, as a row is listed once per concept)
        index: dict[str, list[Row]] = {}
        for r in self.rows:
            for concept_id in r._by_concept:
                index.setdefault(concept_id, []).append(r)
        return index

    def count(self, concept_id: str) -> int:
        """Organisations that name the concept at least once."""
        return len(self._members.get(concept_id, ()))

    def wordings(self, concept_id: str) -> int:
        return sum(len(r.under(concept_id)) for r in self.rows)

    @property
    def not_grouped(self) -> list[Row]:
        return [r for r in self.rows if r.not_grouped]

    @property
    def not_grouped_wordings(self) -> int:
        return sum(len(r.not_grouped) for r in self.rows)

    def not_grouped_share(self) -> int:
        return round(100 * len(self.not_grouped) / len(self.known)) if self.known else 0

    def ranked(self) -> list[Concept]:
        """Concepts by how many organisations name them, then in the vocabulary's order."""
        order = {c.id: i for i, c in enumerate(self.concepts)}
        return sorted(self.concepts, key=lambda c: (-self.count(c.id), order[c.id]))

    def share(self, concept_id: str) -> int:
        """Whole per cent of the organisations whose wordings are known."""
        return round(100 * self.count(concept_id) / len(self.known)) if self.known else 0


def _items(strategy: Strategy | None, field_name: str) -> list[Fact]:
    if strategy is None:
        return []
    value = getattr(strategy, field_name)
    if isinstance(value, list):
        return list(value)
    return [value] if value is not None else []


def group(catalogue: Catalogue, vocabulary: Vocabulary, field_name: str, group_name: str) -> Grouping:
    """Place every organisation's wordings in field_name of its latest strategy under group_name's concepts."""
    concepts = vocabulary.groups[group_name]
    rows = []
    for org in catalogue.organisations:
        strategy = latest_strategy(org)
        items = [Placed(f, place(f, concepts, vocabulary)) for f in _items(strategy, field_name)]
        absence = strategy.absence(field_name) if strategy and not items else None
        rows.append(Row(org, strategy, items, bool(strategy and field_name in strategy.incomplete), absence))
    return Grouping(field_name, concepts, rows, GROUP_PAGES[group_name][1])


# --- Participation ----------------------------------------------------------------------------------

PARTICIPATION_KINDS = get_args(Participation.model_fields["kind"].annotation)
# process steps in which people outside the preparing officials took part
PARTICIPATORY_STEPS = ("interviews", "survey", "working_group", "seminar", "evening_school", "workshop",
                       "consultation")


@dataclass
class Involvement:
    org: Organisation
    strategy: Strategy | None
    activities: list[Participation]  # the latest strategy's, then the organisation's own
    steps: list[Milestone]  # participatory milestones of the latest strategy

    @property
    def known(self) -> bool:
        return bool(self.activities or self.steps)

    def of_kind(self, kind: str) -> list[Participation]:
        return [a for a in self.activities if a.kind == kind]


@dataclass
class ParticipationTable:
    rows: list[Involvement]

    @property
    def kinds(self) -> list[str]:
        """Kinds that occur in the data, in the schema's order (no empty columns)."""
        present = {a.kind for r in self.rows for a in r.activities}
        return [k for k in PARTICIPATION_KINDS if k in present]

    def count(self, kind: str) -> int:
        """Organisations that report at least one activity of this kind."""
        return sum(1 for r in self.rows if r.of_kind(kind))

    @property
    def known(self) -> list[Involvement]:
        return [r for r in self.rows if r.known]

    def of(self, slug: str) -> Involvement:
        return next(r for r in self.rows if r.org.slug == slug)


def participation(catalogue: Catalogue) -> ParticipationTable:
    rows = []
    for org in catalogue.organisations:
        strategy = latest_strategy(org)
        activities = list(strategy.participation if strategy else []) + list(org.participation)
        steps = [m for m in (strategy.milestones if strategy else []) if m.kind in PARTICIPATORY_STEPS]
        rows.append(Involvement(org, strategy, activities, steps))
    return ParticipationTable(rows)


# --- Timeline ---------------------------------------------------------------------------------------

ROW_HEIGHT = 24  # one strategy version
LANE_GAP = 10  # between organisations
BAR_HEIGHT = 12
AXIS_HEIGHT = 28  # year labels above the plot
PLOT_WIDTH = 560
CHAR_WIDTH = 6.6  # average width of a character at the 12 px label size, for the label column
PERIOD_WIDTH = 76  # right-hand column with each version's period as text
MIN_YEARS = 5
# Where the drawing puts things relative to the positions above (SVG user units)
TICK_OVERHANG = 6  # a year's line starts this far above the first lane
YEAR_BASELINE = 10  # the year labels' baseline, above the first lane
YEAR_INDENT = 3  # a year label starts this far right of its line
LANE_SEPARATOR = 5  # the line between two organisations, above the lower one's top
NAME_BASELINE = 16  # an organisation's name (and its "no strategy" note), below its lane's top
NOTE_INDENT = 4  # a note in the plot starts this far right of its left edge
NOTE_BASELINE = 4  # a version's note ("no dates"), below its centre line
PERIOD_BASELINE = 3.5  # a version's period in the right-hand column, below its centre line
ARROW = 8  # the open end's arrowhead: this long, and as far above and below the centre line
DIAMOND = 7  # half the diagonal of a decision's diamond
MARK_RADIUS = 5  # another milestone's circle
DOT_RADIUS = 1.6  # the dot inside an ongoing milestone
DECISIONS = ("approval", "council_decision")  # marks drawn as a diamond
SWATCH_CENTRE = 9  # the centre of the legend's 18-unit mark swatch (compare_timeline.html.j2)
# a bar's pattern beside its colour, so a status does not rest on colour alone (patterns: the template's <defs>)
BAR_PATTERNS = {"in_preparation": "url(#ss-pattern-hatch)", "superseded": "url(#ss-pattern-dots)"}
BAR_STATUSES = ("approved", "in_preparation", "superseded")  # the legend's bars, in its order


def bar_fill(status: str) -> str | None:
    """The pattern a bar of a version in this status is filled with; None for plain colour."""
    return BAR_PATTERNS.get(status)


@dataclass
class Tick:
    x: float
    year: int
    labelled: bool  # the year is written beside its line (every year or every other; not the axis's end)

    @property
    def label_x(self) -> float:
        return self.x + YEAR_INDENT


@dataclass
class Glyph:
    """How a mark is drawn at (x, y): a diamond for a decision, a circle for another milestone, with a
    dot inside when the milestone is ongoing."""

    x: float
    y: float
    kind: str  # "approval" or a milestone kind
    status: str  # done / ongoing / planned ("done" for an approval with a date in the past of the source)

    @property
    def diamond(self) -> bool:
        return self.kind in DECISIONS

    @property
    def outline(self) -> str:
        """The diamond's path (SVG d), clockwise from its top."""
        x, y = self.x, self.y
        return f"M{x} {y - DIAMOND}L{x + DIAMOND} {y}L{x} {y + DIAMOND}L{x - DIAMOND} {y}Z"

    @property
    def radius(self) -> float:
        return MARK_RADIUS

    @property
    def dot_radius(self) -> float | None:
        """The radius of the dot inside an ongoing milestone; None for the others."""
        return DOT_RADIUS if self.status == "ongoing" else None


@dataclass
class Mark(Glyph):
    """A dated event on a version's row: the approval decision or a process milestone."""

    date: PartialDate


@dataclass
class Version:
    strategy: Strategy
    y: float  # centre line of the row
    x: float | None = None  # bar start, None when the period is unknown
    width: float = 0.0
    open_end: bool = False  # the period has no end year
    marks: list[Mark] = field(default_factory=list)
    undated: int = 0  # milestones the sources give no date for (in the table only)
    label: str = ""  # the period as text in the right-hand column ("2023–2025"); "" when unknown

    @property
    def bar_y(self) -> float:
        return self.y - BAR_HEIGHT // 2

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def bar_fill(self) -> str | None:
        return bar_fill(self.strategy.status)

    @property
    def open_end_path(self) -> str:
        """The arrowhead (SVG d) at the bar's end when the period has no end year; "" otherwise."""
        if not self.open_end or self.x is None:
            return ""
        return f"M{self.x + self.width} {self.y - ARROW}l{ARROW} {ARROW}l-{ARROW} {ARROW}z"

    @property
    def note_y(self) -> float:
        return self.y + NOTE_BASELINE

    @property
    def period_y(self) -> float:
        return self.y + PERIOD_BASELINE


@dataclass
class Lane:
    org: Organisation
    name: str
    y: float  # top
    height: float
    versions: list[Version]
    separator_y: float | None = None  # the line above the lane; None for the first

    @property
    def name_y(self) -> float:
        """The baseline of the organisation's name, and of the note when it has no strategy."""
        return self.y + NAME_BASELINE


@dataclass
class Timeline:
    first_year: int
    last_year: int  # the axis ends at the end of this year
    label_width: float
    width: float
    height: float
    top: float
    ticks: list[Tick]
    lanes: list[Lane]

    @property
    def plot_x0(self) -> float:
        return self.label_width

    @property
    def plot_x1(self) -> float:
        return self.label_width + PLOT_WIDTH

    @property
    def period_x(self) -> float:
        """Right edge of the period column (text-anchor end)."""
        return self.width - 2

    @property
    def axis_top(self) -> float:
        """Where the year lines start."""
        return self.top - TICK_OVERHANG

    @property
    def year_y(self) -> float:
        """The baseline of the year labels and of the period column's heading."""
        return self.top - YEAR_BASELINE

    @property
    def note_x(self) -> float:
        """Where a note in the plot starts ("no dates", "no strategy")."""
        return self.plot_x0 + NOTE_INDENT

    @property
    def legend_statuses(self) -> tuple[str, ...]:
        return BAR_STATUSES

    @staticmethod
    def legend_fill(status: str) -> str | None:
        """The pattern of the legend's bar for a status (as the version bars have)."""
        return bar_fill(status)

    @staticmethod
    def legend_glyph(kind: str, status: str) -> Glyph:
        """A mark for the legend, in the middle of its swatch."""
        return Glyph(SWATCH_CENTRE, SWATCH_CENTRE, kind, status)

    @property
    def version_count(self) -> int:
        return sum(len(lane.versions) for lane in self.lanes)

    @property
    def empty(self) -> bool:
        return not any(v.x is not None or v.marks for lane in self.lanes for v in lane.versions)


def _middle(date: PartialDate) -> dt.date:
    first, last = date.first_day(), date.last_day()
    return first + (last - first) / 2


def _dated(strategy: Strategy) -> list[tuple[str, str, PartialDate]]:
    """(kind, status, date) of the version's dated events; a council decision on the approval day once."""
    approval = strategy.approval.date if strategy.approval and strategy.approval.date else None
    events = []
    if approval:
        events.append(("approval", "planned" if strategy.status == "in_preparation" else "done", approval))
    for m in strategy.milestones:
        if m.date is None or (m.kind == "council_decision" and m.date == approval):
            continue
        events.append((m.kind, m.status, m.date))
    return events


def _years(catalogue: Catalogue) -> tuple[int, int] | None:
    years: list[int] = []
    for org in catalogue.organisations:
        for s in org.strategies:
            if s.period:
                years += [s.period.start, s.period.end or s.period.start]
            years += [d.year for _, _, d in _dated(s)] + [d.last_day().year for _, _, d in _dated(s)]
    if not years:
        return None
    first, last = min(years), max(years)
    return first, max(last, first + MIN_YEARS - 1)


def timeline(catalogue: Catalogue, lang: str) -> Timeline:
    """Geometry of the time axis in SVG user units: one lane per organisation, one row per version."""
    span = _years(catalogue) or (2020, 2020 + MIN_YEARS - 1)
    first, last = span
    organisations = ordered(catalogue.organisations, lang)
    names = [plain(org.name, lang) for org in organisations]
    label_width = round(min(max([len(n) for n in names] + [10]) * CHAR_WIDTH + 16, 300))
    width = label_width + PLOT_WIDTH + PERIOD_WIDTH
    origin = dt.date(first, 1, 1)
    days = (dt.date(last + 1, 1, 1) - origin).days

    def x(day: dt.date) -> float:
        return round(label_width + (day - origin).days / days * PLOT_WIDTH, 1)

    years = last - first + 1
    step = 1 if PLOT_WIDTH / years >= 40 else 2
    ticks = [Tick(x(dt.date(y, 1, 1)), y, (y - first) % step == 0 and y <= last) for y in range(first, last + 2)]
    lanes: list[Lane] = []
    y = float(AXIS_HEIGHT)
    for org, name in zip(organisations, names, strict=True):
        versions = []
        for i, s in enumerate(org.strategies or [None]):
            centre = y + ROW_HEIGHT * i + ROW_HEIGHT / 2
            if s is None:
                continue
            version = Version(s, centre)
            if s.period:
                start = x(dt.date(s.period.start, 1, 1))
                end = x(dt.date((s.period.end or last) + 1, 1, 1))
                version.x, version.width, version.open_end = start, round(end - start, 1), s.period.end is None
                version.label = f"{s.period.start}–{s.period.end or ''}"
            version.marks = [Mark(x(_middle(d)), centre, kind, state, d) for kind, state, d in _dated(s)]
            version.undated = sum(1 for m in s.milestones if m.date is None)
            versions.append(version)
        height = ROW_HEIGHT * max(1, len(org.strategies))
        lanes.append(Lane(org, name, y, height, versions, y - LANE_SEPARATOR if lanes else None))
        y += height + LANE_GAP
    return Timeline(first, last, label_width, width, round(y + 4), AXIS_HEIGHT, ticks, lanes)


# --- Pages ------------------------------------------------------------------------------------------

@dataclass
class Comparison:
    """Everything the comparison templates read, computed once for both languages."""

    vocabulary: Vocabulary
    values: Grouping
    priorities: Grouping
    visions: Grouping
    participation: ParticipationTable
    timelines: dict = field(default_factory=dict)  # lang -> Timeline (Timelines: drawn when first asked for)


def compare(catalogue: Catalogue, vocabulary: Vocabulary) -> Comparison:
    return Comparison(
        vocabulary,
        values=group(catalogue, vocabulary, "values", "values"),
        priorities=group(catalogue, vocabulary, "priorities", "themes"),
        visions=group(catalogue, vocabulary, "vision", "visions"),
        participation=participation(catalogue),
        timelines=Timelines(catalogue),
    )


class Timelines(dict):
    """lang -> the catalogue's Timeline in lang, computed when a page first asks for it: a render
    of one language (each language renders in a process of its own) needs only its own."""

    def __init__(self, catalogue: Catalogue):
        super().__init__()
        self.catalogue = catalogue

    def __missing__(self, lang: str) -> Timeline:
        if lang not in LANGS:
            raise KeyError(lang)
        self[lang] = found = timeline(self.catalogue, lang)
        return found


GROUP_PAGES = {"values": ("values", "value"), "themes": ("priorities", "theme"), "visions": ("visions", "vision")}


def anchor(concept: Concept) -> str:
    """The concept's anchor on its page: value-equality, theme-staff, vision-best."""
    return f"{GROUP_PAGES[concept.group][1]}-{concept.id}"
