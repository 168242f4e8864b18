"""The gate for change over time, on the real data with a git history made for the test.

The session's `site` (conftest) is built from a copy without .git, so its change page says
there is no history; every page of it, the version sections and the comparison page of change
included, goes through the whole gate in test_gate.py. Here the same data gets a history of two
commits (every file, then one organisation's newer version added), and the pages that show
the log, the feeds they link and the sections between versions are checked in both languages
and at both widths: axe-core, the network and console log, the Nu Html Checker, internal
links, and the feeds read by a real feed reader's parser.
"""

from __future__ import annotations

import os
import re
import subprocess
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from conftest import copy_project, served_site
from gate.axe import describe, run_axe
from gate.browser import WIDTHS, new_context, settle
from gate.links import LinkChecker
from gate.report import listing, record
from gate.vnu import run_vnu
from strategy_site.pages.addresses import address, relative

ORG = "vantaa-kerava"  # has two versions; its newer one is "added" by the second commit
PAGES = ["muutokset", "compare/changes", f"org/{ORG}"]  # names for addresses.address()
LANGS = ("fi", "sv")
# the site's feed stays beside the change page's old file wherever addresses.py puts the page
FEEDS = {"fi": "muutokset/atom.xml", "sv": "sv/muutokset/atom.xml"}


def git(project, *args: str, when: str = "2026-01-01T10:00:00+02:00") -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Gate", GIT_AUTHOR_EMAIL="gate@example.fi", GIT_COMMITTER_NAME="Gate",
               GIT_COMMITTER_EMAIL="gate@example.fi", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    path = project / "strategies" / f"{ORG}.yaml"
    real = path.read_text(encoding="utf-8")
    older = yaml.safe_load(real)
    newest = older["strategies"].pop(0)
    path.write_text(yaml.safe_dump(older, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "strategies")
    git(project, "commit", "-q", "-m", "every organisation", when="2026-01-01T10:00:00+02:00")
    path.write_text(real, encoding="utf-8")
    git(project, "commit", "-q", "-am", "a newer version", when="2026-02-03T14:15:00+02:00")
    with served_site(project, project / "site") as url:
        yield project / "site", url, newest


def urls(base: str) -> list[str]:
    return [base + address(page, lang) for lang in LANGS for page in PAGES]


@pytest.mark.browser
def test_change_pages_pass_axe_and_load_nothing_broken_at_both_widths(history_site, browser) -> None:
    _site_dir, base, _ = history_site
    found, network, loads = [], [], 0
    for width, viewport in WIDTHS.items():
        context = new_context(browser, base, viewport)
        page = context.new_page()
        for url in urls(base):
            context.netlog.current = url
            response = page.goto(url, wait_until="load")
            assert response is not None and response.ok, url
            settle(page)
            loads += 1
            found += describe(run_axe(page), f"{url} ({width})")
        network += context.netlog.problems()
        context.close()
    record("axe-core, change pages with history", loads, len(found), "page loads")
    assert not found, listing(found)
    assert not network, listing(network)


def test_change_pages_pass_the_nu_html_checker_and_their_links_resolve(history_site) -> None:
    site_dir, base, _ = history_site
    files = [site_dir / url.removeprefix(base) / "index.html" for url in urls(base)]
    errors = run_vnu(files)
    assert not errors, listing([f"{e['file']}:{e['line']}: {e['message']}" for e in errors])
    report = LinkChecker(site_dir, base).check()
    assert report.checked > 100 and not report.broken, listing(report.broken)


def test_the_log_the_feeds_and_the_organisation_page_agree(history_site) -> None:
    site_dir, base, newest = history_site
    for lang, new_strategy in (("fi", "uusi strategia 2026–2029"), ("sv", "ny strategi 2026–2029")):
        page_address = address("muutokset", lang)
        page = (site_dir / page_address / "index.html").read_text(encoding="utf-8")
        rows = re.findall(r'<tr id="([^"]+)">.*?<time datetime="([^"]+)">([^<]+)</time>.*?<a href="([^"]+)"[^>]*>'
                          r'([^<]+)</a>.*?</span>([^<]*)</td>', page, re.S)
        assert len(rows) == 24  # 23 organisations added, then one new version
        assert rows[0][1:3] == ("2026-02-03", "3.2.2026") and rows[0][5] == new_strategy
        assert f'type="application/atom+xml" href="{relative(page_address, FEEDS[lang])}"' in page
        feed_url = base + FEEDS[lang]
        feed = feedparser.parse(feed_url)  # fetched from the server, as a feed reader does
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.status == 200 and feed.version == "atom10"
        assert [(e.link, e.summary) for e in feed.entries] == [
            (urljoin(base + page_address, href), f"{day}: {what}") for _, _, day, href, _, what in rows]
        org_page = (site_dir / address(f"org/{ORG}", lang) / "index.html").read_text(encoding="utf-8")
        assert f'<li id="{rows[0][0]}">' in org_page and 'href="#updates"' in org_page
        assert org_page.count('<link rel="alternate" type="application/atom+xml"') == 2  # its own and the site's
        assert f'id="changes-{newest["id"]}"' in org_page
        own = feedparser.parse(f"{base}{address(f'org/{ORG}', lang)}atom.xml")
        assert not own.bozo and len(own.entries) == 2


def test_the_whole_gate_crawls_the_change_pages_in_both_languages(site) -> None:
    """test_gate.py checks every page of `site`; this makes sure the new pages are among them,
    and that without git history the change page says so while the build succeeds."""
    crawled = {str(p) for p in site.pages()}
    for lang in LANGS:
        for page in ("muutokset", "compare/changes"):
            assert "/" + address(page, lang) in crawled
        org_dir = address(f"org/{ORG}", lang).removesuffix(f"{ORG}/")
        sections = [p for p in site.pages() if p.rel.startswith(org_dir)
                    and 'class="ss-changes"' in p.file.read_text(encoding="utf-8")]
        assert len(sections) >= 10
    for lang in LANGS:
        assert 'id="no-history"' in (site.dir / address("muutokset", lang) / "index.html").read_text(encoding="utf-8")
