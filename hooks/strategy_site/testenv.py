"""Set up what the test suite needs beyond Python, then run pytest.

The browser checks use real tools: Debian's chromium (driven by Playwright, which never
downloads a browser of its own), axe-core and the Nu Html Checker from the npm registry,
and Java to run the checker. What is missing is installed when we may (as root, as in CI);
otherwise the message says which command installs it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def _say(message: str) -> None:
    print(f"build.py test: {message}", file=sys.stderr, flush=True)


def _stamp_ok(stamp: Path, source: Path) -> bool:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return stamp.exists() and stamp.read_text().strip() == digest


def _write_stamp(stamp: Path, source: Path) -> None:
    stamp.write_text(hashlib.sha256(source.read_bytes()).hexdigest() + "\n")


def ensure_python_test_packages(root: Path) -> None:
    requirements = root / "requirements-test.txt"
    stamp = Path(sys.prefix) / ".requirements-test.sha256"
    if _stamp_ok(stamp, requirements):
        return
    _say("installing the pinned test packages ...")
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "install",
                    "-r", str(requirements)], check=True)
    _write_stamp(stamp, requirements)


def ensure_node_packages(root: Path) -> None:
    lock = root / "package-lock.json"
    stamp = root / "node_modules" / ".package-lock.sha256"
    if lock.exists() and _stamp_ok(stamp, lock):
        return
    if not shutil.which("npm"):
        _apt_install(["nodejs", "npm"], "Node.js and npm (for axe-core and the Nu Html Checker)")
    _say("installing the pinned npm packages (axe-core, vnu-jar, yaml-language-server) ...")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=root, check=True)
    _write_stamp(stamp, lock)


def _apt_install(packages: list[str], what: str) -> None:
    if os.geteuid() != 0:
        _say(f"{what} is missing. Install it with: sudo apt-get install -y {' '.join(packages)}")
        sys.exit(2)
    _say(f"installing {what} with apt-get ...")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def ensure_system_tools() -> None:
    if not Path(CHROMIUM).exists():
        _apt_install(["chromium"], "Debian's chromium (for the browser tests)")
    if not shutil.which("java"):
        _apt_install(["default-jre-headless"], "Java (for the Nu Html Checker)")
    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        _apt_install(["poppler-utils"], "poppler-utils (pdfinfo and pdftotext, for the printed handouts)")


def run_tests(root: Path, pytest_args: list[str]) -> int:
    ensure_python_test_packages(root)
    ensure_system_tools()
    ensure_node_packages(root)
    return subprocess.run([sys.executable, "-m", "pytest", *pytest_args], cwd=root).returncode
