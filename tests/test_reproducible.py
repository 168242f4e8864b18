"""Builds that lose nothing: the same input gives the same bytes, and a failed build changes nothing.

Two builds of the same project, in two folders, in processes that differ in everything that
should not matter (hash seed, time zone, locale, the time of day), must give byte-identical
sites when SOURCE_DATE_EPOCH is set, the one timestamp a site may carry (MkDocs uses it for
the sitemap's <lastmod> and the gzip header of sitemap.xml.gz). A build that fails, whether on
a hostile strategy file or in MkDocs' strict mode after the pages were generated, must leave
the previous site/ exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD, build_site, fixture_project, tree
from strategy_site.mkdocs.parallel import ENV_SWITCH

pytestmark = pytest.mark.slow  # every test here builds a site or starts a server

TESTS = Path(__file__).resolve().parent
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z


def project(target: Path) -> Path:
    """A copy of the project whose strategies are the test fixtures and the legal-input corpus."""
    return fixture_project(target, *(TESTS / "legal_input").glob("*.yaml"))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    sites = []
    for n, (seed, zone, locale) in enumerate([("1", "UTC", "C.UTF-8"), ("2", "Pacific/Kiritimati", "POSIX")]):
        base = tmp_path_factory.mktemp(f"build{n}")
        root = project(base / "project")
        result = build_site(root, base / "site", SOURCE_DATE_EPOCH=str(EPOCH), PYTHONHASHSEED=seed, TZ=zone,
                           LC_ALL=locale, LANG=locale)
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(base / "site")
        time.sleep(1.1)  # a different second on the clock for the second build
    return sites[0], sites[1]


def test_two_builds_are_byte_identical(two_builds) -> None:
    first, second = (tree(site) for site in two_builds)
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"these files differ between two builds of the same input: {differ}"


def test_languages_side_by_side_build_the_same_site_as_one_after_the_other(two_builds, tmp_path) -> None:
    """parallel.py forks the Swedish build beside the Finnish one; static-i18n alone builds
    them in turn. Same bytes, sitemap and search indexes included."""
    root = project(tmp_path / "project")
    result = build_site(root, tmp_path / "site", SOURCE_DATE_EPOCH=str(EPOCH), STRATEGY_SITE_PARALLEL="0")
    assert result.returncode == 0, result.stderr[-3000:]
    parallel, sequential = tree(two_builds[0]), tree(tmp_path / "site")
    assert parallel.keys() == sequential.keys(), sorted(parallel.keys() ^ sequential.keys())
    assert [name for name in parallel if parallel[name] != sequential[name]] == []
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/sv/org/esimerkki/</loc>" in sitemap and "/org/esimerkki/</loc>" in sitemap


def test_properdocs_builds_the_same_site_as_mkdocs(two_builds, tmp_path) -> None:
    """ProperDocs, the maintained continuation of MkDocs 1.x, is a supported engine (mkdocs/engine.py)."""
    root = project(tmp_path / "project")
    result = build_site(root, tmp_path / "site", SOURCE_DATE_EPOCH=str(EPOCH), STRATEGY_SITE_ENGINE="properdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    with_mkdocs, with_properdocs = tree(two_builds[0]), tree(tmp_path / "site")
    assert with_mkdocs.keys() == with_properdocs.keys(), sorted(with_mkdocs.keys() ^ with_properdocs.keys())
    assert [name for name in with_mkdocs if with_mkdocs[name] != with_properdocs[name]] == []


@pytest.mark.parametrize(("engine", "module"), [("", "mkdocs"), ("mkdocs", "mkdocs"), ("properdocs", "properdocs")])
def test_the_engine_switch_decides_which_package_mkdocs_imports_reach(engine, module) -> None:
    code = ("from strategy_site.mkdocs import engine; engine.activate(); "
            "import mkdocs.commands.build as build, material.plugins.search.plugin as search; "
            "print(build.build.__module__, search.SearchPlugin.__mro__[1].__module__)")
    result = subprocess.run([sys.executable, "-c", code], cwd=TESTS.parent / "hooks",
                            env=dict(os.environ, STRATEGY_SITE_ENGINE=engine),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [f"{module}.commands.build", f"{module}.plugins"]


def test_an_unknown_engine_is_refused_with_the_choices(tmp_path) -> None:
    root = project(tmp_path / "project")
    result = build_site(root, tmp_path / "site", STRATEGY_SITE_ENGINE="hugo")
    assert result.returncode == 2
    assert result.stderr.strip() == ("STRATEGY_SITE_ENGINE='hugo' is not an engine this site builds with; "
                                     "use one of: mkdocs, properdocs")
    assert not (tmp_path / "site").exists()


def test_the_only_timestamps_come_from_source_date_epoch(two_builds) -> None:
    site = two_builds[0]
    day = dt.datetime.fromtimestamp(EPOCH, dt.UTC).date().isoformat()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>") > 0
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") <= EPOCH  # gzip MTIME: the build day, not the clock
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    today = dt.date.today().isoformat()
    if today != day:
        hits = [name for name, path in ((p.relative_to(site).as_posix(), p) for p in site.rglob("*"))
                if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv")
                and today in path.read_text(encoding="utf-8", errors="replace")]
        assert not hits, f"today's date ({today}) leaked into {hits}"


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("atomic") / "project")
    result = build_site(root, root / "site", SOURCE_DATE_EPOCH=str(EPOCH))
    assert result.returncode == 0, result.stderr[-3000:]
    return root


BREAKAGES = {
    # what used to crash the process (a segfault in the YAML composer) now stops the build politely
    "deep-nesting": ("strategies/syvä.yaml", b"x: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
                     "nested more than 20 levels deep"),
    "alias-bomb": ("strategies/alias-bomb.yaml", (TESTS / "bad_input" / "alias-bomb.yaml").read_bytes(),
                   "anchors and aliases"),
    "hostile-text": ("strategies/script-tag.yaml", (TESTS / "bad_input" / "script-tag.yaml").read_bytes(),
                     "HTML-like markup"),
    # valid data, but MkDocs fails in strict mode after the pages were generated
    "strict-mkdocs": ("docs/rikki.md", b"[rikki](ei-ole-olemassa.md)\n", "strict mode"),
    # only the Swedish build, forked beside the Finnish one, fails
    "strict-mkdocs-swedish": ("docs/rikki.sv.md", b"[rikki](ei-ole-olemassa.md)\n",
                              "The Swedish pages failed to build"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_failed_build_leaves_the_site_as_it_was(built_once: Path, name: str) -> None:
    root = built_once
    relative, content, message = BREAKAGES[name]
    before = tree(root / "site")
    stamps = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    broken = root / relative
    broken.write_bytes(content)
    try:
        result = build_site(root, root / "site", SOURCE_DATE_EPOCH=str(EPOCH))
    finally:
        broken.unlink()
    assert result.returncode == 1, result.stderr[-3000:]
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(root / "site") == before
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == stamps
    # .build/lock stays: the build lock (faults.BuildLock), not a copy of the site
    assert [p.name for p in (root / ".build").iterdir()] in ([], ["lock"]), "a half-built site was left"


def test_ctrl_c_during_the_build_leaves_the_site_and_no_half_built_copies(built_once: Path) -> None:
    """Interrupted once the Swedish build runs in its own process, as a terminal's Ctrl+C does
    (SIGINT to the whole process group): the previous site stays and .build/ is left empty."""
    root = built_once
    if os.environ.get(ENV_SWITCH) == "0" or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        pytest.skip("the languages are built in turn here")
    before = tree(root / "site")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONNOUSERSITE="1", SOURCE_DATE_EPOCH=str(EPOCH))
    environment.pop("SITE_URL", None)
    # A shell without job control starts background jobs with SIGINT ignored, and Python keeps
    # it so; a CI runner may start the tests that way. The build gets a terminal's default back.
    process = subprocess.Popen([sys.executable, "-c", BUILD, str(root / "site")], cwd=root, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Wait for the Swedish build's first files: an interrupt during the fork itself lands in
    # logging's at-fork handler, where Python reports it as ignored and the build goes on.
    deadline = time.monotonic() + 120
    while not [p for p in (root / ".build").glob(".site-*-sv-*/**/*") if p.is_file()]:
        assert process.poll() is None, "the build ended before the Swedish build wrote anything"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    process.communicate(timeout=60)
    time.sleep(0.5)  # the forked build may end a moment after the parent
    assert process.returncode != 0
    assert tree(root / "site") == before
    # .build/lock stays: the build lock (faults.BuildLock), not a copy of the site
    assert [p.name for p in (root / ".build").iterdir()] in ([], ["lock"]), "a half-built site was left"
