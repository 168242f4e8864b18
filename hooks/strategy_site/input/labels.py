"""Interface text in Finnish and Swedish, and the formats that depend on the language."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from .dates import PartialDate

LABELS_DIR = Path(__file__).parent


def label_files() -> list[Path]:
    """labels.yaml plus one labels-<part>.yaml per part of the site (comparison pages, ...)."""
    return [LABELS_DIR / "labels.yaml", *sorted(LABELS_DIR.glob("labels-*.yaml"))]


@functools.cache
def labels() -> dict:
    merged: dict = {}
    for path in label_files():
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"label {key!r} is defined twice ({path.name})")
            merged[key] = value
    return merged


def label(key: str, lang: str, **values) -> str:
    text = labels()[key][lang]
    return text.format(**values) if values else text


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
