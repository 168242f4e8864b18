"""The editors' guide and the tool agree: every message has an entry, quoted outputs are real, fields are all there.

- Every message kind the tool can give (its own, found in the code, and the YAML parser's) has an
  entry in the Finnish and in the Swedish guide; a message added without an entry fails here.
- Each output the guide quotes after `<!-- output: check <example> -->` is what `check` prints
  for tests/guide_examples/<example>/ (run for real, with the build date fixed).
- The field reference (generated into the guide at build time) names every field of the model
  with its meaning and every allowed value, in both languages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from message_catalogue import ROOT, YAML_PARSER_MESSAGES, all_messages, guide_entries, messages_in_source, undocumented
from strategy_site.input.labels import labels
from strategy_site.pages import fieldref

GUIDES = {"fi": ROOT / "docs" / "ohje.fi.md", "sv": ROOT / "docs" / "ohje.sv.md"}
EXAMPLES = Path(__file__).parent / "guide_examples"
OUTPUT = re.compile(r"<!-- output: check (?P<example>[a-z-]+) -->\n```\n(?P<text>.*?)```", re.DOTALL)
BUILD_DATE = "1780272000"  # 2026-06-01: the warnings example speaks of 2026


def guide(lang: str) -> str:
    return GUIDES[lang].read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", GUIDES)
def test_every_message_has_an_entry_in_the_guide(lang: str) -> None:
    missing = undocumented(all_messages(), guide(lang))
    assert not missing, f"docs/ohje.{lang}.md has no entry for:\n" + "\n".join(
        f"  {m.where}: {m.pattern}" for m in missing)


def test_the_catalogue_finds_the_messages() -> None:
    """Guards against a collector that finds nothing: a few messages of each kind are in it."""
    patterns = "\n".join(m.pattern for m in all_messages())
    for text in ("the text stops at", "is not a date", "two versions are approved", "anchors and aliases",
                 "fix them and run the check again", "cannot be a slug", "did not find expected key"):
        assert re.escape(text).replace("\\ ", " ") in patterns.replace("\\ ", " "), text
    assert len(all_messages()) > 120


def test_a_message_added_without_an_entry_fails() -> None:
    seeded = messages_in_source("hooks/strategy_site/text.py",
                                'def f():\n    raise ValueError(f"the text rhymes with {word!r}; unrhyme it")\n')
    assert [m.pattern for m in seeded] == [r"the\ text\ rhymes\ with\ .+?;\ unrhyme\ it"]
    for lang in GUIDES:
        assert undocumented(all_messages() + seeded, guide(lang)) == seeded


@pytest.mark.parametrize("lang", GUIDES)
def test_an_entry_removed_from_the_guide_fails(lang: str) -> None:
    text = guide(lang)
    line = next(line for line in text.splitlines() if "the source `src-b` is not used by any fact" in line)
    missing = undocumented(all_messages(), text.replace(line, ""))
    assert [m.where for m in missing] == [m.where for m in all_messages() if m.matches(
        "the source `src-b` is not used by any fact")]


def test_the_parser_messages_are_those_of_the_installed_libyaml() -> None:
    """Every problem text in PyYAML's compiled libyaml is in YAML_PARSER_MESSAGES (and no other)."""
    import yaml._yaml as compiled

    binary = Path(compiled.__file__).read_bytes()
    texts = {t.decode() for t in re.findall(rb"[ -~]{6,}", binary)}
    shape = re.compile(r"^(found |did not find|could not find|block sequence|mapping (keys|values)|"
                       r"control characters)[a-zA-Z0-9 '%<>,:;.\-!\]\[{}_]*$")
    in_library = {t for t in texts if shape.match(t)} - {"found duplicate anchor; first occurrence",
                                                         "found undefined alias"}  # aliases are refused first
    assert in_library == set(YAML_PARSER_MESSAGES)


def run_check(example: str, tmp_path: Path) -> str:
    project = tmp_path / example
    shutil.copytree(EXAMPLES / example, project / "strategies")
    shutil.copytree(ROOT / "vocabulary", project / "vocabulary")
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from strategy_site.cli import main; sys.exit(main(['check'], Path('.').resolve()))")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "hooks")], cwd=project, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": BUILD_DATE, "PYTHONNOUSERSITE": "1"})
    return result.stdout


def quoted_outputs() -> list[tuple[str, str, str]]:
    return [(lang, m["example"], m["text"]) for lang in GUIDES for m in OUTPUT.finditer(guide(lang))]


def test_the_guides_quote_outputs() -> None:
    found = quoted_outputs()
    assert {example for _, example, _ in found} == {p.name for p in EXAMPLES.iterdir()}
    assert sorted(e for lang, e, _ in found if lang == "fi") == sorted(e for lang, e, _ in found if lang == "sv")


@pytest.mark.parametrize("lang,example,text", quoted_outputs(), ids=lambda v: v if len(v) < 12 else None)
def test_a_quoted_output_is_the_tools_real_output(lang: str, example: str, text: str, tmp_path: Path) -> None:
    actual = run_check(example, tmp_path)
    if os.environ.get("UPDATE_GOLDEN") == "1":  # rewrite the guide's block; review the diff
        marker = f"<!-- output: check {example} -->\n```\n"
        GUIDES[lang].write_text(guide(lang).replace(marker + text, marker + actual), encoding="utf-8")
        return
    assert actual == text, f"docs/ohje.{lang}.md quotes another output of `check` on {example}"


@pytest.mark.parametrize("lang", GUIDES)
def test_the_field_reference_names_every_field_and_value(lang: str) -> None:
    for model in fieldref.groups():
        assert model.__name__ in fieldref.notes()["groups"] or model.__name__ == "Fact"
        for name in model.model_fields:
            assert fieldref.meaning(model, name, lang), f"{model.__name__}.{name} has no meaning in {lang}"
            for value in fieldref.allowed(model, name):
                assert fieldref.value_name(model, name, value, lang), f"{model.__name__}.{name}: {value}"
    reference = fieldref.reference(lang)
    for model in fieldref.groups():
        for name in fieldref.own_fields(model):
            assert f"| `{name}` |" in reference
    assert fieldref.MARKER in guide(lang)
    assert fieldref.MARKER not in fieldref.expand(guide(lang), lang)


def test_the_field_notes_are_neither_stale_nor_duplicates() -> None:
    models = {m.__name__: m for m in fieldref.groups()}
    for key in fieldref.notes()["fields"] or {}:
        group, name = key.split(".")
        assert group in models and name in models[group].model_fields, f"{key}: no such field; delete the entry"
        assert not models[group].model_fields[name].description, \
            f"{key} has a description in the model now; delete its entry in fieldref.yaml"
    for key, values in fieldref.notes()["values"].items():
        group, name = key.split(".")
        prefix = fieldref.VALUE_LABELS.get((group, name))
        for value in values:
            assert value in fieldref.allowed(models[group], name)
            assert prefix is None or f"{prefix}{value}" not in labels(), f"{key}.{value} is in labels.yaml"


def headings(text: str) -> list[tuple[str, bool]]:
    """Each heading's level and whether it has an anchor of its own (the anchors differ by language)."""
    return [(level, bool(anchor)) for level, anchor in re.findall(r"^(#+) .*?(\{ #[a-z-]+ \})?$", text, re.M)]


def test_the_finnish_and_swedish_guides_have_the_same_parts() -> None:
    fi, sv = guide("fi"), guide("sv")
    assert headings(fi) == headings(sv)
    assert len(guide_entries(fi)) == len(guide_entries(sv))
    assert fi.count("```yaml") == sv.count("```yaml")


@pytest.mark.parametrize("lang", GUIDES)
def test_the_guides_yaml_examples_are_valid_yaml(lang: str) -> None:
    """Every ```yaml block reads without a YAML problem (a `...` line stands for the rest of a file)."""
    from strategy_site.input.yamlread import read_yaml

    blocks = re.findall(r"```yaml\n(.*?)```", guide(lang), re.DOTALL)
    assert len(blocks) >= 6
    for block in blocks:
        text = "\n".join(line for line in block.splitlines() if line.strip() != "...")
        if all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
            continue  # a comment line shown on its own
        _, problems = read_yaml("ohje", text.encode("utf-8"))
        assert problems == [], f"{block}\n{problems}"


@pytest.mark.parametrize("lang", GUIDES)
def test_the_field_reference_renders_as_plain_table_cells(lang: str) -> None:
    """With the site's Markdown extensions, no text of the reference becomes markup (attr_list reads a
    `{...}` at the end of a cell as attributes, a `|` ends a cell)."""
    import markdown

    page = markdown.markdown(fieldref.reference(lang), extensions=["attr_list", "tables"])
    assert re.findall(r"<td [^>]*>", page) == []
    rows = sum(len(fieldref.own_fields(m)) for m in fieldref.groups() if m.__name__ not in ("Fact", "Text"))
    assert page.count("<tr>") >= rows
    import html as entities

    from strategy_site.input.model import Strategy

    assert fieldref.meaning(Strategy, "period", lang) in entities.unescape(page)  # braces and all
