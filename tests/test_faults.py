"""Faults of the machine during a real build: a full disk, a read-only output folder, a strategy
file that disappears midway, and two builds at once in one checkout. Each build ends with one
exact line and exit status 1, and the site built before stays byte-identical and servable.

The full disk and the read-only folder are real file systems: a small tmpfs mounted for the test
(and remounted read-only), which needs root, as in CI. The vanishing file and the second build
are timed by an audit hook (sys.addaudithook) in the build's process: when the build opens its
first strategy file, the hook deletes another one, or holds the build there while the test
starts a second build. The build's own code runs unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import BUILD, ROOT, build_site, fixture_project, tree
from gate.server import StaticServer

pytestmark = pytest.mark.slow  # real builds

KEPT = "the previous site/ was left as it was"
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs for the test needs root (CI runs as root)")


def _run(project: Path, prelude: str, *args: str, wait: bool = True):
    """The project's build in a subprocess, with `prelude` run first in the same process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONNOUSERSITE="1")
    env.pop("SITE_URL", None)
    command = [sys.executable, "-c", prelude + "\n" + BUILD, str(project / "site"), *args]
    if wait:
        return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_kept(project: Path, before: dict[str, str]) -> None:
    """The old site, byte for byte, still served; no half-built copy left in .build/."""
    assert tree(project / "site") == before
    assert sorted(p.name for p in (project / ".build").iterdir()) == ["lock"]
    with StaticServer(project / "site") as server:
        for path in ("", "sv/", "org/esimerkki/"):
            with urllib.request.urlopen(server.url + path, timeout=10) as answer:
                assert answer.status == 200


def _built_project(where: Path, *extra: Path) -> tuple[Path, dict[str, str]]:
    project = fixture_project(where, *extra)
    if extra:  # a real organisation's municipalities are not in the fixtures' division: build without one
        for division in (project / "reference").glob("*.yaml"):
            division.unlink()
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project, tree(project / "site")


@pytest.fixture
def tmpfs(tmp_path):
    """A small file system of its own, unmounted after the test."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@needs_root
def test_a_full_disk_while_writing_the_site(tmpfs):
    project, before = _built_project(tmpfs / "project")
    # leave less room than a site needs: the new site fills the disk while it is written
    site_bytes = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    free = shutil.disk_usage(tmpfs).free
    with open(tmpfs / "filler", "wb") as filler:
        filler.write(b"\0" * max(0, free - site_bytes // 4))
    assert shutil.disk_usage(tmpfs).free < site_bytes // 2
    result = _run(project, "")
    assert result.returncode == 1
    assert result.stderr.strip() == ("The disk is full (No space left on device): the new site could not be written; "
                                     f"{KEPT}. Free some space and build again.")
    (tmpfs / "filler").unlink()
    _assert_kept(project, before)


@needs_root
def test_a_read_only_output_folder(tmpfs):
    project, before = _built_project(tmpfs / "project")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = _run(project, "")
    assert result.returncode == 1
    assert result.stderr.strip() == f"Cannot write into .build/ (Read-only file system): the build needs to write there; {KEPT}."
    _assert_kept(project, before)


# At the first strategy file the build opens, delete the file named by the last argument.
_DELETE_ANOTHER = """
import os, sys
from pathlib import Path
_victim = Path("strategies", sys.argv[-1]).resolve()
_done = []
def _hook(event, args):
    if event == "open" and not _done and str(args[0]).endswith(".yaml") and "strategies" in str(args[0]):
        _done.append(True)
        os.remove(_victim)
sys.addaudithook(_hook)
"""


def test_a_strategy_file_that_disappears_mid_build(tmp_path):
    project, before = _built_project(tmp_path / "project", ROOT / "strategies" / "kainuu.yaml")
    assert (project / "site" / "org" / "kainuu" / "index.html").exists()
    result = _run(project, _DELETE_ANOTHER, "kainuu.yaml")
    assert not (project / "strategies" / "kainuu.yaml").exists(), "the hook did not run"
    assert result.returncode == 1
    assert result.stderr.strip() == ("strategies/kainuu.yaml disappeared while the build was reading the strategy "
                                     f"files; {KEPT}. Build again when the files are in place.")
    _assert_kept(project, before)


# At the first strategy file the build opens (it holds the build lock by then), say so in the file
# named by the second-last argument and wait until the file named by the last one appears.
_HOLD = """
import sys, time
from pathlib import Path
_held = []
def _hook(event, args):
    if event == "open" and not _held and str(args[0]).endswith(".yaml") and "strategies" in str(args[0]):
        _held.append(True)
        Path(sys.argv[-2]).write_text("holding")
        for _ in range(2400):
            if Path(sys.argv[-1]).exists():
                break
            time.sleep(0.05)
sys.addaudithook(_hook)
"""


def test_two_builds_at_once_in_one_checkout(tmp_path):
    project, before = _built_project(tmp_path / "project")
    holding, release = tmp_path / "holding", tmp_path / "release"
    first = _run(project, _HOLD, str(holding), str(release), wait=False)
    try:
        for _ in range(2400):
            if holding.exists() or first.poll() is not None:
                break
            time.sleep(0.05)
        assert holding.exists(), first.communicate()[1]
        second = build_site(project, project / "site")
    finally:
        release.write_text("go")
        _, first_err = first.communicate(timeout=900)
    assert second.returncode == 1
    assert second.stderr.strip() == (f"Another build is running in this checkout (process {first.pid}); "
                                     "wait until it ends, then build again.")
    assert first.returncode == 0, first_err
    # the first build went on and swapped in its site, which is the same site, byte for byte
    _assert_kept(project, before)
