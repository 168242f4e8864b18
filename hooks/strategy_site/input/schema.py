"""The JSON Schema for editors' tools, generated from the one schema in model.py."""

from __future__ import annotations

import json

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
