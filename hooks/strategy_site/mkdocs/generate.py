"""Write the generated pages into docs/, touching only files whose content changed.

Unchanged files keep their modification time, so `mkdocs serve` and its file watcher see
only real changes, and a page whose organisation file was deleted is removed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..input import paths
from ..input.dates import BuildDateError, build_date
from ..input.errors import Location, Problem, StrategyDataError
from ..input.history import git_dates
from ..input.load import Catalogue, load_catalogue
from ..input.model import LANGS
from ..input.schema import SCHEMA_FILE, schema_text
from ..pages.export import data_files, files_on_disk
from ..pages.files import remove_stale, write_changed
from ..pages.render import GENERATED_MARK, Renderer
from .parallel import run_side_by_side


def generated_files(docs_dir: Path) -> list[Path]:
    """Files in docs/ that this package wrote earlier (recognised by their first comment)."""
    return [p for p in docs_dir.rglob("*.md") if GENERATED_MARK in p.read_text(encoding="utf-8")[:2000]]


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return digest.hexdigest()


def dated_by():
    """The build date (dates.build_date), or a located error when SOURCE_DATE_EPOCH is malformed."""
    try:
        return build_date()
    except BuildDateError as err:
        raise StrategyDataError([Problem("environment", Location(0, 0), ("SOURCE_DATE_EPOCH",), str(err),
                                         "set it to whole seconds since 1970-01-01 UTC, or unset it")]) from None


def generate(strategies_dir: Path, docs_dir: Path) -> tuple[Catalogue, list[str]]:
    """Load, validate and render everything; raises StrategyDataError before writing anything."""
    catalogue = load_catalogue(strategies_dir)
    today = dated_by()
    dates = git_dates(list(catalogue.files.values()))
    changed_on = {slug: dates[path] for slug, path in catalogue.files.items() if path in dates}

    def pages_of(lang: str) -> tuple[list[str], list[str]]:
        pages = Renderer(catalogue, changed_on, languages=(lang,), today=today).pages()
        return list(pages), write_changed(pages, docs_dir)

    def other_files() -> tuple[list[str], list[str]]:
        # the schema is published with the site, so editors' tools can also fetch it by URL
        pages = {SCHEMA_FILE: schema_text()}
        data = data_files(catalogue, today)
        return [*pages, *data], write_changed(pages, docs_dir) + write_changed(data, docs_dir, newline="")

    # each language's pages and the open data in processes of their own, side by side
    results = run_side_by_side([*(lambda lang=lang: pages_of(lang) for lang in LANGS), other_files])
    wanted = [path for paths_wanted, _ in results for path in paths_wanted]
    changed = [path for _, paths_changed in results for path in paths_changed]
    stale = remove_stale(generated_files(docs_dir) + files_on_disk(docs_dir), wanted, docs_dir)
    _outputs.update(os.path.abspath(docs_dir / path) for path in [*wanted, *stale])
    return catalogue, changed + stale


_outputs: set[str] = set()  # every file generation wrote, may write or removed in this process


def is_generated(path: str) -> bool:
    """Whether path is a file generation writes (or its temporary copy, see files.write_changed)."""
    return os.path.abspath(path.removesuffix(".tmp")) in _outputs


_last: dict[Path, str] = {}


def ensure_generated(root: Path, docs_dir: Path) -> bool:
    """Generate unless nothing changed since the last time in this process; True if it ran.

    static-i18n runs the whole MkDocs build again for every language and `serve` rebuilds on
    every save: this keeps the YAML parsed and validated once per change, not once per build.
    """
    # the build date is an input too: a preview left running past midnight re-dates the pages
    inputs = fingerprint(paths.inputs(root)) + dated_by().isoformat()
    if _last.get(docs_dir) == inputs:
        return False
    generate(root / paths.STRATEGIES, docs_dir)
    _last[docs_dir] = inputs
    return True
