"""The other packages' internals that mkdocs/internals.py relies on are still there, in the versions pinned.

An upgrade of MkDocs, ProperDocs or static-i18n fails here first, with the name of what moved,
instead of as a site that silently builds one language or a preview that no longer reloads.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
from pathlib import Path

import pytest

from strategy_site.mkdocs import internals

ROOT = Path(__file__).resolve().parents[1]


def pinned_in_requirements() -> dict[str, str]:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return {m["name"].lower(): m["version"] for m in re.finditer(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)", text, re.M)}


@pytest.mark.parametrize("package", sorted(internals.PINNED))
def test_the_installed_version_is_the_one_the_internals_were_read_from(package) -> None:
    assert importlib.metadata.version(package) == internals.PINNED[package]
    assert pinned_in_requirements()[package] == internals.PINNED[package], "requirements.txt and internals.PINNED differ"


def test_static_i18n_sets_the_attributes_that_parallel_py_sets() -> None:
    from mkdocs_static_i18n import plugin, reconfigure

    # its on_post_build loop over the other languages, which parallel.py runs in forked processes
    loop = inspect.getsource(plugin.I18n.on_post_build)
    assert "self.building = True" in loop and "self.current_language = locale" in loop and "build(config" in loop
    # where each build starts listing its pages, which the sitemap and the switcher read
    assert "self.i18n_files_per_language = {}" in inspect.getsource(reconfigure)
    assert "self.i18n_files_per_language[self.current_language]" in inspect.getsource(plugin)
    for name in ("default_language", "build_languages"):
        assert hasattr(plugin.I18n, name), name


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_live_reload_server_still_rebuilds_through_its_condition(engine) -> None:
    module = importlib.import_module(f"{engine}.livereload")
    source = inspect.getsource(module.LiveReloadServer)
    assert "self._rebuild_cond = threading.Condition()" in source
    assert "self._want_rebuild = True" in source
    assert "def unwatch(" in source and "self.observer" in source
    # the pause for a save's events to settle, which preview.py shortens
    assert "self.build_delay = 0.1" in source and "wait(timeout=self.build_delay)" in source


def test_request_rebuild_raises_the_flag_and_wakes_the_server() -> None:
    import threading

    class Server:
        def __init__(self) -> None:
            self._rebuild_cond = threading.Condition()
            self._want_rebuild = False

    server = Server()
    woken = []

    def wait() -> None:
        with server._rebuild_cond:
            woken.append(server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30))

    waiter = threading.Thread(target=wait)
    waiter.start()
    internals.request_rebuild(server)
    waiter.join()
    assert woken == [True]


def test_the_search_plugin_keeps_its_previous_index_only_when_dirty() -> None:
    """preview.IncrementalBuilds merges the search index itself; forget_search_index switches the
    plugin's own merge off through these two attributes."""
    from material.plugins.search import plugin

    source = inspect.getsource(plugin.SearchPlugin)
    assert "self.search_index_prev = None" in source and "self.is_dirty = dirty" in source
    assert "generate_search_index(self.search_index_prev)" in source
    assert "if self.is_dirty:\n            self.search_index_prev = self.search_index" in source

    search = plugin.SearchPlugin()
    search.on_startup(command="serve", dirty=True)
    search.search_index_prev = object()
    internals.forget_search_index(search)
    assert search.is_dirty is False and search.search_index_prev is None


def test_the_search_index_reads_pages_with_the_reader_given_and_makes_the_plugins_entries() -> None:
    """read_search_sections_with leaves the making of entries to the plugin: the index it makes
    from the fast reading's sections is the one the plugin's own parser makes."""
    from material.plugins.search import plugin

    from strategy_site.mkdocs.search_sections import sections

    source = inspect.getsource(plugin.SearchIndex.add_entry_from_context)
    assert "parser.feed(page.content)" in source
    assert "self.create_entry_for_section(section, page.toc, page.url, page)" in source

    class Page:  # what the plugin reads of a page
        def __init__(self) -> None:
            self.meta = {"tags": ["a"]}
            self.title = "Sivu"
            self.url = "org/x/"
            self.toc: list = []
            self.content = '<p>Alku</p><h2 id="arvot">Arvot</h2><ul><li>Yksi</li></ul><h2 id="b">B</h2><p>x &amp; y</p>'

    def index_made(reader) -> list[dict]:
        search = plugin.SearchPlugin()
        search.load_config({})
        search.search_index = plugin.SearchIndex(**search.config)
        if reader is not None:
            internals.read_search_sections_with(search, reader)
        search.search_index.add_entry_from_context(Page())
        return search.search_index.entries

    by_parser = index_made(None)
    assert [entry["location"] for entry in by_parser] == ["org/x/", "org/x/#arvot", "org/x/#b"]
    assert index_made(sections) == by_parser
    assert index_made(lambda html: None) == by_parser  # declined: the plugin's parser reads it


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_search_plugin_indexes_a_page_and_strips_its_data_search_attributes_as_before(engine) -> None:
    """index_without_attribute_scan skips the plugin's removal of data-search-* attributes only
    where there is none: the plugin's handler is these statements, and with the shortcut its
    entries and the page's HTML are the same, with and without such an attribute."""
    import textwrap

    from material.plugins.search import plugin

    source = textwrap.dedent(inspect.getsource(plugin.SearchPlugin.on_page_context))
    assert source.split("\n")[1:9] == [
        "    if not self.config.enabled:", "        return", "", "    # Index page",
        "    self.search_index.add_entry_from_context(page)", "    page.content = re.sub(",
        '        r"\\s?data-search-\\w+=\\"[^\\"]+\\"",', '        "",']
    plugins = importlib.import_module(f"{engine}.plugins")

    class Page:
        def __init__(self, content: str) -> None:
            self.meta: dict = {}
            self.title = "Sivu"
            self.url = "org/x/"
            self.toc: list = []
            self.content = content

    def indexed(shortcut: bool, content: str) -> tuple[list[dict], str]:
        collection = plugins.PluginCollection()
        search = plugin.SearchPlugin()
        search.load_config({})
        collection["material/search"] = search
        search.search_index = plugin.SearchIndex(**search.config)
        if shortcut:
            internals.index_without_attribute_scan(collection, search)
            internals.index_without_attribute_scan(collection, search)  # once is enough: the same handler
            assert len(collection.events["page_context"]) == 1
        page = Page(content)
        collection.run_event("page_context", {}, page=page, config=None, nav=None)
        return search.search_index.entries, page.content

    plain = '<h2 id="a">Arvot</h2><p>Yksi</p>'
    marked = '<h2 id="a" data-search-exclude="x">Arvot</h2><p data-search-boost="2">Yksi</p>'
    for content in (plain, marked):
        assert indexed(True, content) == indexed(False, content)
    assert indexed(True, marked)[1] == '<h2 id="a">Arvot</h2><p>Yksi</p>'


def test_the_search_plugins_entries_are_what_it_writes_without_a_previous_index() -> None:
    """preview.IncrementalBuilds takes this build's search entries from the plugin (search_entries)
    instead of reading the index file it wrote: they are the file's docs, as JSON reads them."""
    import json

    from material.plugins.search import plugin

    source = inspect.getsource(plugin.SearchIndex.generate_search_index)
    assert 'data = { "config": config, "docs": self.entries }' in source
    search = plugin.SearchPlugin()
    search.load_config({})
    assert internals.search_entries(search) is None  # before on_config made the index
    search.search_index = plugin.SearchIndex(**search.config)
    search.search_index.entries.append({"location": "org/x/#a", "title": "Arvot – ä", "text": "<p>Yksi</p>",
                                        "tags": ["a"], "boost": 2})
    written = json.loads(search.search_index.generate_search_index(None))
    assert internals.search_entries(search) == written["docs"]


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_theme_makes_a_loader_per_environment_and_mkdocs_lists_the_theme_files_through_it(engine) -> None:
    source = inspect.getsource(importlib.import_module(f"{engine}.theme").Theme.get_env)
    assert "jinja2.FileSystemLoader(self.dirs)" in source
    files = importlib.import_module(f"{engine}.structure.files")
    assert "env.list_templates(filter_func=filter)" in inspect.getsource(files.Files.add_files_from_theme)


def test_the_theme_lists_the_same_files_with_its_folders_listed_once() -> None:
    """theme_cache.ThemeFolders, given to the theme's environments through set_up_theme_environments:
    MkDocs adds the same theme files to a build, and the installed theme's folders are walked once
    per process."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from strategy_site.mkdocs import theme_cache

    def theme_files(config) -> list[str]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [file.src_uri for file in files]

    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = theme_files(config)
    assert len(plain) > 20
    set_ups = []

    def set_up(env):
        set_ups.append(env)
        env.loader = theme_cache.ThemeFolders(env.loader.searchpath)
        return env

    internals.set_up_theme_environments(config.theme, set_up)
    internals.set_up_theme_environments(config.theme, set_up)  # again: one wrapper, not two
    assert isinstance(config.theme.get_env().loader, theme_cache.ThemeFolders) and len(set_ups) == 1
    assert theme_files(config) == plain
    installed = [folder for folder in config.theme.dirs if theme_cache._is_installed(folder)]
    assert installed and not all(theme_cache._is_installed(folder) for folder in config.theme.dirs)  # overrides/
    before = theme_cache._installed_listing.cache_info().hits
    assert theme_files(config) == plain
    assert theme_cache._installed_listing.cache_info().hits >= before + len(installed)
