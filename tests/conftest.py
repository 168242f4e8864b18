"""Shared fixtures: the real site, built once per session in a temporary copy of the project,
served on 127.0.0.1, and Debian's chromium driven by Playwright.

The build runs in a subprocess with SITE_URL pointing at the local server, so canonical
URLs, hreflang alternates and the sitemap name the address the browser really loads. The
copy keeps tests from writing into the working tree (docs/ gets generated pages) and from
seeing another developer's half-saved file twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gate.browser import launch_chromium  # noqa: E402 - after the sys.path lines above
from gate.report import GATE_COUNTS  # noqa: E402 - after the sys.path lines above
from gate.server import StaticServer, free_port  # noqa: E402 - after the sys.path lines above
from strategy_site.mkdocs.redirects import MARK as REDIRECT_MARK  # noqa: E402 - after the sys.path lines above

FIXTURE_STRATEGIES = Path(__file__).parent / "fixtures" / "strategies"
# The project's own build (strict MkDocs, both languages), run in the project's folder:
# python -c BUILD <site_dir>
BUILD = ("import sys; from pathlib import Path; sys.path.insert(0, 'hooks'); "
         "from strategy_site.cli import build; sys.exit(build(Path('.').resolve(), Path(sys.argv[1])))")

# Not copied into the temporary project: tools, outputs and the tests themselves.
_NOT_PROJECT = {".git", ".venv", "node_modules", "site", ".build", "tests", ".pytest_cache", "__pycache__"}


def copy_project(target: Path) -> Path:
    for item in ROOT.iterdir():
        if item.name in _NOT_PROJECT:
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(item, target / item.name)
    return target


def fixture_project(target: Path, *extra_strategies: Path) -> Path:
    """copy_project with the test fixtures' strategy files (and the extra ones) instead of the real data."""
    root = copy_project(target)
    shutil.rmtree(root / "strategies")
    shutil.copytree(FIXTURE_STRATEGIES, root / "strategies")
    shutil.rmtree(root / "reference")  # the fixtures' own municipal division, which their files share out
    shutil.copytree(FIXTURE_STRATEGIES.parent / "reference", root / "reference")
    for path in extra_strategies:
        shutil.copy2(path, root / "strategies" / path.name)
    return root


def build_site(project: Path, site_dir: Path, site_url: str | None = None,
               **env: str) -> subprocess.CompletedProcess:
    """The project's own build in a subprocess; without site_url, the address mkdocs.yml defaults to."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONNOUSERSITE="1", **env)
    environment.pop("SITE_URL", None)
    if site_url:
        environment["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-c", BUILD, str(site_dir)], cwd=project, env=environment,
                          capture_output=True, text=True, timeout=900)


def tree(directory: Path) -> dict[str, str]:
    """Every file of a tree by relative path, with the digest of its bytes."""
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@dataclass
class Site:
    """The built site and where it is served."""

    dir: Path
    url: str
    project: Path

    def pages(self) -> list[SitePage]:
        """Every HTML page of the site, both languages, 404 pages included, in a stable order
        (not the pages left at old addresses: see redirects())."""
        return [p for p in self._html() if not _is_redirect(p.file)]

    def redirects(self) -> list[SitePage]:
        """The pages left at old addresses (strategy_site/mkdocs/redirects.py)."""
        return [p for p in self._html() if _is_redirect(p.file)]

    def _html(self) -> list[SitePage]:
        found = []
        for path in sorted(self.dir.rglob("*.html")):
            rel = path.relative_to(self.dir).as_posix()
            if rel.startswith("assets/"):
                continue
            url_path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
            lang = "sv" if rel.startswith("sv/") else "fi"
            found.append(SitePage(path, rel, self.url + url_path, lang, rel.endswith("404.html")))
        return found


def _is_redirect(path: Path) -> bool:
    with path.open(encoding="utf-8") as f:
        return REDIRECT_MARK in f.read(300)


@dataclass(frozen=True)
class SitePage:
    file: Path
    rel: str
    url: str
    lang: str
    is_404: bool

    def __str__(self) -> str:
        return "/" + self.rel.removesuffix("index.html")


@contextlib.contextmanager
def served_site(project: Path, site_dir: Path):
    """Build the project for the port it will be served on, then serve it; yields the server's URL.
    A failed build fails the test with the build's own output."""
    port = free_port()
    result = build_site(project, site_dir, f"http://127.0.0.1:{port}/")
    if result.returncode != 0:
        pytest.fail(f"the site did not build:\n{result.stdout}\n{result.stderr}", pytrace=False)
    with StaticServer(site_dir, port) as server:
        yield server.url


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The whole site built once, served until the session ends."""
    project = copy_project(tmp_path_factory.mktemp("gate") / "project")
    with served_site(project, project / "site") as url:
        yield Site(project / "site", url, project)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless; Playwright never downloads a browser of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


# Fixtures that build a whole site or start a browser: a test that uses one is slow.
_SLOW_FIXTURES = {"site", "browser", "two_builds", "seeded_site", "open_page", "history_site", "pinned_site", "hostile_site"}


def pytest_collection_modifyitems(config, items):
    """Mark as slow every test that builds a site or runs a browser, so `--quick` can leave it out."""
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The gate's counts per checker; also written as JSON to $GATE_COUNTS_JSON when it is set."""
    if not GATE_COUNTS:
        return
    terminalreporter.section("public-site gate")
    for checker, counts in GATE_COUNTS.items():
        terminalreporter.write_line(f"{checker:<28} {counts['checked']:>5} {counts['what']:<38} "
                                    f"{counts['violations']} violations")
    target = os.environ.get("GATE_COUNTS_JSON")
    if target:
        Path(target).write_text(json.dumps(GATE_COUNTS, indent=1), encoding="utf-8")
