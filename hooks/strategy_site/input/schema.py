"""The JSON Schema for editors' tools, generated from the one schema in model.py."""

from __future__ import annotations

import functools
import json

from .model import MunicipalDivision, Organisation

SCHEMA_FILE = "schema/strategy.schema.json"  # relative to the project root; modelines point here
DIVISION_SCHEMA_FILE = "schema/municipalities.schema.json"  # for reference/municipalities-<year>.yaml


def json_schema() -> dict:
    schema = Organisation.model_json_schema(mode="validation")
    return {
        **schema,
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Hyvinvointialueen strategia / Välfärdsområdets strategi",
        "description": "Yhden organisaation strategiatiedot lähteineen / En organisations strategiuppgifter med källor",
    }


@functools.cache  # the model does not change while a process runs; the preview writes it at every save
def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def division_schema_text() -> str:
    schema = {
        **MunicipalDivision.model_json_schema(mode="validation"),
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kuntajako / Kommunindelning",
        "description": "Manner-Suomen kunnat lähteineen / Fastlandets kommuner med källor",
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
