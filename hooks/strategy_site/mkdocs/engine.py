"""Which MkDocs runs the build: MkDocs 1.6 itself, or ProperDocs, its maintained continuation.

MkDocs 1.x is no longer maintained; ProperDocs 1.6 is a drop-in continuation whose
`properdocs.replacement` module sends every later `mkdocs.*` import (ours, Material's and
static-i18n's) to the matching `properdocs.*` module. The site it builds is byte-identical
(tests/test_engine.py). Choose it with STRATEGY_SITE_ENGINE=properdocs.
"""

from __future__ import annotations

import os
import sys

VARIABLE = "STRATEGY_SITE_ENGINE"
ENGINES = ("mkdocs", "properdocs")


class UnknownEngineError(ValueError):
    pass


def selected() -> str:
    engine = os.environ.get(VARIABLE, "").strip().lower() or "mkdocs"
    if engine not in ENGINES:
        raise UnknownEngineError(f"{VARIABLE}={os.environ[VARIABLE]!r} is not an engine this site builds with; "
                            f"use one of: {', '.join(ENGINES)}")
    return engine


def activate() -> str:
    """Make the selected engine the one that `import mkdocs...` finds; call before any such import."""
    engine = selected()
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401 - importing it installs the redirect
    return engine


def command() -> list[str]:
    """The engine's command line, for `serve` in a process of its own."""
    return [sys.executable, "-m", selected()]
