"""What changed in the data and when: read from the git history of strategies/.

The change log compares the parsed files of consecutive commits field by field (never their
text: a comment or a reflowed line is no change of facts). Old commits may hold files that an
older schema wrote, or files that did not parse at all: they are read leniently as plain YAML,
a file that does not parse is skipped (the next good version is compared with the last good
one), and nothing here ever fails the build. Without git history (a tarball, git missing)
the log says so and is empty.

Cost: one `git log` for the whole folder and one `git cat-file --batch` for every file version
it names; parsed versions are cached by their blob id, so a rebuild in the same process only
reads what is new. Everything comes from the commits, so the same commit gives the same log.
"""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .kept import KeptResults

EMPTY_BLOB = "0" * 40
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same safe loader, in C where libyaml is there

# The facts of an organisation and of a strategy version the log names, in the order it names
# them; any other field that changed is named "other". Source ids and their defaults are not
# facts of their own: a changed source shows as a change of `sources`.
ORG_FIELDS = ("name", "short_name", "kind", "languages", "municipalities", "website", "predecessors",
              "participation", "statements", "sources")
STRATEGY_FIELDS = ("title", "organisation", "period", "status", "approval_date", "approval_body", "approval",
                   "mission", "vision", "values", "priorities", "success_factors", "parts", "implementation",
                   "milestones", "participation", "statements", "quotes", "incomplete")
_NOT_FACTS = {"slug", "source", "municipalities_source", "status_source", "id", "strategies"}


@dataclass(frozen=True)
class Change:
    """One fact that changed: an organisation added or removed, a version added or removed, or a field."""

    kind: str  # added_org, removed_org, new_strategy, removed_strategy, field
    field: str | None = None  # for kind "field": a name from ORG_FIELDS or STRATEGY_FIELDS, or "other"
    version: str | None = None  # the strategy version's name (its period, else its id)
    strategy_id: str | None = None


@dataclass
class Entry:
    """The changes one commit made to one organisation's file."""

    commit: str
    time: dt.datetime  # the commit's committer time, with its offset
    slug: str
    name: dict  # lang -> the organisation's name in that commit's file (may be empty)
    changes: list[Change]

    @property
    def day(self) -> dt.date:
        return self.time.date()

    @property
    def anchor(self) -> str:
        """The entry's id, on the change page and on the organisation page."""
        return f"change-{self.commit[:12]}-{self.slug}"


@dataclass
class History:
    available: bool  # False: no git history was found, the log is unknown (not empty)
    entries: list[Entry] = field(default_factory=list)  # newest first

    def of(self, slug: str) -> list[Entry]:
        return [e for e in self.entries if e.slug == slug]

    def last(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)


# --- Reading git -------------------------------------------------------------------------------

def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


@dataclass(frozen=True)
class _FileChange:
    commit: str
    time: dt.datetime
    path: str  # relative to the repository's top
    old: str  # blob ids; EMPTY_BLOB when the file was added / deleted
    new: str


def _log(folder: Path) -> tuple[Path, list[_FileChange]] | None:
    out = _git(["rev-parse", "--show-toplevel"], folder)
    if out is None:
        return None
    top = Path(out.decode().strip())
    # oldest first; no rename detection: a renamed file is another organisation's file
    log = _git(["-c", "core.quotepath=off", "log", "--reverse", "--no-renames", "--raw", "--no-abbrev",
                "--format=%x00%H %cI", "--", "."], folder)
    if log is None:
        return None
    changes = []
    for record in log.decode("utf-8", "replace").split("\0")[1:]:
        lines = record.splitlines()
        if not lines:
            continue
        commit, stamp = lines[0].split(" ", 1)
        time = dt.datetime.fromisoformat(stamp)
        for line in lines[1:]:
            if not line.startswith(":"):
                continue
            meta, path = line.split("\t", 1)
            parts = meta.split()
            if len(parts) < 5 or not path.endswith(".yaml") or "/" in path.removeprefix(_prefix(top, folder)):
                continue
            changes.append(_FileChange(commit, time, path, parts[2], parts[3]))
    return top, changes


def _prefix(top: Path, folder: Path) -> str:
    relative = folder.resolve().relative_to(top.resolve()).as_posix()
    return "" if relative == "." else relative + "/"


@functools.lru_cache(maxsize=4096)
def _parsed(blob: str) -> dict | None:
    """A file version as plain YAML (no schema: an older one may have written it), or None."""
    try:
        data = yaml.load(_blobs[blob].decode("utf-8"), Loader=_LOADER)
    except (KeyError, yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


_blobs: dict[str, bytes] = {}  # blob id -> contents, for every blob read in this process


def _read_blobs(top: Path, ids: set[str]) -> None:
    wanted = sorted(i for i in ids if i != EMPTY_BLOB and i not in _blobs)
    if not wanted:
        return
    out = _git(["cat-file", "--batch"], top, stdin="".join(f"{i}\n" for i in wanted).encode())
    if out is None:
        return
    position = 0
    for blob in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        _blobs[blob] = out[position:position + size]
        position += size + 1


def _shallow_commits(folder: Path) -> set[str]:
    """The commits at which a shallow clone's history is cut (their parents are not there)."""
    out = _git(["rev-parse", "--git-path", "shallow"], folder)
    if out is None:
        return set()
    path = Path(out.decode().strip())
    path = path if path.is_absolute() else folder / path
    try:
        return set(path.read_text(encoding="utf-8").split())
    except OSError:
        return set()


def read_history(strategies_dir: Path) -> History:
    """The change log of the folder's files, newest first; History(False) without git history."""
    if not strategies_dir.is_dir():
        return History(False)
    found = _log(strategies_dir)
    if found is None:
        return History(False)
    top, file_changes = found
    if not file_changes:
        # a repository in which the folder was never committed has no history of it either
        return History(False) if _git(["rev-parse", "HEAD"], strategies_dir) is None else History(True)
    _read_blobs(top, {c.new for c in file_changes} | {c.old for c in file_changes})
    cut = _shallow_commits(strategies_dir)
    state: dict[str, dict] = {}  # path -> its last version that parsed
    entries = []
    for change in file_changes:
        if change.commit in cut:
            # a shallow clone's oldest commit shows every file as added: it only sets the starting point
            parsed = _parsed(change.new) if change.new != EMPTY_BLOB else None
            if parsed is not None:
                state[change.path] = parsed
            continue
        slug = Path(change.path).stem
        if change.new == EMPTY_BLOB:
            old = state.pop(change.path, None)
            if old is not None:
                entries.append(Entry(change.commit, change.time, slug, _names(old), [Change("removed_org")]))
            continue
        new = _parsed(change.new)
        if new is None:
            continue  # a version that does not parse (or could not be read) is skipped, never fatal
        old = state.get(change.path)
        state[change.path] = new
        found_changes = [Change("added_org")] if old is None else compare_files(old, new)
        if found_changes:
            entries.append(Entry(change.commit, change.time, slug, _names(new), found_changes))
    # newest first: by commit time, then by the log's order of commits; within a commit, by file name
    order = {c.commit: i for i, c in enumerate(file_changes)}
    entries.sort(key=lambda e: e.slug)
    entries.sort(key=lambda e: (e.time, order[e.commit]), reverse=True)
    return History(True, entries)


# --- Comparing two versions of a file ------------------------------------------------------------

def _names(data: dict) -> dict:
    name = data.get("name")
    if isinstance(name, dict):
        return {lang: text for lang, text in name.items() if lang in ("fi", "sv") and isinstance(text, str)}
    return {}


def version_name(strategy: dict) -> str:
    """A version named by its period (2026–2029, 2026–), else by its id, as the organisation page does."""
    period = strategy.get("period")
    if isinstance(period, dict) and isinstance(period.get("start"), int):
        end = period.get("end")
        return f"{period['start']}–{end if isinstance(end, int) else ''}"
    return str(strategy.get("id", ""))


def _strategies(data: dict) -> dict[str, dict]:
    items = data.get("strategies")
    if not isinstance(items, list):
        return {}
    return {str(s.get("id")): s for s in items if isinstance(s, dict) and s.get("id") is not None}


def _strategy_fields(strategy: dict) -> dict:
    """A version's facts by the names the log uses: the approval split into its date, body and the rest."""
    facts = {k: v for k, v in strategy.items() if k not in _NOT_FACTS}
    approval = facts.pop("approval", None)
    if isinstance(approval, dict):
        facts["approval_date"] = approval.get("date")
        facts["approval_body"] = approval.get("body")
        rest = {k: v for k, v in approval.items() if k not in ("date", "body", "source")}
        if rest:
            facts["approval"] = rest
    elif approval is not None:
        facts["approval"] = approval
    return facts


def _differing(old: dict, new: dict, known: tuple) -> list[str]:
    names = [k for k in {**old, **new} if old.get(k) != new.get(k)]
    named = [k for k in known if k in names]
    return named + (["other"] if any(k not in known for k in names) else [])


def compare_files(old: dict, new: dict) -> list[Change]:
    """The facts that differ between two parsed versions of one organisation's file."""
    changes = [Change("field", name) for name in _differing(
        {k: v for k, v in old.items() if k not in _NOT_FACTS},
        {k: v for k, v in new.items() if k not in _NOT_FACTS}, ORG_FIELDS)]
    before, after = _strategies(old), _strategies(new)
    for sid, strategy in after.items():
        name = version_name(strategy)
        if sid not in before:
            changes.append(Change("new_strategy", version=name, strategy_id=sid))
            continue
        for field_name in _differing(_strategy_fields(before[sid]), _strategy_fields(strategy), STRATEGY_FIELDS):
            changes.append(Change("field", field_name, name, sid))
    for sid, strategy in before.items():
        if sid not in after:
            changes.append(Change("removed_strategy", version=version_name(strategy)))
    return changes


# --- Dates of the last change, for pages without a change log ------------------------------------

def git_dates(files: list[Path]) -> dict[Path, dt.date]:
    """Date of the last commit touching each file; files outside git or uncommitted are left out."""
    if not files:
        return {}
    folder = files[0].resolve().parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
                             check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", str(folder)], cwd=folder,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, dt.date] = {}
    for entry in log.split("\0")[1:]:
        lines = [line for line in entry.splitlines() if line.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            dates.setdefault((Path(top) / name).resolve(), day)
    return {f: dates[f.resolve()] for f in files if f.resolve() in dates}


# --- What the preview reads again only after a commit ----------------------------------------

def committed_state(folder: Path) -> str | None:
    """What the folder's history and commit dates depend on: the commit checked out and whether
    the clone is shallow (fetching more history changes what is cut); None outside git."""
    out = _git(["rev-parse", "HEAD", "--is-shallow-repository", "--git-path", "shallow"], folder)
    if out is None:
        return None
    head, shallow, shallow_file = out.decode().split("\n")[:3]
    path = Path(shallow_file) if Path(shallow_file).is_absolute() else folder / shallow_file
    try:
        cut = path.read_bytes() if shallow == "true" else b""
    except OSError:
        cut = b""
    return f"{head}:{shallow}:{hash(cut)}"


class CommittedHistory:
    """read_history and git_dates of the last commit seen, read again only when it changed.

    Both read git's log (some 80 ms on the real data, at every save of the preview), and
    neither depends on what is not committed: a saved file changes neither until it is
    committed, which moves HEAD. Outside git, nothing is kept (both are cheap there).
    """

    def __init__(self) -> None:
        self._kept: KeptResults[tuple[History, dict[Path, dt.date]]] = KeptResults()

    def read(self, strategies_dir: Path, files: list[Path]) -> tuple[History, dict[Path, dt.date]]:
        def read_again() -> tuple[History, dict[Path, dt.date]]:
            return read_history(strategies_dir), git_dates(files)

        state = committed_state(strategies_dir) if strategies_dir.is_dir() else None
        if state is None:
            return read_again()
        return self._kept.get(strategies_dir.resolve(), (state, tuple(files)), read_again)
