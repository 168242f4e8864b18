"""The JSON Schema for editors' tools, generated from the one schema in model.py."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Organisation

SCHEMA_FILE = "schema/strategy.schema.json"  # relative to the project root; modelines point here


def json_schema() -> dict:
    schema = Organisation.model_json_schema(mode="validation")
    return {
        **schema,
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Hyvinvointialueen strategia / Välfärdsområdets strategi",
        "description": "Yhden organisaation strategiatiedot lähteineen / En organisations strategiuppgifter med källor",
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schema(root: Path) -> bool:
    """Write the schema file if it changed; True if it did."""
    target = root / SCHEMA_FILE
    text = schema_text()
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True
