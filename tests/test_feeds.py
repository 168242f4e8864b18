"""The Atom feeds (changelog.feed_files): valid RFC 4287, read by a real feed reader's parser
(feedparser), the same entries as the change page, and the same bytes from the same commit."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import feedparser

from strategy_site.input import history as history_module
from strategy_site.input.history import read_history
from strategy_site.input.load import load_catalogue
from strategy_site.pages.feeds import feed_files
from strategy_site.pages.render import Renderer
from strategy_site.pages.sections import change_pages
from test_history import three_commits

NS = {"a": "http://www.w3.org/2005/Atom"}
SITE = "https://strategiat.example.fi/"


def feeds_of(strategies):
    catalogue = load_catalogue(strategies)
    history = read_history(strategies)
    return catalogue, history, feed_files(catalogue, history, "2025-12-01")


def test_feeds_are_valid_atom_and_parse_without_errors(tmp_path) -> None:
    repo, _commits = three_commits(tmp_path)
    _, _, files = feeds_of(repo.strategies)
    assert set(files) == {"muutokset/atom.fi.xml", "muutokset/atom.sv.xml", "org/alfa/atom.fi.xml",
                          "org/alfa/atom.sv.xml"}
    for path, text in files.items():
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        # RFC 4287 4.1.1: a feed has exactly one id, title and updated, an author (or every entry has one)
        for name in ("id", "title", "updated", "author"):
            assert len(root.findall(f"a:{name}", NS)) == 1, (path, name)
        assert root.find("a:link[@rel='self']", NS) is not None
        entries = root.findall("a:entry", NS)
        assert len(entries) == 3, path
        for entry in entries:
            for name in ("id", "title", "updated", "summary"):
                assert len(entry.findall(f"a:{name}", NS)) == 1, (path, name)
            assert entry.find("a:link[@rel='alternate']", NS) is not None
        ids = [e.find("a:id", NS).text for e in entries]
        assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)

        lang_root = "sv/" if ".sv." in path else ""
        url = SITE + lang_root + path.rsplit(".", 2)[0] + ".xml"
        parsed = feedparser.parse(text, response_headers={"content-location": url, "content-type":
                                                           "application/atom+xml"})
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.language == ("sv" if ".sv." in path else "fi")
        assert [e.updated for e in parsed.entries] == ["2026-03-05T16:45:00+02:00", "2026-02-01T12:30:00+02:00",
                                                       "2026-01-10T09:00:00+02:00"]


def test_feed_entries_match_the_change_page(tmp_path) -> None:
    repo, _commits = three_commits(tmp_path)
    catalogue, history, files = feeds_of(repo.strategies)
    renderer = Renderer(catalogue, history=history)
    for lang, prefix in (("fi", ""), ("sv", "sv/")):
        page = change_pages(renderer)[f"muutokset.{lang}.md"]
        rows = re.findall(r'<tr id="([^"]+)">.*?<time datetime="[^"]+">([^<]+)</time>.*?<a href="([^"]+)">([^<]+)</a>'
                          r'.*?</span>([^<]*)</td>', page, re.S)
        assert len(rows) == 3
        url = f"{SITE}{prefix}muutokset/atom.xml"
        parsed = feedparser.parse(files[f"muutokset/atom.{lang}.xml"], response_headers={"content-location": url})
        assert [(e.title, e.link, e.summary) for e in parsed.entries] == [
            (f"{name}: {what}", urljoin(f"{SITE}{prefix}muutokset/", href), f"{day}: {what}")
            for anchor, day, href, name, what in rows]
        # and each entry leads to the organisation page's own entry of the same id
        org_page = renderer.pages()[f"org/alfa.{lang}.md"]
        for anchor, *_ in rows:
            assert f'<li id="{anchor}">' in org_page
        own = feedparser.parse(files[f"org/alfa/atom.{lang}.xml"],
                               response_headers={"content-location": f"{SITE}{prefix}org/alfa/atom.xml"})
        assert [e.link for e in own.entries] == [f"{SITE}{prefix}org/alfa/#{anchor}" for anchor, *_ in rows]
        assert [e.id for e in own.entries] == [e.id for e in parsed.entries]


def test_the_same_commit_gives_the_same_bytes(tmp_path) -> None:
    repo, _ = three_commits(tmp_path)
    _, _, first = feeds_of(repo.strategies)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(clone)], check=True)
    history_module._parsed.cache_clear()
    history_module._blobs.clear()
    _, _, second = feeds_of(clone / "strategies")
    assert first == second


def test_without_history_the_feeds_are_empty_and_still_valid(tmp_path) -> None:
    repo, _ = three_commits(tmp_path)
    plain = tmp_path / "tarball"
    subprocess.run(["cp", "-r", str(repo.strategies), str(plain)], check=True)
    _, history, files = feeds_of(plain)
    assert not history.available
    for text in files.values():
        parsed = feedparser.parse(text)
        assert not parsed.bozo and parsed.entries == []
        assert parsed.feed.updated == "2025-12-01T00:00:00+00:00"
