"""Where things are in the project, relative to its root."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent.parent  # hooks/strategy_site
STRATEGIES = "strategies"
DOCS = "docs"
VOCABULARY = "vocabulary"
REFERENCE = "reference"
# The municipal division the organisation files are checked against (division.py).
DIVISION = f"{REFERENCE}/municipalities-2026.yaml"


def package_files() -> list[Path]:
    """The package's code, templates and labels."""
    return [p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".yaml")]


def inputs(root: Path) -> list[Path]:
    """Every file whose change must regenerate the pages."""
    files = [p for p in (root / STRATEGIES).glob("*.y*ml")]
    files += [p for p in (root / VOCABULARY).glob("*.yaml")]
    files += [p for p in (root / REFERENCE).glob("*.yaml")]
    return files + package_files()
