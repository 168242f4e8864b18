"""The linter and the type checker are clean, and every silenced warning says why on its own line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHECKED = ["hooks", "tests", "benchmarks", "build.py"]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin", "HOME": str(ROOT)})


def test_ruff_finds_nothing() -> None:
    result = run(str(BIN / "ruff"), "check", "--no-cache", *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # a whole-package type check
def test_mypy_finds_nothing_in_the_package() -> None:
    result = run(str(BIN / "mypy"), "--no-incremental", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout + result.stderr


SILENCED = re.compile(r"#\s*(noqa(:\s*[A-Z0-9, ]+)?|type:\s*ignore(\[[^\]]*\])?)(?P<reason>.*)$")


def silenced_without_reason(text: str) -> list[str]:
    """Lines that silence a checker without saying why after the codes (`# noqa: E402 - why`)."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = SILENCED.search(line)
        if match and not re.match(r"\s*[-#]\s*\w", match["reason"]):
            found.append(f"{number}: {line.strip()}")
    return found


def test_every_silenced_warning_gives_its_reason() -> None:
    files = [ROOT / "build.py", *(p for folder in CHECKED[:-1] for p in (ROOT / folder).rglob("*.py"))]
    problems = [f"{f.relative_to(ROOT)}:{line}" for f in files for line in silenced_without_reason(f.read_text())]
    assert problems == []


def test_a_silenced_warning_without_reason_is_found() -> None:
    noqa, ignore = "# no" + "qa: F401", "# type" + ": ignore[assignment]"  # split, so this file does not match
    assert silenced_without_reason(f"import x  {noqa}\nimport y  {noqa} - re-exported for tests\n") == [
        f"1: import x  {noqa}"]
    assert silenced_without_reason(f"a = b  {ignore}\n") == [f"1: a = b  {ignore}"]
    assert silenced_without_reason(f"a = b  {ignore}  # the stubs are wrong\n") == []
