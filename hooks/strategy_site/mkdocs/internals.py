"""Every use of another package's private or undocumented behaviour, in one place, with the reason.

Where a public API or a documented mechanism does the job, the code uses that instead. What
is left here has none: each function names the versions it was read from (pinned in
requirements.txt), and tests/test_internals.py fails loudly when an installed version differs
or an attribute is gone, so an upgrade is a decision, not a surprise.
"""

from __future__ import annotations

# The versions whose internals the functions below were written against.
PINNED = {"mkdocs": "1.6.1", "properdocs": "1.6.7", "mkdocs-static-i18n": "1.3.1", "mkdocs-material": "9.8.2"}


# --- mkdocs-static-i18n 1.3.1 ----------------------------------------------------------------
# Hack: static-i18n builds the other languages one after the other in its own on_post_build
# and has no API to build one language elsewhere. parallel.py builds them side by side by
# setting, in a forked process, the three attributes its own loop sets before each language.

def i18n_languages(i18n) -> tuple[str, list[str]]:
    """The default language and the others that this build builds."""
    default = i18n.default_language
    return default, [code for code in i18n.build_languages if code != default]


def i18n_current_language(i18n) -> str | None:
    """The language static-i18n is building now (None before its first on_config)."""
    return i18n.current_language


def switch_i18n_language(i18n, lang: str) -> None:
    """Make this process build lang, as static-i18n's on_post_build loop does before each language."""
    i18n.current_language = lang
    i18n.building = True
    # this build's sitemap lists this language's pages; parallel.py merges them afterwards
    i18n.i18n_files_per_language = {}


def i18n_building(i18n) -> bool:
    """Whether static-i18n is building its other languages (inside the default language's build)."""
    return bool(i18n.building)


def set_i18n_building(i18n, building: bool) -> None:
    """static-i18n's flag that the other languages are being built: raised, its on_post_build
    builds none of them (the forked builds do)."""
    i18n.building = building


# --- MkDocs 1.6.1 / ProperDocs 1.6.7 live-reload server -------------------------------------
# Hack: `serve` watches all of docs/, where the build writes its generated pages, so every save
# was built twice, and it polls every 0.5 s. preview.py watches with the system's file events
# instead; server.unwatch() is public; asking for one rebuild is not, so this does what the
# server's own watch callback does. How long it waits for a save's events to settle is an
# attribute set in its constructor, undocumented.

def request_rebuild(server) -> None:
    """Ask the live-reload server for one rebuild, the way its own file watcher does."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def set_build_delay(server, seconds: float) -> None:
    """How long the server waits after the last file event before it rebuilds (MkDocs: 0.1 s)."""
    server.build_delay = seconds


# --- Material 9.8.2 search plugin ------------------------------------------------------------
# Hack: under `serve --dirty` the plugin merges this build's entries into the previous index,
# assuming one page changed (it drops the previous entries of the first page only; with
# static-i18n's languages one after the other it merged each language into the other). The
# preview merges the index itself (preview.IncrementalBuilds), from this build's entries.

def search_entries(search) -> list[dict] | None:
    """The entries of the search index the plugin wrote in this build's on_post_build (its
    SearchIndex.entries; None before its on_config made the index)."""
    index = getattr(search, "search_index", None)
    return None if index is None else index.entries


def forget_search_index(search) -> None:
    """Make the search plugin write only the entries of the pages this build writes, as in a
    clean build: no previous index, and none kept for the next build."""
    search.is_dirty = False
    search.search_index_prev = None


# --- Material 9.8.2 search plugin: its reading of each page ----------------------------------
# Hack: the plugin reads every page's HTML with a subclass of html.parser, 70 % of MkDocs' own
# time on a large site, and has no option for another reader. search_sections.py reads the
# HTML this project writes the same way, faster; this gives the plugin's index its sections
# and leaves every entry's making (address, title, tags, boost) to the plugin. A page the fast
# reading declines (sections_of gives None) is read by the plugin's own parser.

def read_search_sections_with(search, sections_of) -> None:
    """Make this build's search index (made anew in the plugin's on_config) read pages with sections_of."""
    index = search.search_index
    read_with_parser = index.add_entry_from_context

    def add_entry_from_context(page) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        found = sections_of(page.content)
        if found is None:
            read_with_parser(page)
            return
        for section in found:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = add_entry_from_context


# Hack: after indexing a page, the plugin's on_page_context removes every data-search-*
# attribute from its HTML with a regular expression that starts with an optional space, which
# Python's engine tries at every character: 0.03 s for the nine large pages a preview save
# rewrites at N = 100. A page without the text "data-search-" has no such attribute, so for it
# the handler only indexes; a page with one goes through the plugin's own handler.

def index_without_attribute_scan(plugins, search) -> None:
    """Give the search plugin's registered on_page_context the shortcut above (once per collection)."""
    events = plugins.events["page_context"]
    for number, handler in enumerate(events):
        if getattr(handler, "__self__", None) is not search or handler.__name__ != "on_page_context":
            continue

        def on_page_context(context, *, page, config, nav, handler=handler, plugin=search):
            if "data-search-" in page.content or not plugin.config.enabled:
                return handler(context, page=page, config=config, nav=nav)
            plugin.search_index.add_entry_from_context(page)
            return None

        events[number] = on_page_context
        plugins._event_origins[on_page_context] = plugins._event_origins.get(handler, "material/search")


# --- MkDocs 1.6.1 / ProperDocs 1.6.7 theme -------------------------------------------------
# Hack: Theme.get_env() makes a new Jinja environment, with a new FileSystemLoader over the
# theme's folders, at every call: MkDocs lists the theme's files through one at every build
# (files.add_files_from_theme) and the search plugin renders a theme template with another in
# its on_config, with no event for either. The project's set-up (a loader that lists an
# installed theme once, theme_cache.ThemeFolders, and the compiled templates kept) is given to
# every environment the theme makes.

def set_up_theme_environments(theme, set_up) -> None:
    """Make theme.get_env() give set_up(environment) (once per theme: on_config runs again for
    every language's build of the same configuration)."""
    if getattr(theme.get_env, "set_up", None) is set_up:
        return
    make_env = theme.get_env

    def get_env():
        return set_up(make_env())

    get_env.set_up = set_up  # type: ignore[attr-defined]  # the mark of a theme already set up
    theme.get_env = get_env
