"""Write the generated pages into docs/, touching only files whose content changed.

Unchanged files keep their modification time, so `mkdocs serve` and its file watcher see
only real changes, and a page whose organisation file was deleted is removed.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from ..input import paths
from ..input.dates import BuildDateError, build_date
from ..input.division import load_checked
from ..input.errors import Location, Problem, StrategyDataError
from ..input.history import CommittedHistory
from ..input.kept import KeptResults
from ..input.load import Catalogue
from ..input.model import LANGS
from ..input.schema import SCHEMA_FILE, schema_text
from ..pages.drawn import KeptDrawings, Report
from ..pages.export import data_files, files_on_disk
from ..pages.feeds import feed_files
from ..pages.files import remove_stale, write_changed
from ..pages.opendata import metadata_files
from ..pages.render import GENERATED_MARK, Renderer, compile_templates
from ..views.queries import newest_source
from .parallel import run_side_by_side


def generated_files(docs_dir: Path) -> list[Path]:
    """Files in docs/ that this package wrote earlier (recognised by their first comment)."""
    # os.walk, not Path.rglob: it lists the folders without a stat() of every entry
    pages = [Path(folder, name) for folder, _, names in os.walk(docs_dir) for name in names if name.endswith(".md")]
    generated = [p for p in pages if _is_generated_page(p)]
    _generated_pages.keep_only(pages)
    return generated


# whether a page in docs/ is generated, by path, kept while the file's inode, size and modification
# time stay the same: the preview looks again after every save, and reading the pages' openings was
# a tenth of a save's generation
_generated_pages: KeptResults[bool] = KeptResults()


def _is_generated_page(path: Path) -> bool:
    stat = path.stat()
    return _generated_pages.get(path, (stat.st_ino, stat.st_size, stat.st_mtime_ns),
                                lambda: GENERATED_MARK in _opening(path))


def _opening(path: Path, characters: int = 2000) -> str:
    """The first characters of a UTF-8 file, reading no more of it than they can take (a
    character is at most four bytes): a large site's pages are some 50 MB, read whole before."""
    with path.open("rb") as file:
        head = file.read(4 * characters)
    # an incremental decoder leaves a character cut at the end undecoded, and raises on bad bytes as read_text did
    return codecs.getincrementaldecoder("utf-8")().decode(head)[:characters]


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


class _TaskResult(NamedTuple):
    """What a task of generate() hands back from its process."""

    wanted: list[str]  # the files it writes
    changed: list[str]  # those whose content changed
    described: dict[tuple[str, str], list]  # a language's tables published as CSV, without their rows
    drawn: Report | None  # what it used and drew of the preview's kept drawings (drawn.KeptDrawings)


_committed = CommittedHistory()  # the change log and commit dates, read again after a commit
_kept = KeptDrawings()  # the preview's drawings, kept between saves (pages/drawn.py)


def generate(strategies_dir: Path, docs_dir: Path, division_file: Path | None = None,
             keep: bool = False) -> tuple[Catalogue, list[str]]:
    """Load, validate and render everything; raises StrategyDataError before writing anything.
    keep: keep what is drawn for the next generation in this process (the preview), and draw
    again only what changed."""
    catalogue = load_checked(strategies_dir, division_file, run_side_by_side)  # many files: on every core
    today = dated_by()
    history, dates = _committed.read(strategies_dir, list(catalogue.files.values()))
    changed_on = {slug: dates[path] for slug, path in catalogue.files.items() if path in dates}
    kept = _kept if keep else None

    def pages_of(lang: str) -> _TaskResult:
        renderer = Renderer(catalogue, changed_on, languages=(lang,), history=history, today=today, kept=kept)
        pages = renderer.pages()
        # the pages' tables as CSV files: written as they are, CRLF line ends kept
        tables = {path: pages.pop(path) for path in list(pages) if path.endswith(".csv")}
        # what the open data's description needs of those tables (their columns, not their rows)
        described = {key: [table.described() for table in found] for key, found in renderer.published_tables.items()}
        return _TaskResult([*pages, *tables], write_changed(pages, docs_dir) + write_changed(tables, docs_dir, newline=""),
                           described, _kept.report())

    def other_files() -> _TaskResult:
        # the schema is published with the site, so editors' tools can also fetch it by URL
        pages = {SCHEMA_FILE: schema_text()}
        # an empty feed (no history) is as old as the newest source: still the same bytes every build
        dated = [d.last_day() for d in map(newest_source, catalogue.organisations) if d]
        pages.update(feed_files(catalogue, history, max(dated).isoformat() if dated else "1970-01-01"))
        data = data_files(catalogue, today, kept)
        return _TaskResult([*pages, *data], write_changed(pages, docs_dir) + write_changed(data, docs_dir, newline=""),
                           {}, _kept.report())

    # each language's pages and the open data in processes of their own, side by side
    compile_templates()  # once, before the fork, not once per process
    _kept.report()  # what this process drew before is taken in already: the tasks report their own
    results = run_side_by_side([*(lambda lang=lang: pages_of(lang) for lang in LANGS), other_files])
    if keep:  # what the tasks used and drew, kept here for the next generation's forks
        _kept.take([result.drawn for result in results if result.drawn is not None])
    # the open data described for open-data tools (Frictionless datapackage.json, DCAT-AP), with the
    # tables the languages' pages published: the comparison's, then the coverage page's
    described = {key: tables for result in results for key, tables in result.described.items()}
    metadata = metadata_files(catalogue, changed_on, strategies_dir.parent,
                              {lang: described[(lang, "compare")] + described[(lang, "coverage")] for lang in LANGS})
    results.append(_TaskResult(list(metadata), write_changed(metadata, docs_dir, newline=""), {}, None))
    wanted = [path for result in results for path in result.wanted]
    changed = [path for result in results for path in result.changed]
    feeds = [*docs_dir.glob("muutokset/atom.*.xml"), *docs_dir.glob("org/*/atom.*.xml")]
    stale = remove_stale(generated_files(docs_dir) + files_on_disk(docs_dir) + feeds, wanted, docs_dir)
    _outputs.update(os.path.abspath(docs_dir / path) for path in [*wanted, *stale])
    _warnings[:] = catalogue.warnings
    return catalogue, changed + stale


_warnings: list = []  # the editorial slips of the last generation (slips.py)


def last_warnings() -> list:
    """The warnings of the last successful generation in this process (they fail nothing)."""
    return list(_warnings)


_outputs: set[str] = set()  # every file generation wrote, may write or removed in this process


def is_generated(path: str) -> bool:
    """Whether path is a file generation writes (or its temporary copy, see files.write_changed)."""
    return os.path.abspath(path.removesuffix(".tmp")) in _outputs


_last: dict[Path, str] = {}


def ensure_generated(root: Path, docs_dir: Path, keep: bool = False) -> bool:
    """Generate unless nothing changed since the last time in this process; True if it ran.

    static-i18n runs the whole MkDocs build again for every language and `serve` rebuilds on
    every save: this keeps the YAML parsed and validated once per change, not once per build.
    """
    # the build date is an input too: a preview left running past midnight re-dates the pages
    inputs = fingerprint(paths.inputs(root)) + dated_by().isoformat()
    if _last.get(docs_dir) == inputs:
        return False
    generate(root / paths.STRATEGIES, docs_dir, root / paths.DIVISION, keep)
    _last[docs_dir] = inputs
    return True
