#!/usr/bin/env python3
"""The one entry point: sets up its own environment, then builds, checks, serves or tests.

    python3 build.py            build the site into site/
    python3 build.py test       run the whole test suite
    python3 build.py check      validate strategies/*.yaml only (fast, for editors)
    python3 build.py serve      live preview on http://127.0.0.1:8000/

Only the standard library is used until the virtual environment (.venv, pinned by hash in
requirements.txt) exists; then the script runs itself again inside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
MIN_PYTHON = (3, 11)


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _requirements_hash() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def _say(message: str) -> None:
    print(f"build.py: {message}", file=sys.stderr, flush=True)


def ensure_environment() -> None:
    """Create or refresh .venv when requirements.txt changed; reuse it otherwise."""
    if STAMP.exists() and STAMP.read_text().strip() == _requirements_hash() and _venv_python().exists():
        return
    _say("setting up the Python environment in .venv (first run or requirements changed) ...")
    if not _venv_python().exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(_venv_python()), "-m", "pip", "--disable-pip-version-check", "-q"]
    # every package pinned by hash (`python3 build.py lock` writes the file): anything else is refused
    result = subprocess.run([*pip, "install", "--require-virtualenv", "--require-hashes", "-r", str(REQUIREMENTS)])
    if result.returncode != 0:
        _say("installing the pinned packages failed; see the pip output above. "
             "Check the network connection and run the command again.")
        sys.exit(result.returncode)
    STAMP.write_text(_requirements_hash() + "\n")


def main() -> None:
    if sys.version_info < MIN_PYTHON:
        _say(f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]}.")
        sys.exit(2)
    inside = Path(sys.prefix).resolve() == VENV.resolve()
    if not inside:
        if sys.argv[1:2] == ["lock"]:
            # lock rewrites requirements.txt, so it must not need the file to install first (an edited
            # requirements.in or a merge leaves it out of date); it installs pip-tools itself if needed
            if not _venv_python().exists():
                venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        else:
            ensure_environment()
        env = dict(os.environ, PYTHONNOUSERSITE="1")
        os.execve(str(_venv_python()), [str(_venv_python()), str(Path(__file__).resolve()), *sys.argv[1:]], env)
    sys.path.insert(0, str(ROOT / "hooks"))
    from strategy_site.cli import main as cli_main

    sys.exit(cli_main(sys.argv[1:], ROOT))


if __name__ == "__main__":
    main()
