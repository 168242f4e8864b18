"""Editors' tooltips in their own languages: the real yaml-language-server (the npm package that
VS Code's YAML extension runs, pinned in package-lock.json) over stdio, on a real strategy file
with the generated JSON Schema.

The schema comes from the model (`python3 build.py schema`; test_editors checks it is current),
so these tests check what an editor really sees: hover, completion and squiggles.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gate.lsp import LanguageServer
from strategy_site.input.model import Strategy

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemas": {}}}
REAL_FILE = ROOT / "strategies" / "hus.yaml"  # two versions; the first has a vision, values and milestones
FULL_FILE = ROOT / "strategies" / "etela-karjala.yaml"  # mission, vision, values, priorities, approval, milestones


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    assert SERVER.exists(), "yaml-language-server is missing: `python3 build.py test` installs it with npm ci"
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is missing: `python3 build.py test` installs it"
    root = tmp_path_factory.mktemp("editor")
    (root / "schema").mkdir()
    shutil.copy2(ROOT / "schema" / "strategy.schema.json", root / "schema")
    (root / "strategies").mkdir()
    ls = LanguageServer([node, str(SERVER), "--stdio"], root, SETTINGS)
    yield ls, root
    ls.close()


def open_file(server, name: str, text: str) -> tuple[str, list[str]]:
    ls, root = server
    path = root / "strategies" / name
    path.write_text(text, encoding="utf-8")
    return ls.open(path, text), text.splitlines()


def line_of(lines: list[str], start: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(lines) if i >= after and line.startswith(start))


def unescape(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_hover_on_vision_shows_its_finnish_and_swedish_description(server) -> None:
    ls, _ = server
    uri, lines = open_file(server, "hus.yaml", REAL_FILE.read_text(encoding="utf-8"))
    row = line_of(lines, "    vision:")
    hover = unescape(ls.hover(uri, row, 6)["contents"]["value"])
    fi, sv = Strategy.model_fields["vision"].description.split(" / ")
    assert fi.startswith("Visio lähteen sanoin") and sv.startswith("Vision med källans ord")
    assert fi in hover and sv in hover, hover
    # the shared class of the field (Fact) does not put an English docstring in its place
    assert "A statement taken from a source" not in hover


def test_hover_on_the_most_used_fields_shows_each_its_own_description(server) -> None:
    ls, _ = server
    uri, lines = open_file(server, "etela-karjala.yaml", FULL_FILE.read_text(encoding="utf-8"))
    seen = set()
    for field in ("mission", "vision", "values", "priorities", "approval", "milestones"):
        row = line_of(lines, f"    {field}:")
        hover = unescape(ls.hover(uri, row, 6)["contents"]["value"])
        description = Strategy.model_fields[field].description
        assert description in hover, (field, hover)
        seen.add(description)
    assert len(seen) == 6, "each field has a description of its own"


def test_completion_inside_a_strategy_offers_the_keys_not_yet_used(server) -> None:
    ls, _ = server
    lines = REAL_FILE.read_text(encoding="utf-8").splitlines()
    first = line_of(lines, "  - id:")
    second = line_of(lines, "  - id:", first + 1)
    lines.insert(second - 1, "    ")  # an empty line at the end of the first strategy
    uri, lines = open_file(server, "hus-completion.yaml", "\n".join(lines) + "\n")
    labels = {item["label"] for item in ls.complete(uri, second - 1, 4)}
    used = {line.strip().split(":")[0] for line in lines[first + 1:second - 1]
            if line.startswith("    ") and not line.startswith("     ")}
    assert {"vision", "values", "milestones", "period"} <= used
    assert {"mission", "success_factors", "quotes", "not_in_strategy"} <= labels, sorted(labels)
    assert not labels & used, sorted(labels & used)


def test_an_unknown_key_is_flagged_on_its_line(server) -> None:
    ls, _ = server
    lines = REAL_FILE.read_text(encoding="utf-8").splitlines()
    row = line_of(lines, "    period:") + 1
    lines.insert(row, "    visio: Johtavaa terveydenhuoltoa yhdessä")
    uri, _ = open_file(server, "hus-unknown.yaml", "\n".join(lines) + "\n")
    diagnostics = ls.published(uri)
    flagged = [d for d in diagnostics if "visio" in d["message"]]
    assert flagged, diagnostics
    assert {d["range"]["start"]["line"] for d in flagged} == {row}
    assert "not allowed" in flagged[0]["message"]


def test_every_field_an_editor_writes_has_its_own_finnish_and_swedish_description() -> None:
    import json

    schema = json.loads((ROOT / "schema" / "strategy.schema.json").read_text(encoding="utf-8"))
    classes = [("root", schema), *schema["$defs"].items()]
    for name, definition in classes:
        assert "description" not in definition or name == "root", f"{name}: an English class docstring"
        for key, prop in definition.get("properties", {}).items():
            description = prop.get("description", "")
            fi, _, sv = description.partition(" / ")
            assert fi.strip() and sv.strip(), f"{name}.{key} has no Finnish and Swedish description"
            assert prop.get("title") == key, f"{name}.{key}: title {prop.get('title')!r}"
