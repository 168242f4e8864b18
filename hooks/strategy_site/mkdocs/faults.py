"""What can go wrong around a build that is nobody's mistake in the data: the disk fills up, the
output folder is read-only, a strategy file disappears while the build reads it, or a second
build starts in the same checkout. Each ends the build with one line saying what happened; the
previous site/ is left as it was (cli.build builds into .build/ and swaps only at the end)."""

from __future__ import annotations

import errno
import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import IO

from ..input import paths

fcntl: ModuleType | None
try:
    fcntl = importlib.import_module("fcntl")
except ImportError:  # Windows: no advisory locks of this kind; builds are not guarded there
    fcntl = None

LOCK_FILE = "lock"  # in .build/


def _shown(path: Path, root: Path) -> str:
    path = Path(os.path.abspath(path))
    if path == root:
        return "."
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def fault_message(err: OSError, root: Path, site_dir: Path) -> str:
    """One line for an operating-system error that ended a build."""
    kept = f"the previous {_shown(site_dir, root)}/ was left as it was"
    name = Path(os.fsdecode(err.filename)) if err.filename else None
    reason = err.strerror or str(err)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full ({reason}): the new site could not be written; {kept}. Free some space and build again."
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        folder = _shown(name.parent if name else root, root)
        return f"Cannot write into {folder}/ ({reason}): the build needs to write there; {kept}."
    strategies = Path(os.path.abspath(root / paths.STRATEGIES))
    if err.errno == errno.ENOENT and name and Path(os.path.abspath(name)).parent == strategies:
        return (f"{_shown(name, root)} disappeared while the build was reading the strategy files; {kept}. "
                "Build again when the files are in place.")
    where = f": {_shown(name, root)}" if name else ""
    return f"The build failed ({reason}{where}); {kept}."


class AnotherBuildRunningError(Exception):
    """A second build in the same checkout; its message is the one line to show."""


class BuildLock:
    """Held for the whole of a build: a second build in the same checkout stops at once.

    An advisory lock (flock) on .build/lock, released by the operating system however the
    holding process ends, so a crashed build leaves no stale lock behind. The holder writes
    its process id into the file for the message."""

    def __init__(self, root: Path):
        self.path = root / ".build" / LOCK_FILE
        self.file: IO[str] | None = None

    def __enter__(self) -> BuildLock:
        if fcntl is None:
            return self
        self.path.parent.mkdir(exist_ok=True)
        file = self.file = open(self.path, "a+", encoding="ascii")  # held until __exit__
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "unknown"
            file.close()
            self.file = None
            raise AnotherBuildRunningError(f"Another build is running in this checkout (process {holder}); "
                                      "wait until it ends, then build again.") from None
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        return self

    def __exit__(self, *exc) -> None:
        if self.file is not None:
            self.file.close()  # closing releases the lock
            self.file = None
