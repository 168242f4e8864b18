"""The Content-Security-Policy blocks what it should: a test build of the fixture project with an
inline script and an inline event handler seeded into a hand-written page. The script must not
run, and the browser must report both (the gate, tests/test_gate.py, demands zero reports on the
real site; this shows that a report is what a slip would produce)."""

from __future__ import annotations

import pytest

from conftest import build_site, fixture_project
from gate.browser import DESKTOP, new_context, settle
from gate.csp import policy_problems, read_inline
from gate.server import StaticServer
from strategy_site.mkdocs.security import policy

SEEDED = """

<script>window.ssSeeded = "ran";</script>

<button id="ss-seeded-button" type="button" onclick="window.ssClicked = 'ran'">Paina</button>
"""


@pytest.fixture(scope="module")
def seeded_site(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("csp") / "project")
    page = project / "docs" / "tietoa.fi.md"
    page.write_text(page.read_text(encoding="utf-8") + SEEDED, encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    with StaticServer(project / "site") as server:
        yield project / "site", server.url


def test_the_seeded_page_carries_the_policy_and_the_static_check_finds_the_seeds(seeded_site):
    site_dir, _ = seeded_site
    problems = policy_problems(read_inline((site_dir / "tietoa" / "index.html").read_text(encoding="utf-8")), policy())
    assert problems == [
        "inline script 'window.ssSeeded = \"ran\";' (the policy blocks it)",
        "event handler onclick=\"window.ssClicked = 'ran'\" on <button> (the policy blocks it)",
    ]


@pytest.mark.browser
def test_a_seeded_inline_script_and_handler_are_blocked_and_reported(seeded_site, browser):
    _, url = seeded_site
    context = new_context(browser, url, DESKTOP)
    page = context.new_page()
    page.goto(url + "tietoa/")
    settle(page)
    page.click("#ss-seeded-button")
    page.wait_for_function("() => true")
    ran = page.evaluate("[window.ssSeeded === undefined ? null : window.ssSeeded, "
                        "window.ssClicked === undefined ? null : window.ssClicked]")
    reports = [(r["directive"], r["blocked"], r["disposition"]) for r in context.netlog.csp_reports]
    console = context.netlog.console_errors
    context.close()
    assert ran == [None, None], "the seeded inline script or handler ran"
    assert sorted(reports) == [("script-src-attr", "inline", "enforce"), ("script-src-elem", "inline", "enforce")]
    assert len(console) == 2 and all("Content Security Policy" in m for m in console), console
