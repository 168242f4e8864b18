"""Inputs too big to keep in the corpus, generated here: each fails fast, with one short message.

The limits are in strategy_site.input.yamlread (MAX_FILE_BYTES, MAX_DEPTH, MAX_NODES,
MAX_SCALAR_CHARS) and strategy_site.input.text (MAX_TEXT_CHARS).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from strategy_site.input.errors import StrategyDataError
from strategy_site.input.load import load_catalogue
from strategy_site.input.yamlread import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, read_yaml

HOOKS = Path(__file__).resolve().parent.parent / "hooks"

CASES = {
    "too-many-bytes": (b"slug: x\n# " + b"x" * MAX_FILE_BYTES + b"\n",
                       "too-many-bytes.yaml:1:1: the file is 1,000,011 bytes; the limit is 1,000,000 bytes\n"
                       "    hint: split long texts or link to the source document instead of copying it"),
    "too-many-values": (b"values: [" + b"1, " * MAX_NODES + b"1]\n",
                        "too-many-values.yaml:1:150001: values[49997]: the file has more than 50,000 values\n"
                        "    hint: a strategy file needs far fewer; split it or remove repeated content"),
    # 100,000 levels: PyYAML's C composer recurses and crashes the process with a segfault
    "nested-100000": (b"x: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
                      "nested-100000.yaml:1:24: x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: "
                      "the file is nested more than 20 levels deep\n"
                      "    hint: no field of a strategy file needs such deep nesting"),
    "nested-mappings": (b"".join(b"  " * i + b"k:\n" for i in range(MAX_DEPTH + 5)),
                        "nested-mappings.yaml:21:41: k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k: "
                        "the file is nested more than 20 levels deep\n"
                        "    hint: no field of a strategy file needs such deep nesting"),
    "one-huge-line": (b"vision: " + b"x" * (MAX_FILE_BYTES - 20) + b"\n",
                      "one-huge-line.yaml:1:9: vision: the value is 999,980 characters long; the limit is 5,000\n"
                      "    hint: shorten it, or link to the source document instead of copying it"),
    # 20 levels of 9 aliases: 9**20 strings if expanded; refused at the first anchor
    "alias-bomb-20": (b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n".encode() for i in range(1, 21)),
                      "alias-bomb-20.yaml:1:5: a0: anchors and aliases (& and *) are not allowed\n"
                      "    hint: write the value out in full where it is needed; "
                      "a text that starts with & or * must be put in quotes"),
}


@pytest.mark.parametrize("name", CASES)
def test_fails_fast_with_one_short_message(name: str) -> None:
    raw, expected = CASES[name]
    started = time.perf_counter()
    doc, problems = read_yaml(f"{name}.yaml", raw)
    elapsed = time.perf_counter() - started
    assert doc is None
    assert "\n".join(map(str, problems)) == expected
    assert elapsed < 2.0, f"{name} took {elapsed:.2f} s"


def test_deep_nesting_cannot_crash_the_process(tmp_path: Path) -> None:
    """Run in a child process: a regression would be a segfault, which must fail this test, not kill pytest."""
    raw, _expected = CASES["nested-100000"]
    (tmp_path / "deep.yaml").write_bytes(raw)
    code = ("import sys; from pathlib import Path; from strategy_site.input.yamlread import read_yaml; "
            "doc, problems = read_yaml('deep.yaml', Path(sys.argv[1]).read_bytes()); print(problems[0].message)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "deep.yaml")], cwd=HOOKS,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "the file is nested more than 20 levels deep"


def test_taken_slug_is_found_across_files(tmp_path: Path) -> None:
    """The cross-file case of the corpus (slug-taken.yaml) through the real entry point."""
    corpus = Path(__file__).parent / "bad_input"
    (tmp_path / "alias.yaml").write_bytes((corpus / "unknown-key.yaml").read_bytes())
    (tmp_path / "kopio.yaml").write_bytes((corpus / "slug-taken.yaml").read_bytes())
    with pytest.raises(StrategyDataError) as caught:
        load_catalogue(tmp_path)
    assert "kopio.yaml:1:1: slug: the slug `alias` belongs to the file `alias.yaml`" in caught.value.report()


def test_a_file_with_another_ending_is_reported_not_skipped(tmp_path: Path) -> None:
    corpus = Path(__file__).parent / "bad_input"
    (tmp_path / "Esimerkki.YAML").write_bytes((corpus / "unknown-key.yaml").read_bytes())
    with pytest.raises(StrategyDataError) as caught:
        load_catalogue(tmp_path)
    assert "Esimerkki.YAML:1:1: strategy files end in .yaml, not .YAML" in caught.value.report()
    assert "hint: rename it to esimerkki.yaml" in caught.value.report()
