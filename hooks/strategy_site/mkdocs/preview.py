"""The preview (`build.py serve`): the error banner it puts on every page while a strategy
file is broken, and what it watches."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from markupsafe import escape

from ..input.errors import Problem, StrategyDataError, warnings_report
from ..input.labels import label
from .internals import request_rebuild

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


def watch_docs_except_generated(server, docs_dir: str, generated: Callable[[str], bool]) -> None:
    """Rebuild when a hand-written file in docs/ changes, not when the build writes its pages there.

    MkDocs' serve watches all of docs/, and every build after a save writes the new pages
    into it: each save was built twice, and the page showed only after the second build (the
    server holds requests until the newest build is done). The YAML and the templates are
    watched through `watch:` in mkdocs.yml. The rebuild is asked for through internals.py.
    """
    import watchdog.events

    docs_dir = os.path.abspath(docs_dir)
    server.unwatch(docs_dir)

    def changed(event) -> None:
        if event.is_directory:
            return
        touched = [path for path in (event.src_path, getattr(event, "dest_path", "")) if path]
        if all(generated(os.fsdecode(path)) for path in touched):
            return
        request_rebuild(server)

    class Handler(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            changed(event)

    server.observer.schedule(Handler(), docs_dir, recursive=True)
