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

from .errors import Location, Problem, StrategyDataError, did_you_mean
from .model import LANG_NAMES, LANGS
from .text import check_text
from .yamlread import Document, read_yaml

VOCABULARY_FILE = Path(__file__).resolve().parents[3] / "vocabulary" / "concepts.yaml"

# group name in the file -> what it groups (used in messages)
GROUPS = {"values": "values", "themes": "strategic priorities", "visions": "visions"}
TOP_KEYS = ("ignore_words", *GROUPS)
CONCEPT_KEYS = ("id", "label", "definition", "words", "not", "related")
_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
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


class _Checker:
    def __init__(self, name: str, doc: Document):
        self.name = name
        self.doc = doc
        self.problems: list[Problem] = []
        self.written: dict[tuple, list[str]] = {}  # path of a word list -> its entries as written

    def add(self, path: tuple, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, self.doc.where(path), path, message, hint))

    def mapping(self, value, path: tuple, allowed: tuple, what: str) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, f"{what} must be a group of fields ({', '.join(allowed)})",
                     "indent the fields under it, one `name: value` per line")
            return None
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or f"the fields allowed here are: {', '.join(allowed)}"
                self.add(path + (key,), f"unknown field `{key}`", hint)
        return value

    def texts(self, value, path: tuple, what: str) -> dict:
        """A {fi: ..., sv: ...} pair in which both languages are required."""
        out: dict = {}
        if isinstance(value, dict) and any(key not in LANGS for key in value):
            for key in value:
                if key not in LANGS:
                    self.add(path + (key,), f"unknown field `{key}` in the {what}",
                             "a comma inside `{fi: ..., sv: ...}` splits the text; put the text in quotes")
            value = {k: v for k, v in value.items() if k in LANGS}
        if self.mapping(value, path, LANGS, what) is None:
            return out
        for lang in LANGS:
            text = value.get(lang)
            if text is None:
                self.add(path, f"the {what} has no {LANG_NAMES[lang]} text (`{lang}`)",
                         f"add `{lang}:` under `{path[-1]}`; both languages are shown on the site")
            elif not isinstance(text, str):
                self.add(path + (lang,), f"expected text, got {type(text).__name__}", "put the text in quotes")
            else:
                try:
                    out[lang] = check_text(text)
                except ValueError as err:
                    self.add(path + (lang,), str(err))
        return out

    def word_list(self, value, path: tuple) -> tuple:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(path, "expected a list (lines starting with `- `)", "write one word or phrase per line")
            return ()
        entries = []
        seen: dict = {}
        for i, item in enumerate(value):
            where = path + (i,)
            if not isinstance(item, str) or not item.strip():
                self.add(where, "expected a word or phrase", "put it in quotes if YAML reads it as something else")
                continue
            if item != item.lower():
                self.add(where, f"`{item}` has capital letters; words are compared in lowercase",
                         f"write `{item.lower()}`")
                continue
            if special := _NOT_PLAIN.search(item):
                self.add(where, f"`{item}` contains `{special.group()}`; entries are plain beginnings "
                                "of words, not patterns", "remove the special character; `vastuu` already places "
                                                           "`vastuullisuus`")
                continue
            entry = tuple(words_of(item))
            if entry in seen:
                self.add(where, f"`{item}` is listed twice (first at item {seen[entry]})", "remove one of them")
                continue
            seen[entry] = i
            entries.append(entry)
            self.written.setdefault(path, []).append(item.strip())
        return tuple(entries)

    def words(self, value, path: tuple) -> dict:
        if value is None:
            return {}
        if self.mapping(value, path, LANGS, "`words`") is None:
            return {}
        return {lang: self.word_list(value.get(lang), path + (lang,)) for lang in LANGS}


def _concepts(check: _Checker, group: str, items, seen_ids: dict, references: list) -> list[Concept]:
    path = (group,)
    if not isinstance(items, list):
        check.add(path, f"`{group}` must be a list of concepts (lines starting with `- id:`)", "")
        return []
    out = []
    for i, raw in enumerate(items):
        where = path + (i,)
        data = check.mapping(raw, where, CONCEPT_KEYS, "a concept")
        if data is None:
            continue
        concept_id = data.get("id")
        if not isinstance(concept_id, str) or not _ID_RE.match(concept_id):
            check.add(where + ("id",), "every concept needs an `id` of lowercase letters a-z, digits and hyphens",
                      "e.g. `id: equality`; the id is also the concept's anchor on the site")
            continue
        if concept_id in seen_ids:
            first = check.doc.where(seen_ids[concept_id])
            check.add(where + ("id",), f"the concept id `{concept_id}` is used twice (first on line {first.line})",
                      "give each concept its own id; ids are shared by values, themes and visions")
        seen_ids[concept_id] = where + ("id",)
        for key in ("label", "definition"):
            if key not in data:
                check.add(where, f"the required field `{key}` is missing", f"add `{key}: {{fi: ..., sv: ...}}`")
        label = check.texts(data.get("label"), where + ("label",), "label") if "label" in data else {}
        definition = check.texts(data.get("definition"), where + ("definition",), "definition") \
            if "definition" in data else {}
        words = check.words(data.get("words"), where + ("words",))
        if not any(words.values()):
            check.add(where, f"the concept `{concept_id}` has no `words`, so nothing can land in it",
                      "add `words: {fi: [...], sv: [...]}` with the beginnings of the words that place a wording here")
        # full wordings (any case in the data) that a word would place here but the editors do not
        exclude = frozenset(" ".join(e) for e in check.word_list(data.get("not"), where + ("not",)))
        related = data.get("related") or []
        if not isinstance(related, list):
            check.add(where + ("related",), "expected a list of concept ids", "e.g. `related: [safety]`")
            related = []
        for j, ref in enumerate(related):
            references.append((where + ("related", j), ref))
        written = {lang: tuple(check.written.get(where + ("words", lang), ())) for lang in LANGS}
        out.append(Concept(concept_id, group, label, definition, words, exclude,
                           tuple(r for r in related if isinstance(r, str)), written))
    return out


def check_vocabulary(name: str, raw: bytes) -> tuple[Vocabulary | None, list[Problem]]:
    doc, problems = read_yaml(name, raw)
    if doc is None:
        return None, problems
    check = _Checker(name, doc)
    data = check.mapping(doc.data, (), TOP_KEYS, "the vocabulary file")
    if data is None:
        return None, check.problems
    seen_ids: dict = {}
    references: list = []
    groups: dict[str, list] = {}
    for group in GROUPS:
        if group not in data:
            check.add((), f"the required list `{group}` is missing",
                      f"add `{group}:` with the concepts that group the strategies' {GROUPS[group]}")
            groups[group] = []
        else:
            groups[group] = _concepts(check, group, data[group], seen_ids, references)
    for where, ref in references:
        if ref not in seen_ids:
            hint = did_you_mean(ref, seen_ids) or "use the `id` of a concept in this file"
            check.add(where, f"`{ref}` is not the id of any concept in this file", hint)
    ignore = check.words(data.get("ignore_words"), ("ignore_words",))
    if check.problems:
        return None, check.problems
    return Vocabulary(groups, ignore, name), []


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and validate the vocabulary; raise StrategyDataError with every problem."""
    name = path.as_posix()
    if not path.is_file():
        raise StrategyDataError([Problem(name, Location(1, 1), (), "the vocabulary file does not exist",
                                         "the comparison pages need it; restore vocabulary/concepts.yaml")])
    vocabulary, problems = check_vocabulary(name, path.read_bytes())
    if vocabulary is None:
        raise StrategyDataError(problems)
    return vocabulary
