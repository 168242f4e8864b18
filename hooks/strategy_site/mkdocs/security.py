"""The site's Content-Security-Policy, written into every page as a <meta http-equiv> tag
(overrides/main.html; static hosts such as GitHub Pages send no headers of their own).

Everything comes from the site itself: no inline script, no inline style, no event handler
attribute, no plugin, no <base> pointing elsewhere, no form posting elsewhere. The theme's own
inline scripts are replaced by files (overrides/partials/javascripts/, docs/javascripts/); its
configuration block, <script id="__config" type="application/json">, is data, which a policy
does not govern. Why no 'unsafe-inline' or 'unsafe-hashes' for styles: README, "Security".

A policy delivered in a meta tag cannot carry frame-ancestors, report-uri or sandbox; the
gate (tests/test_gate.py) records the browser's violation reports on every page instead.
"""

from __future__ import annotations

DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # the theme's icons: data: SVGs in its own stylesheet (README)
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# `build.py serve` only: MkDocs' live reload injects an inline script (<script>livereload(...)</script>)
# into every page it serves, different on every start. The built site never carries this.
PREVIEW_EXTRA = {"script-src": "'unsafe-inline'"}


def policy(preview: bool = False) -> str:
    """The policy as the content of the meta tag."""
    parts = []
    for directive, sources in DIRECTIVES:
        if preview and directive in PREVIEW_EXTRA:
            sources = f"{sources} {PREVIEW_EXTRA[directive]}"
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)
