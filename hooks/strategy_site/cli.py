"""Commands behind build.py, run inside the project's virtual environment."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from .input import paths
from .input.division import load_checked
from .input.errors import StrategyDataError, warnings_report
from .mkdocs.generate import ensure_generated
from .mkdocs.parallel import run_side_by_side

SERVE_ADDRESS = "127.0.0.1:8000"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 build.py",
        description="Build, check, preview and test the welfare area strategy site.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("build", help="validate strategies/ and build the site into site/ (the default)")
    check_cmd = sub.add_parser("check", help="only validate strategies/*.yaml and report every problem, "
                                             "then the translation coverage")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text",
                           help="github: also print GitHub Actions annotations on the offending lines")
    check_cmd.add_argument("-v", "--verbose", action="store_true",
                           help="list every Swedish text that is the site's own translation")
    serve = sub.add_parser("serve", help="live preview that rebuilds when a file changes")
    serve.add_argument("--address", default=SERVE_ADDRESS, help=f"where to serve (default {SERVE_ADDRESS})")
    sub.add_parser("schema", help="write schema/strategy.schema.json from the model (for editors' tools)")
    new = sub.add_parser("new", help="create strategies/<slug>.yaml with every field to fill in")
    new.add_argument("slug", help="the file and page name, e.g. keski-uusimaa (lowercase a-z, digits, hyphens)")
    bench = sub.add_parser("bench", help="benchmark builds of synthetic sites (writes benchmarks/results.md)")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER, help="e.g. --sizes 22,100 --repeats 3")
    lock = sub.add_parser("lock", help="regenerate requirements.txt and requirements-test.txt, pinned by hash, "
                                       "from requirements.in and requirements-test.in (pip-compile)")
    lock.add_argument("lock_args", nargs=argparse.REMAINDER, help="passed on to pip-compile, e.g. --upgrade")
    test = sub.add_parser("test", help="run the whole test suite (pytest arguments may follow; "
                                       "--quick first leaves out full builds and the browser)")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed on to pytest, e.g. -k browser")
    return parser


def main(argv: list[str], root: Path) -> int:
    # `build.py check | head` must end quietly, not with a broken-pipe traceback
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = argv or ["build"]
    if argv[0] in ("bench", "test", "lock"):  # everything after the command goes to the benchmark, pytest, pip-compile
        args = _parser().parse_args(argv[:1])
        args.bench_args = args.pytest_args = args.lock_args = argv[1:]
    else:
        args = _parser().parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = args.command or "build"
    if command == "check":
        return check(root, args.format, args.verbose)
    if command == "build":
        return build(root, root / "site")
    if command == "schema":
        from .input.schema import DIVISION_SCHEMA_FILE, SCHEMA_FILE, division_schema_text, schema_text
        from .pages.files import write_changed

        schemas = {SCHEMA_FILE: schema_text(), DIVISION_SCHEMA_FILE: division_schema_text()}
        updated = write_changed(schemas, root)
        for name in schemas:
            print(f"{name} {'updated' if name in updated else 'is up to date'}.")
        return 0
    if command == "new":
        return new_file(root, args.slug)
    if command == "serve":
        return serve(root, args.address)
    if command == "bench":
        return subprocess.run([sys.executable, str(root / "benchmarks" / "bench.py"), *args.bench_args]).returncode
    if command == "test":
        from .testenv import run_tests

        pytest_args = list(args.pytest_args)
        if pytest_args[:1] == ["--quick"]:  # the minute-long loop: no full builds, no browser
            pytest_args[:1] = ["-m", "not slow"]
        return run_tests(root, pytest_args)
    if command == "lock":
        from .testenv import lock
        return lock(root, args.lock_args)
    return 2


# The closing line of `check` when a file is broken (the editors' guide quotes it).
CHECK_OUTCOME = "fix them and run the check again"


def _print_warnings(warnings, root: Path, output: str) -> None:
    """Editorial slips: printed like problems, but they fail nothing."""
    if warnings:
        print(warnings_report(warnings), file=sys.stderr)
    if output == "github":
        for warning in warnings:
            print(github_annotation(warning, root))


def check(root: Path, output: str = "text", verbose: bool = False) -> int:
    from .input.labels import check_labels, label_files
    from .input.vocabulary import load_vocabulary
    from .views.coverage import translation_report, translations

    problems = []
    warnings = []
    try:
        catalogue = load_checked(root / paths.STRATEGIES, root / paths.DIVISION, run_side_by_side)
        warnings = catalogue.warnings
    except StrategyDataError as err:
        problems += err.problems
        warnings = err.warnings
    try:  # the editorial vocabulary is edited in git like the strategies, and checked with them
        load_vocabulary(root / paths.VOCABULARY / "concepts.yaml")
    except StrategyDataError as err:
        problems += err.problems
    problems += check_labels(label_files())[1]  # interface text, on the same path
    if problems:
        print(StrategyDataError(problems).report(CHECK_OUTCOME), file=sys.stderr)
        _print_warnings(warnings, root, output)
        if output == "github":
            for problem in problems:
                print(github_annotation(problem, root))
        return 1
    _print_warnings(warnings, root, output)
    from .input.mapfile import load_map

    try:
        # the map's own mistakes fail the check; a tile without its organisation only moves it below the map
        load_map([org.slug for org in catalogue.organisations], root / paths.VOCABULARY / "map.yaml")
    except StrategyDataError as err:
        print(err.report(CHECK_OUTCOME), file=sys.stderr)
        return 1
    count = len(catalogue.organisations)
    print(f"{count} organisation file{'s are' if count != 1 else ' is'} valid.")
    print(translation_report(catalogue.organisations))
    if verbose:
        for org in catalogue.organisations:
            for where in translations(org).site_sv:
                print(f"    the site's translation: {org.slug}: {where}")
    return 0


def new_file(root: Path, slug: str) -> int:
    import re

    import jinja2

    from .input.model import SLUG_RE
    from .pages.render import TEMPLATES

    if not re.match(SLUG_RE, slug):
        print(f"`{slug}` cannot be a slug: use lowercase letters a-z, digits and hyphens, e.g. keski-uusimaa",
              file=sys.stderr)
        return 2
    target = root / paths.STRATEGIES / f"{slug}.yaml"
    if target.exists():
        print(f"{target.relative_to(root)} already exists; edit it instead.", file=sys.stderr)
        return 1
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True)
    target.write_text(env.get_template("new.yaml.j2").render(slug=slug, choices=scaffold_choices()), encoding="utf-8")
    print(f"Created {target.relative_to(root)}. Replace every TÄYTÄ with facts from the sources, "
          "then run `python3 build.py check`.")
    return 0


def scaffold_choices() -> dict[str, str]:
    """The allowed values of each field the scaffold leaves to choose, from the model itself."""
    from pydantic import BaseModel

    from .input.model import Milestone, Organisation, Participation, Quantity, Source, Strategy, allowed_values

    fields: dict[str, tuple[type[BaseModel], str]] = {
              "org_kind": (Organisation, "kind"), "languages": (Organisation, "languages"),
              "strategy_status": (Strategy, "status"), "milestone_kind": (Milestone, "kind"),
              "milestone_status": (Milestone, "status"), "participation_kind": (Participation, "kind"),
              "qualifier": (Quantity, "qualifier"), "source_language": (Source, "language")}
    return {name: " | ".join(allowed_values(model, field)) for name, (model, field) in fields.items()}


def github_annotation(problem, root: Path) -> str:
    """A workflow command that puts the message on the offending line of a pull request."""
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    file = Path(problem.file)
    if file.is_absolute() and file.is_relative_to(root):
        file = file.relative_to(root)
    level = "warning" if problem.warning else "error"
    return (f"::{level} file={file.as_posix()},line={problem.location.line},col={problem.location.column},"
            f"title=Strategy file::{escape(problem.detail())}")


def _not_an_os_error(record: logging.LogRecord) -> bool:
    """MkDocs logs "Error building page ...: [Errno 28] ..." before it re-raises an error of the
    machine; build() reports those in one line of its own (faults.fault_message)."""
    message = record.getMessage()
    return not (message.startswith("Error building page") and "[Errno " in message)


def _mkdocs_build(root: Path, site_dir: Path) -> None:
    """Run MkDocs in this process, strictly: any warning is a failure."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    handler.addFilter(_not_an_os_error)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    finally:
        logger.removeHandler(handler)


def build(root: Path, site_dir: Path) -> int:
    """Build into a temporary directory and swap it in only when everything passed.

    One build at a time per checkout (faults.BuildLock). A full disk, a read-only folder or a
    strategy file that disappears midway ends the build with one line (faults.fault_message)."""
    from .mkdocs import engine
    from .mkdocs.faults import AnotherBuildRunningError, BuildLock, fault_message

    try:
        engine.activate()
    except engine.UnknownEngineError as err:
        print(err, file=sys.stderr)
        return 2
    try:
        with BuildLock(root):
            return _build(root, site_dir)
    except AnotherBuildRunningError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(fault_message(err, root, site_dir), file=sys.stderr)
        return 1


def _build(root: Path, site_dir: Path) -> int:
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    try:
        ensure_generated(root, root / paths.DOCS)
    except StrategyDataError as err:
        print(err.report(), file=sys.stderr)
        if err.warnings:
            print(warnings_report(err.warnings), file=sys.stderr)
        return 1
    from .mkdocs.generate import last_warnings

    if last_warnings():
        print(warnings_report(last_warnings()), file=sys.stderr)
    work = root / ".build"
    work.mkdir(exist_ok=True)
    fresh = work / f"site-{os.getpid()}"
    _discard(fresh)
    try:
        _mkdocs_build(root, fresh)
    except (MkDocsException, StrategyDataError) as err:
        _discard(fresh)
        print(err, file=sys.stderr)
        print("The build failed; the previous site/ was left as it was.", file=sys.stderr)
        return 1
    except BaseException:
        # a bug, Ctrl+C or a fault of the machine (OSError, reported by build()) rather than an
        # editor's mistake: still leave no half-built copy behind
        from .mkdocs.parallel import stop_all

        stop_all()
        _discard(fresh)
        raise
    _swap(fresh, site_dir, work)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    shown = site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir
    print(f"Built {pages} HTML pages into {shown}/ in {time.perf_counter() - started:.1f} s.")
    return 0


def _discard(fresh: Path) -> None:
    """Remove a half-built site and the directories of its other languages' builds (parallel.py)."""
    for leftover in [fresh, *fresh.parent.glob(f".{fresh.name}-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(fresh: Path, site_dir: Path, work: Path) -> None:
    """Replace site_dir by fresh with two renames; if the second fails, put the old one back."""
    old = work / f"old-{os.getpid()}"
    if site_dir.exists():
        site_dir.rename(old)
    try:
        fresh.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


# What ends the preview: Ctrl+C (SIGINT), a process manager or `kill` (SIGTERM), the terminal closing (SIGHUP).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class _StopSignalError(Exception):
    """A stop signal arrived; the preview ends its MkDocs process group and returns."""


def serve(root: Path, address: str) -> int:
    """mkdocs serve, restarted when the package's own code, templates or labels change.

    MkDocs runs in a process group of its own (with the processes it forks for the other
    languages), so that every stop signal ends all of it, not only this process.
    """
    from .mkdocs.generate import fingerprint

    def code() -> str:
        # templates and labels too: each process compiles and reads them once
        return fingerprint(paths.package_files() + list((root / "hooks").glob("*.py")))

    def stop(signum, frame) -> None:
        raise _StopSignalError(signum)

    # Not strict: a warning must not stop the preview; `python3 build.py` stays strict.
    from .mkdocs import engine

    try:
        # --dirty: rebuild only the pages a save changed (mkdocs/preview.py: IncrementalBuilds)
        command = [*engine.command(), "serve", "--no-strict", "--dev-addr", address, "--livereload", "--dirty"]
    except engine.UnknownEngineError as err:
        print(err, file=sys.stderr)
        return 2
    for sig in STOP_SIGNALS:
        signal.signal(sig, stop)
    print(f"Preview at http://{address}/ (Ctrl+C stops it).", flush=True)
    while True:
        seen = code()
        # a group of its own on POSIX (process_group=None, the default, elsewhere)
        process = subprocess.Popen(command, cwd=root, process_group=0 if os.name == "posix" else None)
        try:
            while process.poll() is None:
                time.sleep(1)
                if code() != seen:
                    print("The site's code changed; restarting the preview.", flush=True)
                    _stop_group(process)
                    break
            else:
                return process.returncode
        except _StopSignalError:
            for sig in STOP_SIGNALS:  # a second signal must not interrupt the clean-up
                signal.signal(sig, signal.SIG_IGN)
            _stop_group(process)
            print("The preview has stopped.", flush=True)
            return 0


def _stop_group(process: subprocess.Popen, grace: float = 10) -> None:
    """End MkDocs and everything it started: SIGTERM to its group, SIGKILL after the grace period."""
    def signal_group(sig) -> None:
        try:
            if os.name == "posix":
                os.killpg(process.pid, sig)
            else:  # pragma: no cover - no process groups; no forks either
                process.terminate()
        except (ProcessLookupError, PermissionError):
            pass

    signal_group(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        signal_group(getattr(signal, "SIGKILL", signal.SIGTERM))
        process.wait()
    if os.name == "posix":
        signal_group(signal.SIGKILL)  # a forked language build that outlived MkDocs
