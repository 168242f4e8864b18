"""Interface text: read on the same validation path as the strategy files, and complete for every kind."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from strategy_site.input import model
from strategy_site.input.labels import KIND_LABELS, UNLABELLED_KINDS, check_labels, label_files, labels


def enumerated_fields() -> dict[tuple[str, str], tuple[str, ...]]:
    """(model, field) -> allowed values, for every field of the schema whose type is a choice of words."""
    found = {}
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == model.__name__:
            for name, info in cls.model_fields.items():
                values = literal_values(info.annotation)
                if values:
                    found[(cls.__name__, name)] = values
    return found


def literal_values(annotation) -> tuple[str, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return tuple(v for arg in typing.get_args(annotation) for v in literal_values(arg))


def test_every_enumerated_field_is_labelled_or_says_why_not() -> None:
    fields = set(enumerated_fields())
    assert fields - KIND_LABELS.keys() - UNLABELLED_KINDS.keys() == set()
    assert (KIND_LABELS.keys() | UNLABELLED_KINDS.keys()) - fields == set()  # no stale row


@pytest.mark.parametrize("field", sorted(KIND_LABELS), ids=".".join)
def test_every_value_of_a_kind_has_its_label_in_both_languages(field) -> None:
    missing = [f"{KIND_LABELS[field]}{value} ({lang})" for value in enumerated_fields()[field]
               for lang in ("fi", "sv") if not (labels().get(f"{KIND_LABELS[field]}{value}") or {}).get(lang)]
    assert missing == []


def test_a_new_kind_without_label_is_found(monkeypatch) -> None:
    monkeypatch.setattr(model.Milestone.model_fields["kind"], "annotation",
                        typing.Literal["start", "hackathon"])
    missing = [value for value in enumerated_fields()[("Milestone", "kind")] if f"milestone_{value}" not in labels()]
    assert missing == ["hackathon"]


def test_the_label_files_are_valid() -> None:
    merged, problems = check_labels(label_files())
    assert problems == []
    assert merged["status_approved"] == {"fi": "hyväksytty", "sv": "godkänd"}


def test_a_broken_label_file_gets_located_messages(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labels.yaml").write_text("home: {fi: Etusivu, sv: Startsida}\nmenu: {fi: Valikko}\n", encoding="utf-8")
    (tmp_path / "labels-more.yaml").write_text("back: {fi: Takaisin, sv: Tillbaka, en: Back}\n"
                                               "home: {fi: Koti, sv: Hem}\n", encoding="utf-8")
    (tmp_path / "labels-twice.yaml").write_text("up: {fi: Ylös, sv: Upp}\nup: {fi: Ylös, sv: Upp}\n", encoding="utf-8")
    _, problems = check_labels([tmp_path / name for name in ("labels.yaml", "labels-more.yaml", "labels-twice.yaml")])
    assert [str(p) for p in problems] == [
        "labels.yaml:2:1: menu.sv: the required field `sv` is missing\n    hint: add `sv:` to this part of the file",
        "labels-more.yaml:1:36: back.en: unknown field `en`\n    hint: the fields allowed here are: fi, sv",
        "labels-twice.yaml:2:1: up: duplicate key `up` (first given on line 1)\n"
        "    hint: remove one of the two or merge them into one",
    ]


def test_a_label_defined_in_two_files_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labels.yaml").write_text("home: {fi: Etusivu, sv: Startsida}\n", encoding="utf-8")
    (tmp_path / "labels-more.yaml").write_text("back: {fi: Takaisin, sv: Tillbaka}\nhome: {fi: Koti, sv: Hem}\n",
                                               encoding="utf-8")
    _, problems = check_labels([tmp_path / "labels.yaml", tmp_path / "labels-more.yaml"])
    assert [str(p) for p in problems] == [
        "labels-more.yaml:2:1: home: the label `home` is already defined in labels.yaml\n"
        "    hint: give it another key, or remove one of the two"]
