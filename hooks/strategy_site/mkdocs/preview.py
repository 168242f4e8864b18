"""The preview (`build.py serve`): the error banner it puts on every page while a strategy
file is broken, and what it watches."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import jinja2
from markupsafe import escape

from ..input.errors import Problem, StrategyDataError, warnings_report
from ..input.labels import label
from .internals import request_rebuild, set_build_delay

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
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
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
        observer.schedule(Handler(), folder, recursive=True)
    observer.start()
    set_build_delay(server, BUILD_DELAY)

    def stop() -> None:
        observer.stop()
        observer.join(timeout=5)

    return stop


# How long the server waits for a save's file events to settle before it builds (MkDocs: 0.1 s).
# One save is a few events within a millisecond; an editor's write-and-rename within a few.
BUILD_DELAY = 0.03


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview, not once per rebuild.

    MkDocs makes a new Jinja environment for every build, so every save compiled the
    theme's templates again (a tenth of a small site's rebuild). Jinja's own bytecode cache
    API keeps the compiled code in memory; Jinja compares each template's source with the
    checksum stored beside its code and compiles again when the source changed.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


compiled_templates = CompiledTemplates()
