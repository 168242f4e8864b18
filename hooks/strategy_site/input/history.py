"""When each organisation's facts last changed: from git history, else from its newest source."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def git_dates(files: list[Path]) -> dict[Path, dt.date]:
    """Date of the last commit touching each file; files outside git or uncommitted are left out."""
    if not files:
        return {}
    folder = files[0].resolve().parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
                             check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", str(folder)], cwd=folder,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, dt.date] = {}
    for entry in log.split("\0")[1:]:
        lines = [line for line in entry.splitlines() if line.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            dates.setdefault((Path(top) / name).resolve(), day)
    return {f: dates[f.resolve()] for f in files if f.resolve() in dates}
