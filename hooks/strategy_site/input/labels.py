"""Interface text in Finnish and Swedish, and the formats that depend on the language."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, RootModel

from .dates import PartialDate
from .errors import Problem, StrategyDataError

LABELS_DIR = Path(__file__).parent


# Each enumerated field of the schema whose value a page shows: (model, field) -> the prefix of
# its labels (`status_approved`). tests/test_labels.py fails when a value lacks its label in
# either language, or an enumerated field is in neither table.
KIND_LABELS = {
    ("Organisation", "kind"): "kind_",
    ("Organisation", "languages"): "lang_",
    ("Predecessor", "kind"): "kind_",
    ("Strategy", "status"): "status_",
    ("Part", "kind"): "part_",
    ("Part", "status"): "state_",
    ("Milestone", "kind"): "milestone_",
    ("Milestone", "status"): "state_",
    ("Participation", "kind"): "participation_",
    ("Quantity", "qualifier"): "qualifier_",
    ("Absence", "element"): "absent_",
}
# Enumerated fields that no page shows as a word, and why.
UNLABELLED_KINDS = {
    ("Source", "language"): "a source's language is its lang attribute, not text",
    ("Strategy", "incomplete"): "the page says the list is incomplete under the list itself",
}


def label_files() -> list[Path]:
    """labels.yaml plus one labels-<part>.yaml per part of the site (comparison pages, ...)."""
    return [LABELS_DIR / "labels.yaml", *sorted(LABELS_DIR.glob("labels-*.yaml"))]


class Label(BaseModel):
    """One piece of interface text in both languages (a list for month names)."""

    model_config = ConfigDict(extra="forbid")

    fi: str | list[str]
    sv: str | list[str]


class LabelFile(RootModel[dict[str, Label]]):
    """A labels*.yaml file: label key -> its Finnish and Swedish text."""


def check_labels(files: list[Path]) -> tuple[dict, list[Problem]]:
    """Read every label file on the same path as the strategy files; every problem, located."""
    from .load import display_name, read_model  # load reads the model, which labels do not need

    merged: dict = {}
    problems: list[Problem] = []
    for path in files:
        name = display_name(path)
        found, doc, file_problems = read_model(name, path.read_bytes(), LabelFile, "key: {fi: ..., sv: ...}",
                                               "each line is `key: {fi: suomeksi, sv: på svenska}`")
        problems += file_problems
        if found is None or doc is None:
            continue
        for key, value in found.root.items():
            if key in merged:
                problems.append(Problem(name, doc.where((key,)), (key,), f"the label `{key}` is already defined "
                                        f"in {merged[key][0]}", "give it another key, or remove one of the two"))
                continue
            merged[key] = (path.name, value.model_dump())
    return {key: value for key, (_, value) in merged.items()}, problems


@functools.cache
def labels() -> dict:
    merged, problems = check_labels(label_files())
    if problems:
        raise StrategyDataError(problems)
    return merged


def label(key: str, lang: str, **values) -> str:
    text = labels()[key][lang]
    return text.format(**values) if values else text


def label_counted(key: str, count: int, lang: str, **values) -> str:
    """The label for a count: its singular variant key_one when count is 1 and the labels have one."""
    one = f"{key}_one"
    return label(one if count == 1 and one in labels() else key, lang, **values)


def format_number(n: int, lang: str) -> str:
    # Both languages group thousands with a (no-break) space: 1 000
    return f"{n:,}".replace(",", "\u00a0")


def format_date(date: PartialDate, lang: str) -> str:
    """13.6.2022, kesäkuu 2022 / juni 2022, syksy 2019 / hösten 2019, 2022, 6.–7.6.2019."""
    if date.end:
        end = date.end
        if (date.year, date.month) == (end.year, end.month):
            return f"{date.day}.–{end.day}.{end.month}.{end.year}"
        if date.year == end.year:
            return f"{date.day}.{date.month}.–{end.day}.{end.month}.{end.year}"
        return f"{date.day}.{date.month}.{date.year}–{end.day}.{end.month}.{end.year}"
    if date.day:
        return f"{date.day}.{date.month}.{date.year}"
    if date.month:
        return f"{labels()['months'][lang][date.month - 1]} {date.year}"
    if date.part:
        return label(f"season_{date.part}", lang, y=date.year)
    return str(date.year)
