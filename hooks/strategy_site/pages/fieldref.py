"""The field reference of the editors' guide, generated from the model so it cannot drift.

Every field of every group of a strategy file, in the order the model declares them: whether it
is required, what it means (the model's description, or fieldref.yaml for the fields without
one) and what it takes, with each allowed value named in the page's language (the site's own
labels, or fieldref.yaml). The guide's Markdown holds the marker; the build puts the tables there.
"""

from __future__ import annotations

import functools
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..input.dates import PartialDate
from ..input.labels import labels
from ..input.model import Fact, Organisation, Text

MARKER = "<!-- field-reference -->"
NOTES = Path(__file__).with_name("fieldref.yaml")

# Where the site's labels name a field's allowed values: (group, field) -> label key prefix.
VALUE_LABELS = {("Organisation", "kind"): "kind_", ("Predecessor", "kind"): "kind_",
                ("Strategy", "status"): "status_", ("Part", "kind"): "part_", ("Part", "status"): "state_",
                ("Milestone", "status"): "state_", ("Milestone", "kind"): "milestone_",
                ("Participation", "kind"): "participation_", ("Organisation", "languages"): "lang_",
                ("Source", "language"): "lang_", ("Strategy", "incomplete"): "", ("Absence", "element"): ""}

WORDS = {
    "fi": {"field": "Kenttä", "required": "Pakollinen", "meaning": "Merkitys", "takes": "Arvo", "yes": "kyllä",
           "text": "teksti", "number": "kokonaisluku", "date": "[päivämäärä](#paivamaarat)",
           "id": "tunnus (a–z, 0–9, -)", "url": "verkko-osoite", "list": "luettelo", "one_of": "yksi näistä",
           "or_null": "tai `null`", "group": "ryhmä", "source_id": "lähteen tunnus (`sources`)",
           "common": "Näiden ryhmien kentät ovat kaikissa teksteissä: ",
           "common_fact": "Tiedoilla (teksti ja lähde) on lisäksi nämä kentät: "},
    "sv": {"field": "Fält", "required": "Obligatoriskt", "meaning": "Betydelse", "takes": "Värde", "yes": "ja",
           "text": "text", "number": "heltal", "date": "[datum](#datum)",
           "id": "id (a–z, 0–9, -)", "url": "webbadress", "list": "lista", "one_of": "ett av dessa",
           "or_null": "eller `null`", "group": "grupp", "source_id": "källans id (`sources`)",
           "common": "De här gruppernas fält finns i alla texter: ",
           "common_fact": "Uppgifter (text och källa) har dessutom de här fälten: "},
}


@functools.cache
def notes() -> dict:
    return yaml.safe_load(NOTES.read_text(encoding="utf-8"))


def groups() -> list[type[BaseModel]]:
    """Every group of fields a strategy file can hold, from the top down, each once."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                visit(inner)

    visit(Organisation)
    return found


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def own_fields(model: type[BaseModel]) -> list[str]:
    """The fields a group adds to those of Text or Fact (which the reference lists once)."""
    base = Fact if issubclass(model, Fact) and model is not Fact else Text if issubclass(model, Text) \
        and model is not Text else None
    return [name for name in model.model_fields if base is None or name not in base.model_fields]


def meaning(model: type[BaseModel], name: str, lang: str) -> str | None:
    """The field's meaning in lang: the model's description (`fi / sv`) or fieldref.yaml."""
    description = model.model_fields[name].description
    if description:
        parts = description.split(" / ", 1)
        return parts[0] if lang == "fi" or len(parts) == 1 else parts[1]
    note = (notes()["fields"] or {}).get(f"{model.__name__}.{name}")
    return note[lang] if note else None


def allowed(model: type[BaseModel], name: str) -> list[str]:
    def literals(annotation) -> list[str]:
        if typing.get_origin(annotation) is typing.Literal:
            return list(typing.get_args(annotation))
        return [v for arg in typing.get_args(annotation) for v in literals(arg)]

    return literals(model.model_fields[name].annotation)


def value_name(model: type[BaseModel], name: str, value: str, lang: str) -> str | None:
    prefix = VALUE_LABELS.get((model.__name__, name))
    if prefix is not None and f"{prefix}{value}" in labels():
        return labels()[f"{prefix}{value}"][lang]
    named = notes().get("values", {}).get(f"{model.__name__}.{name}", {}).get(value)
    return named[lang] if named else None


def _anchor(model: type[BaseModel]) -> str:
    return f"kentat-{model.__name__.lower()}"


def _takes(model: type[BaseModel], name: str, lang: str) -> str:
    words = WORDS[lang]
    info = model.model_fields[name]
    values = allowed(model, name)
    if values:
        named = ", ".join(f"`{v}` ({value_name(model, name, v, lang)})" for v in values)
        kind = f"{words['one_of']}: {named}"
        return f"{words['list']}, {kind}" if typing.get_origin(_unoptional(info.annotation)) is list else kind
    return _describe(info.annotation, info.metadata, lang, name)


def _unoptional(annotation):
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)) \
        and len(args) == 1 else annotation


def _describe(annotation, metadata, lang: str, name: str) -> str:
    words = WORDS[lang]
    nullable = type(None) in typing.get_args(annotation)
    annotation = _unoptional(annotation)
    text = repr((annotation, metadata))
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        return f"{words['list']}: {_describe(inner, [], lang, name)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        group = Text if annotation is Fact else annotation  # a fact is a text with a source: one group
        kind = f"{words['group']} [{notes()['groups'][group.__name__][lang]}](#{_anchor(group)})"
    elif annotation is PartialDate or "parse_partial_date" in text:
        kind = words["date"]
    elif annotation is int:
        kind = words["number"]
    elif "_check_url" in text:
        kind = words["url"]
    elif "check_text" in text:
        kind = words["text"]
    elif name.endswith("source"):
        kind = words["source_id"]
    elif "pattern=" in text and "a-z" in text:
        kind = words["id"]
    else:
        kind = words["text"]
    return f"{kind} {words['or_null']}" if nullable and name == "date" else kind


def _cell(text: str) -> str:
    """Text in a table cell: a pipe would end the cell, and `{...}` at its end is an attr_list."""
    return text.replace("|", "\\|").replace("{", "&#123;").replace("}", "&#125;")


def reference(lang: str) -> str:
    """The Markdown of the whole field reference in lang ("fi" or "sv")."""
    words = WORDS[lang]
    out = [f"{words['common']}[{notes()['groups']['Text'][lang]}](#{_anchor(Text)}). "
           f"{words['common_fact']}" + ", ".join(f"`{n}`" for n in Fact.model_fields if n not in Text.model_fields)
           + "."]
    for model in groups():
        if model is Fact:
            continue
        fields = list(Text.model_fields) + [n for n in Fact.model_fields if n not in Text.model_fields] \
            if model is Text else own_fields(model)
        owner = {n: (Fact if n in Fact.model_fields and n not in Text.model_fields else model) for n in fields} \
            if model is Text else {n: model for n in fields}
        out.append(f"\n### {notes()['groups'][model.__name__][lang]} {{ #{_anchor(model)} }}\n")
        out.append(f"| {words['field']} | {words['required']} | {words['meaning']} | {words['takes']} |")
        out.append("|---|---|---|---|")
        for name in fields:
            holder = owner[name]
            required = words["yes"] if holder.model_fields[name].is_required() else ""
            out.append(f"| `{name}` | {required} | {_cell(meaning(holder, name, lang) or '')} | "
                       f"{_cell(_takes(holder, name, lang))} |")
    return "\n".join(out) + "\n"


def expand(markdown: str, lang: str) -> str:
    """The guide's Markdown with the field reference in place of its marker."""
    return markdown.replace(MARKER, reference(lang)) if MARKER in markdown else markdown
