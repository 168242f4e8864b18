"""Write the generated pages into docs/, touching only files whose content changed.

Unchanged files keep their modification time, so `mkdocs serve` and its file watcher see
only real changes, and a page whose organisation file was deleted is removed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import paths
from .export import write_data
from .files import remove_stale, write_changed
from .history import git_dates
from .load import Catalogue, load_catalogue
from .render import GENERATED_MARK, Renderer
from .schema import SCHEMA_FILE, schema_text


def generated_files(docs_dir: Path) -> list[Path]:
    """Files in docs/ that this package wrote earlier (recognised by their first comment)."""
    return [p for p in docs_dir.rglob("*.md") if GENERATED_MARK in p.read_text(encoding="utf-8")[:2000]]


def write_pages(pages: dict[str, str], docs_dir: Path) -> list[str]:
    """Write pages; remove pages this package wrote before that are no longer wanted."""
    return write_changed(pages, docs_dir) + remove_stale(generated_files(docs_dir), pages, docs_dir)


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return digest.hexdigest()


def generate(strategies_dir: Path, docs_dir: Path) -> tuple[Catalogue, list[str]]:
    """Load, validate and render everything; raises StrategyDataError before writing anything."""
    catalogue = load_catalogue(strategies_dir)
    dates = git_dates(list(catalogue.files.values()))
    changed_on = {slug: dates[path] for slug, path in catalogue.files.items() if path in dates}
    pages = Renderer(catalogue, changed_on).pages()
    # published with the site, so editors' tools can also fetch it by URL
    pages[SCHEMA_FILE] = schema_text()
    changed = write_pages(pages, docs_dir)
    return catalogue, changed + write_data(catalogue, docs_dir)


_last: dict[Path, str] = {}


def ensure_generated(root: Path, docs_dir: Path) -> bool:
    """Generate unless nothing changed since the last time in this process; True if it ran.

    static-i18n runs the whole MkDocs build again for every language and `serve` rebuilds on
    every save: this keeps the YAML parsed and validated once per change, not once per build.
    """
    inputs = fingerprint(paths.inputs(root))
    if _last.get(docs_dir) == inputs:
        return False
    generate(root / paths.STRATEGIES, docs_dir)
    _last[docs_dir] = inputs
    return True
