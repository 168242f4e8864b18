"""The preview (`build.py serve`): the error banner it puts on every page while a strategy
file is broken, what it watches, and how it rebuilds only the pages a save changed."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import escape

from ..input.errors import Problem, StrategyDataError, warnings_report
from ..input.kept import KeptWhileUsed, Report
from ..input.labels import label
from . import search_sections
from .internals import forget_search_index, request_rebuild, set_build_delay

_BODY = re.compile(r"<body[^>]*>")
# The closing line of the problem report, the same in the terminal and in the banner.
OUTCOME = "the preview shows the last working version"


def with_problems(html: str, problems: StrategyDataError, lang: str) -> str:
    lang = lang if lang in ("fi", "sv") else "fi"
    # styled in docs/stylesheets/site.css: the Content-Security-Policy allows no style attribute
    banner = (f'<div class="ss-preview-error" role="alert">'
              f'<strong>{escape(label("preview_error_title", lang))}</strong> '
              f'{escape(label("preview_error_help", lang))}'
              f'<pre lang="en">{escape(problems.report(OUTCOME))}</pre>'
              f'{_warning_list(problems.warnings)}</div>')
    return _after_body(html, banner)


def with_warnings(html: str, warnings: list[Problem], lang: str) -> str:
    """The editorial slips (slips.py) on top of every page of the preview; the pages are fine."""
    lang = lang if lang in ("fi", "sv") else "fi"
    banner = (f'<div class="ss-preview-warning" role="status">'
              f'<strong>{escape(label("preview_warning_title", lang))}</strong> '
              f'{escape(label("preview_warning_help", lang))}{_warning_list(warnings)}</div>')
    return _after_body(html, banner)


def _warning_list(warnings: list[Problem]) -> str:
    if not warnings:
        return ""
    return f'<pre lang="en">{escape(warnings_report(warnings))}</pre>'


def _after_body(html: str, banner: str) -> str:
    match = _BODY.search(html)
    if not match:
        return banner + html
    return html[: match.end()] + banner + html[match.end():]


def watch_natively(server, config, generated: Callable[[str], bool]) -> Callable[[], None]:
    """Watch docs/ and the `watch:` folders with the system's file events; return the stop function.

    The live-reload server polls every watched folder every 0.5 s: a save waited 0.25 s on
    average before its rebuild even started, half the preview's budget. The system's file
    events (inotify on Linux; watchdog falls back to polling where there are none) report a
    save at once. The folders leave the server's own watching (config.watch is read after
    on_serve; docs/ is unwatched) so each save is still built once.

    In docs/ only hand-written files count: MkDocs' serve watches all of docs/, and every build
    after a save writes the new pages into it, so each save was built twice and the page showed
    only after the second build (the server holds requests until the newest build is done).
    The rebuild is asked for through internals.py.
    """
    import watchdog.events
    import watchdog.observers

    docs_dir = os.path.abspath(config.docs_dir)
    server.unwatch(docs_dir)
    folders = [os.path.abspath(path) for path in config.watch if os.path.isdir(path)]
    config.watch[:] = [path for path in config.watch if os.path.abspath(path) not in folders]

    def changed(event) -> None:
        if event.is_directory:
            return
        touched = [os.fsdecode(path) for path in (event.src_path, getattr(event, "dest_path", "")) if path]
        if all(generated(path) or os.path.basename(path).startswith(".") or "__pycache__" in path
               for path in touched):
            return  # the build's own pages, editors' swap files, Python's compiled modules
        request_rebuild(server)

    class Handler(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            changed(event)

    observer = watchdog.observers.Observer()
    for folder in [docs_dir, *folders]:
        observer.schedule(Handler(), folder, recursive=True, event_filter=_changes())
    observer.start()
    set_build_delay(server, BUILD_DELAY)

    def stop() -> None:
        observer.stop()
        observer.join(timeout=5)

    return stop


def _changes() -> list:
    """The file events that can mean a change. Without a filter the system reports every file
    opened and closed unwritten too: generation reads each page it may write (some 1,600 at
    N = 100) and MkDocs reads the pages, so each save brought thousands of events, and reading
    them took the preview's process a tenth of a second from its build."""
    from watchdog import events

    return [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
            events.FileClosedEvent]


def end_cleanly_on_stop_signals() -> None:
    """Make a stop signal (SIGTERM from `build.py serve` or a process manager, SIGHUP from a closed
    terminal) end MkDocs' server as Ctrl+C does: MkDocs then removes its temporary site folder and
    the plugins' on_shutdown runs. Killed by the default handler instead, every preview left a
    copy of the site in the temporary folder."""
    import signal

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)


# How long the server waits for a save's file events to settle before it builds (MkDocs: 0.1 s).
# One save is a few events within a millisecond; an editor's write-and-rename within a few.
BUILD_DELAY = 0.03


class IncrementalBuilds:
    """The preview rebuilds only the pages whose Markdown changed, never a page that would differ.

    `build.py serve` runs MkDocs' serve with its documented `--dirty` option: MkDocs reads,
    renders and writes only the pages whose source is newer than their output, and
    generate.py rewrites only the generated pages whose content changed. A page MkDocs skips
    keeps its output of the previous build, which is right only when nothing else that the
    page shows changed. So before MkDocs reads the pages (on_nav), every language's build
    compares what all its pages share with the previous build: the configuration, the theme's
    overrides, the build date, the preview's banner (a broken or fixed file, the editorial warnings), the files and
    their addresses, and the title of every page in the navigation (read from the sources, as
    the navigation of a skipped page was drawn with them). When any of it changed, the
    language's output is removed, so MkDocs builds every page of it again; a failed build
    forgets everything, so the next one is whole.

    MkDocs' own `--dirty` leaves skipped pages without a title (the navigation of the pages
    it rebuilds said "None") and the theme's search index keeps the entries of one page only;
    so the titles are read here, and the search index is merged here: the entries of the
    pages this build wrote replace those pages' entries of the previous index, in the
    previous order. The server holds every request while a build runs, so no response ever
    mixes the previous build with this one.

    The other languages are built alongside the default one, in forked processes
    (parallel.start_alongside): each child says what its build decided and wrote (report), and
    the parent takes it in (take) before it merges the search index.

    The search index reads each page written a piece at a time, and keeps what it read of each
    piece for the next build (search_sections.read_in_pieces): a save changes the rows that name
    one organisation, not the rest of a comparison page.
    """

    def __init__(self) -> None:
        self.enabled = False  # set by on_startup: `serve --dirty`
        self._shared: dict[str, str] = {}  # language -> digest of what all its pages share
        self._index: list[dict] | None = None  # the last complete search index's entries
        self._index_config: dict | None = None  # and its configuration, as the search plugin wrote it
        self._written: set[str] = set()  # the URLs of the pages this build wrote, every language
        self._elsewhere: list[dict] = []  # this build's search entries from the languages built alongside
        self._child_lang: str | None = None  # in a process building one language alongside: which
        self._fresh: list[dict] = []  # there: the entries of the pages its build wrote
        # what the search index read of each piece of a page (search_sections.read_in_pieces)
        self._readings: KeptWhileUsed[search_sections.Piece | str] = KeptWhileUsed()
        self._readings_elsewhere: list[Report] = []  # this build's, in the languages built alongside

    def enable(self) -> None:
        import logging

        self.enabled = True
        # MkDocs warns on every build that --dirty may leave the navigation wrong; check() sees to it
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))

    def start(self, search, outermost: bool) -> None:
        """The beginning of a language's build (on_pre_build), with its search plugin (None without
        one); outermost: the default language's, which builds the others inside it."""
        if not self.enabled:
            return
        if outermost:
            self._written = set()
            self._elsewhere = []
            self._readings_elsewhere = []
        if search is not None:
            forget_search_index(search)  # its index holds this build's pages only; merged below

    def search_sections(self) -> Callable[[str], list | None]:
        """The search index's reading of a page (search_sections.sections): in the preview, a piece at
        a time, with what it read of each piece in the builds before."""
        if not self.enabled:
            return search_sections.sections
        return lambda html: search_sections.sections(html, self._readings)

    def check(self, config, files, nav, lang: str, default_lang: str, banner: str, built_on: str) -> None:
        """Remove this language's output when a page MkDocs would skip would differ."""
        if not self.enabled:
            return
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)  # its title, as a full build would draw it in the navigation
        shared = hashlib.sha256()
        config_file = Path(config.config_file_path) if config.config_file_path else None
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        theme = sorted((str(f), f.stat().st_mtime_ns, f.stat().st_size)
                       for f in (overrides.rglob("*") if overrides else []) if f.is_file())
        parts = [config_file.read_bytes().hex() if config_file and config_file.exists() else "",
                 json.dumps(theme), str(config.site_url), built_on, banner,
                 json.dumps([(f.src_uri, f.dest_uri, f.url) for f in files]),
                 json.dumps([(p.file.src_uri, p.title) for p in nav.pages])]
        for part in parts:
            shared.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest = shared.hexdigest()
        if self._shared.get(lang) == digest:
            return
        from mkdocs.utils import clean_directory

        site_dir = Path(config.site_dir)
        if lang == default_lang:
            clean_directory(str(site_dir))
            self._shared.clear()
            self._index = None
        else:  # its contents, not the folder: a build alongside writes through a link to it
            clean_directory(str(site_dir / lang))
        self._shared[lang] = digest

    def written(self, page) -> None:
        if self.enabled:
            self._written.add(page.url)

    def finish_language(self, index_file: Path, outermost: bool, entries: list[dict] | None = None) -> dict | None:
        """A language's build has ended (on_post_build, its search index written): the default
        language's merges the search index (after every language) and returns it, for
        postbuild.split_search_index to write; a build alongside keeps its entries for its report.
        entries: this build's search entries, as the search plugin holds them (internals.search_entries):
        what it wrote to index_file, without reading the file again."""
        if not self.enabled:
            return None
        if outermost:
            # what this build read of each piece of a page, in every language, kept for the next
            self._readings.take([self._readings.report(), *self._readings_elsewhere])
            return self.merge_search_index(index_file, entries)
        if self._child_lang is not None:
            self._fresh = list(entries or [])
        return None

    @property
    def alongside(self) -> bool:
        """Whether this process builds a language alongside the default one's (its site is not the site)."""
        return self._child_lang is not None

    def build_alongside(self, lang: str) -> None:
        """This process builds lang alongside the default language's build (parallel.start_alongside)."""
        import logging

        self._child_lang = lang
        self._written = set()
        self._fresh = []
        # MkDocs' own lines about its build of this folder, which static-i18n hides for its builds of a language
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith(_ALONGSIDE_LINES))

    def hand_over(self) -> dict[str, str]:
        """The default language's decision, for the languages built alongside: the digests it keeps
        (none after it emptied the site)."""
        return dict(self._shared)

    def take_over(self, handed: object) -> None:
        assert isinstance(handed, dict)
        self._shared = dict(handed)

    def report(self) -> dict:
        """What the build alongside decided and wrote, for the parent's take()."""
        assert self._child_lang is not None
        return {"lang": self._child_lang, "shared": self._shared.get(self._child_lang),
                "written": sorted(self._written), "entries": self._fresh, "readings": self._readings.report()}

    def take(self, reports: list[dict]) -> None:
        """The reports of this build's languages built alongside, in the order of the languages."""
        for report in reports:
            if report["shared"] is None:
                self._shared.pop(report["lang"], None)
            else:
                self._shared[report["lang"]] = report["shared"]
            self._written.update(report["written"])
            self._elsewhere.extend(report["entries"])
            self._readings_elsewhere.append(report["readings"])

    def merge_search_index(self, index_file: Path, entries: list[dict] | None = None) -> dict | None:
        """After the last language: the previous entries of the pages not written again, and this
        build's entries of the pages written (the languages built alongside after this one's), in
        the order of the previous index. Returns the index; the file holds only this build's entries
        until postbuild.split_search_index writes it. entries: this build's, as the plugin holds
        them; the file is read only after a whole build, for the index's configuration."""
        if not self.enabled or not index_file.exists():
            return None
        if self._index is None or entries is None:
            index = json.loads(index_file.read_text(encoding="utf-8"))
            self._index_config = index.get("config")
        else:  # the configuration is that of the previous build: a change of it empties the site
            index = {"config": self._index_config, "docs": list(entries)}
        index["docs"] = index.get("docs", []) + self._elsewhere

        def page_of(entry: dict) -> str:
            return entry["location"].split("#", 1)[0]

        by_page: dict[str, list[dict]] = {}
        for entry in self._index or []:
            if page_of(entry) not in self._written:
                by_page.setdefault(page_of(entry), []).append(entry)
        fresh: dict[str, list[dict]] = {}
        for entry in index.get("docs", []):
            fresh.setdefault(page_of(entry), []).append(entry)
        order = list(dict.fromkeys([*map(page_of, self._index or []), *fresh]))
        docs = [entry for page in order for entry in fresh.get(page, by_page.get(page, []))]
        self._index = docs
        index["docs"] = docs
        return index

    def forget(self) -> None:
        """After a failed build: the next one builds everything."""
        self._shared.clear()
        self._index = None


_ALONGSIDE_LINES = ("Building documentation to directory", "The directory contains stale files")


incremental = IncrementalBuilds()
