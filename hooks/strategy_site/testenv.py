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


# What `python3 build.py lock` runs for each pair: every package pinned, with the hashes of all its
# files on the registry, so `pip install --require-hashes` refuses anything else. pip and
# setuptools are pinned too (--allow-unsafe): pip-tools needs them, and --require-hashes needs
# every package it installs pinned. No index or find-links lines: they name this machine's setup.
LOCKS = (("requirements.in", "requirements.txt"), ("requirements-test.in", "requirements-test.txt"))
PIP_COMPILE = ["--quiet", "--generate-hashes", "--allow-unsafe", "--strip-extras", "--no-emit-index-url",
               "--no-emit-find-links", "--no-emit-trusted-host"]


def ensure_python_test_packages(root: Path) -> None:
    requirements = root / "requirements-test.txt"
    stamp = Path(sys.prefix) / ".requirements-test.sha256"
    if _stamp_ok(stamp, requirements):
        return
    _say("installing the pinned test packages ...")
    result = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "install",
                             "--require-hashes", "-r", str(requirements)])
    if result.returncode != 0:
        _say("installing the pinned test packages failed; see the pip output above. If requirements-test.in "
             "changed, run `python3 build.py lock` first.")
        sys.exit(result.returncode)
    _write_stamp(stamp, requirements)


def lock(root: Path, pip_compile_args: list[str]) -> int:
    """Regenerate both requirements files from their .in files (pip-tools, pinned in requirements-test.txt)."""
    import importlib.util

    # found, not imported: importing it here would find build.py instead of the `build` package
    if importlib.util.find_spec("piptools") is None:
        ensure_python_test_packages(root)
    if sys.version_info[:2] != (3, 11):
        _say(f"note: CI runs Python 3.11 and this is {sys.version.split()[0]}; markers are resolved for this one.")
    env = dict(os.environ, CUSTOM_COMPILE_COMMAND="python3 build.py lock")
    for source, target in LOCKS:
        _say(f"writing {target} from {source} ...")
        # -P: this folder is not put on the path, or build.py would shadow the `build` package pip-tools imports
        result = subprocess.run([sys.executable, "-P", "-m", "piptools", "compile", *PIP_COMPILE, *pip_compile_args,
                                 "--output-file", target, source], cwd=root, env=env)
        if result.returncode != 0:
            return result.returncode
    _say("done; review the diff, then run `python3 build.py` and `python3 build.py test`.")
    return 0


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
