"""The error banner that `build.py serve` puts on every page while a strategy file is broken."""

from __future__ import annotations

import re

from markupsafe import escape

from .errors import StrategyDataError
from .labels import label

_BODY = re.compile(r"<body[^>]*>")


def with_problems(html: str, problems: StrategyDataError, lang: str) -> str:
    lang = lang if lang in ("fi", "sv") else "fi"
    report = problems.report("the preview shows the last working version")
    banner = (f'<div class="ss-preview-error" role="alert" style="background:#fff0f0;color:#600;'
              f'border-bottom:3px solid #a00;padding:1em;font:1rem/1.4 sans-serif;position:relative;z-index:10">'
              f'<strong>{escape(label("preview_error_title", lang))}</strong> '
              f'{escape(label("preview_error_help", lang))}'
              f'<pre lang="en" style="white-space:pre-wrap;margin:.5em 0 0">{escape(report)}</pre></div>')
    match = _BODY.search(html)
    if not match:
        return banner + html
    return html[: match.end()] + banner + html[match.end():]
