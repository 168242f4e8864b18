"""The Nu Html Checker (vnu.jar from the npm package vnu-jar) over HTML files and stylesheets."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files: list[Path]) -> list[dict]:
    """Every error (not warning) in the files (.html, and .css checked as CSS): {file, line, message, extract}."""
    if not VNU_JAR.exists():
        raise RuntimeError(f"{VNU_JAR} is missing; `python3 build.py test` installs it with npm ci")
    java = shutil.which("java")
    if not java:
        raise RuntimeError("java is missing; `python3 build.py test` installs it (default-jre-headless)")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--also-check-css", "--format", "json",
                             "--stdout", "--exit-zero-always", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"the Nu Html Checker gave no report:\n{result.stdout}\n{result.stderr}") from None
    errors = []
    for m in messages:
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            errors.append({"file": m.get("url", "").removeprefix("file:"), "line": m.get("lastLine"),
                           "message": m.get("message", ""), "extract": (m.get("extract") or "").strip()})
    return errors
