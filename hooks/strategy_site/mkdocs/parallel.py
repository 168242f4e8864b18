"""Work side by side on the machine's cores, in forked processes.

run_side_by_side() runs independent tasks at once: generate.py renders each language's
pages, and the open data, in processes of their own.

LanguageBuilds builds the site's other languages beside the default one. static-i18n
builds the default language, then, in its own on_post_build, runs the whole MkDocs build
again for every other language, one after the other: the second language doubled the
build time. The language builds share nothing but the generated pages in docs/, so on a
machine with more than one core they run side by side here:

The MkDocs events reach LanguageBuilds through hooks/language_builds.py:

1. In on_pre_build of the default language's build, after the pages are generated, fork one
   process per other language. The child switches static-i18n to its language, exactly as
   static-i18n's own loop does, builds into a directory of its own beside site_dir, and exits.
2. In on_post_build, before static-i18n's handler, raise static-i18n's flag that the other
   languages are being built, so it does not build them again.
3. In on_post_build, after everything else, wait for the children, move each language's
   directory into site_dir and merge the sitemaps (each build lists its own pages).

Forking after generation keeps the YAML parsed and validated once per change. The output is
the same, byte for byte, as static-i18n's sequential build (tests/test_reproducible.py). Without
fork (Windows), on one core, or with STRATEGY_SITE_PARALLEL=0, static-i18n builds the
languages one after the other as it always does.
The preview (`serve --dirty`, preview.IncrementalBuilds) keeps every language's output between
builds and rebuilds only the pages that changed, which a fork into a fresh directory would
build again whole. So there each other language is built alongside (start_alongside): forked
once the pages are generated, into a folder of its own beside site_dir whose language folder is
site_dir's (a symbolic link), so the pages it skips are the ones already in site_dir, and what a
build writes at the top of its site_dir (the search index, the sitemap, the theme's files) stays
out of the default language's way. It reads its pages meanwhile and waits, before it decides
what to keep, until the default language's build has decided (release: that build may empty the
whole site). The child reports what the preview needs to know of its build, handed back to the parent.

This leans on three attributes of static-i18n 1.3.1's plugin, set through internals.py; the
version is pinned, and tests/test_internals.py and the test above fail if they change.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, Protocol, TypeVar, cast

from ..input.model import LANG_NAMES
from .internals import i18n_current_language, i18n_languages, set_i18n_building, switch_i18n_language
from .postbuild import merge_sitemaps

ENV_SWITCH = "STRATEGY_SITE_PARALLEL"


def enabled() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and os.environ.get(ENV_SWITCH, "1") != "0"


T = TypeVar("T")


def _fork() -> int:
    # what is still buffered would otherwise be printed by both processes
    sys.stdout.flush()
    sys.stderr.flush()
    return os.fork()


def _exit(status: int) -> NoReturn:
    """End a forked process without running the parent's cleanup (atexit, pytest, MkDocs)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def run_side_by_side(tasks: list[Callable[[], T]]) -> list[T]:
    """The results of the tasks, the first run here and the others in forked processes.

    A task's result comes back pickled through a pipe, so it should be small (e.g. the paths
    of the files it wrote). A task that raises raises here, with the child's traceback.
    """
    if not enabled() or len(tasks) < 2:
        return [task() for task in tasks]
    children = []
    # The objects alive now move out of the collector's sight (gc.freeze) before the forks: a
    # collection in a child would otherwise touch every object of the parent and copy its memory
    # page by page (the preview's process holds every page MkDocs built). The parent unfreezes.
    gc.freeze()
    for task in tasks[1:]:
        read_end, write_end = os.pipe()
        pid = _fork()
        if pid == 0:
            os.close(read_end)
            try:
                payload = pickle.dumps((True, task()))
            except OSError as err:  # a full disk, a vanished file: raised again in the parent as it is
                payload = pickle.dumps((False, err))
            except BaseException:
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            _exit(0)
        os.close(write_end)
        children.append((pid, read_end))
    gc.unfreeze()
    try:
        results = [tasks[0]()]
    finally:
        outcomes = []
        for pid, read_end in children:
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
            os.waitpid(pid, 0)
            outcomes.append(_unpickled(payload) if payload else (False, "the process ended without a result"))
    for ok, value in outcomes:
        if not ok and isinstance(value, OSError):
            raise value
        if not ok:
            raise RuntimeError(f"a task in a forked process failed:\n{value}")
        results.append(cast(T, value))
    return results


def _unpickled(payload: bytes):
    """pickle.loads with the collector paused: every object made is kept, and a large result (the
    loaded strategy files) would otherwise set off collections that visit it again and again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if paused:
            gc.enable()


def _i18n(config):
    return config.plugins.get("i18n")


class AlongsideParty(Protocol):
    """What the preview (preview.IncrementalBuilds) does around its builds alongside."""

    def build_alongside(self, lang: str) -> None:
        """In the child, before its build."""

    def hand_over(self) -> object:
        """In the parent, once its build has decided what to keep: that decision, for the children."""

    def take_over(self, handed: object) -> None:
        """In the child, before it decides what to keep: the parent's decision."""

    def report(self) -> object:
        """In the child, after its build: what the parent needs to know of it."""


@dataclass
class Child:
    lang: str
    pid: int
    site_dir: Path
    # the read end of a pipe: the child's report (alongside) or the OSError that ended its build, pickled
    errors: int
    ended: bool = False
    alongside: bool = False  # a preview's build into the folder it keeps between builds
    report: object = None
    release: int | None = None  # alongside: the write end of the pipe that lets it go on (LanguageBuilds.release)

    def wait(self) -> bool:
        """Wait for the build to end; True if it succeeded. An error of the machine (a full disk,
        a read-only folder) that ended the child's build is raised here, as the child met it."""
        with os.fdopen(self.errors, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.ended = True
        if payload:
            error, self.report = pickle.loads(payload)
            if error is not None:
                raise error
        return os.waitstatus_to_exitcode(status) == 0

    def stop(self) -> None:
        if self.release is not None:  # closed unwritten: the child ends without building
            with contextlib.suppress(OSError):
                os.close(self.release)
            self.release = None
        if not self.ended:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            with contextlib.suppress(OSError):
                os.close(self.errors)
            self.ended = True
        if not self.alongside:  # the preview's folder holds its output for the next build
            shutil.rmtree(self.site_dir, ignore_errors=True)


def alongside_dir(site_dir: Path, lang: str) -> Path:
    """The folder a preview's build of lang writes into: beside site_dir, its lang folder site_dir's."""
    place = site_dir.parent / f".{site_dir.name}-{lang}-preview"
    place.mkdir(parents=True, exist_ok=True)
    target = (site_dir / lang).resolve()
    target.mkdir(parents=True, exist_ok=True)
    link = place / lang
    if link.is_symlink() and link.resolve() == target:
        return place
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.exists():
        shutil.rmtree(link)
    link.symlink_to(target, target_is_directory=True)
    return place


class LanguageBuilds:
    """The forked builds of the current MkDocs build, if any."""

    def __init__(self) -> None:
        self.children: list[Child] = []
        self.in_child = False
        self.forking = True
        self.alongside_dirs: set[Path] = set()  # the preview's folders of its builds alongside
        self.party: AlongsideParty | None = None  # the preview's side of its builds alongside
        self.release_pipe: int | None = None  # in a child alongside: the read end of its release

    def start(self, config) -> None:
        """Fork a build for every language but the default one, when that is worth it."""
        i18n = _i18n(config)
        if self.in_child or i18n is None or not self.forking or not enabled():
            return
        default, others = i18n_languages(i18n)
        if i18n_current_language(i18n) not in (None, default):
            return
        site_dir = Path(config.site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        for lang in others:
            out = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{lang}-", dir=site_dir.parent))
            read_end, write_end = os.pipe()
            pid = _fork()
            if pid == 0:
                os.close(read_end)
                self._build_in_child(config, i18n, lang, out, write_end)  # does not return
            os.close(write_end)
            self.children.append(Child(lang, pid, out, read_end))
        if self.children:
            _running.append(self)

    def start_alongside(self, config, party: AlongsideParty) -> None:
        """The preview's fork, once the default language's pages are generated: build every
        language but the default one beside it, each into alongside_dir(), with MkDocs' --dirty.
        The child reads and arranges its pages meanwhile, and waits (wait_for_release, in its
        on_nav) until the default language's build has decided what to keep (release)."""
        i18n = _i18n(config)
        if self.in_child or i18n is None or self.forking or not enabled():
            return
        default, others = i18n_languages(i18n)
        if i18n_current_language(i18n) not in (None, default):
            return
        self.party = party
        for lang in others:
            out = alongside_dir(Path(config.site_dir), lang)
            self.alongside_dirs.add(out)
            read_end, write_end = os.pipe()
            release_read, release_write = os.pipe()
            gc.freeze()  # as in run_side_by_side: the child's collections leave the parent's memory shared
            pid = _fork()
            if pid == 0:
                os.close(read_end)
                os.close(release_write)
                self.release_pipe = release_read
                self._build_in_child(config, i18n, lang, out, write_end, party)  # does not return
            gc.unfreeze()
            os.close(write_end)
            os.close(release_read)
            self.children.append(Child(lang, pid, out, read_end, alongside=True, release=release_write))
        if self.children:
            _running.append(self)

    def release(self, config) -> None:
        """The default language's build has decided what to keep (its on_nav): its decision goes to
        the children, which go on building."""
        if not self.children or self.party is None:
            return
        handed = pickle.dumps(self.party.hand_over())
        for child in self.children:
            if child.release is not None:
                alongside_dir(Path(config.site_dir), child.lang)  # the site may have been emptied
                with os.fdopen(child.release, "wb") as pipe:
                    pipe.write(handed)
                child.release = None

    def wait_for_release(self) -> None:
        """In a child building alongside (its on_nav): wait for the parent's release and take its decision."""
        if self.release_pipe is None or self.party is None:
            return
        with os.fdopen(self.release_pipe, "rb") as pipe:
            handed = pipe.read()
        self.release_pipe = None
        if not handed:  # the parent's build ended before it decided: nothing to build
            raise SystemExit
        self.party.take_over(pickle.loads(handed))

    def _build_in_child(self, config, i18n, lang: str, out: Path, errors: int, party: AlongsideParty | None = None) -> None:
        from mkdocs.commands.build import build

        status = 1
        outcome: tuple[OSError | None, object] | None = None
        for child in self.children:  # the other languages' pipes belong to the parent
            os.close(child.errors)
            if child.release is not None:
                os.close(child.release)
        try:
            self.in_child = True
            self.children = []
            if party is not None:
                party.build_alongside(lang)
            switch_i18n_language(i18n, lang)
            config.site_dir = str(out)
            build(config, dirty=party is not None)
            if party is not None:
                outcome = (None, party.report())
            status = 0
        except OSError as err:  # the parent raises it again and reports it (cli.build)
            outcome = (OSError(err.errno, err.strerror, err.filename), None)
        except BaseException as err:
            message = str(err)
            if message:
                print(message, file=sys.stderr)
        finally:
            if outcome is not None:
                with os.fdopen(errors, "wb") as pipe:
                    pipe.write(pickle.dumps(outcome))
            _exit(status)

    def before_i18n_post_build(self, config) -> None:
        i18n = _i18n(config)
        if self.children and i18n is not None:
            set_i18n_building(i18n, True)  # the other languages are being built, by the children

    def finish(self, config) -> list:
        """Wait for the children and put their languages into site_dir; raise if one failed. Returns
        the reports of the preview's children (start_alongside)."""
        from mkdocs.exceptions import PluginError  # here: load.py uses this module without MkDocs

        if not self.children:
            return []
        i18n = _i18n(config)
        if i18n is not None:
            set_i18n_building(i18n, False)
        try:
            failed = [child for child in self.children if not child.wait()]
            if failed:
                names = ", ".join(LANG_NAMES.get(c.lang, c.lang) for c in failed)
                raise PluginError(f"The {names} pages failed to build; see the messages above.")
            site_dir = Path(config.site_dir)
            for child in self.children:
                if not child.alongside:  # the preview's child wrote into site_dir's own folder
                    target = site_dir / child.lang
                    if target.exists():
                        shutil.rmtree(target)
                    (child.site_dir / child.lang).rename(target)
                merge_sitemaps(site_dir, child.site_dir)
            return [child.report for child in self.children if child.alongside]
        finally:
            self.abandon()  # all have ended by now, unless interrupted: remove their directories

    def remove_alongside_dirs(self) -> None:
        """When the preview ends: its folders beside site_dir go with it (MkDocs removes site_dir)."""
        for place in self.alongside_dirs:
            shutil.rmtree(place, ignore_errors=True)  # the language's link goes, not its target
        self.alongside_dirs.clear()

    def abandon(self) -> None:
        """Stop the children that still run and remove their output (also after a failed build)."""
        children, self.children = self.children, []
        _forget(self)
        for child in children:
            child.stop()


_running: list[LanguageBuilds] = []  # those with children, for stop_all()


def _forget(builds: LanguageBuilds) -> None:
    if builds in _running:
        _running.remove(builds)


def stop_all() -> None:
    """Stop every forked language build and remove its output: for a build interrupted where
    MkDocs does not tell its plugins (Ctrl+C), so nothing is left half-written."""
    for builds in list(_running):
        builds.abandon()
