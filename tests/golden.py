"""Golden files: expected output kept beside the input and reviewed as a diff.

Run `UPDATE_GOLDEN=1 python3 build.py test` to rewrite them after an intended change.
"""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it, then review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path.name} (UPDATE_GOLDEN=1 rewrites it)"
