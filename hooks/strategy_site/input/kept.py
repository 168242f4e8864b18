"""What the preview (`build.py serve`) keeps between saves, so that it makes again only what a save changed.

KeptResults: what a check made of an editorial file, kept while the file's key stays the same.
The preview loads and checks every file again after each save, though one file changed. A store
keeps, per file, the key a result was made under (the file's bytes and whatever else the result
depends on) and the result; nothing downstream changes a result, so it can be handed out again
as it is.

KeptWhileUsed: results kept by everything they were made from (or a digest of it), for as long as
the generations use them. The work is done in forked processes too (mkdocs/parallel.py), whose
store is a copy: each reports what it used and made (report), and the preview's process takes the
reports in (take) before the next fork. What no process used is forgotten before the store holds
twice what a generation uses.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

Result = TypeVar("Result")


class KeptResults(Generic[Result]):
    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[Hashable, Result]] = {}

    def get(self, name: Hashable, key: Hashable, check: Callable[[], Result]) -> Result:
        """The result kept for `name` if it was made under `key`; otherwise check() again, kept."""
        if self.has(name, key):
            return self._kept[name][1]
        result = check()
        self.keep(name, key, result)
        return result

    def has(self, name: Hashable, key: Hashable) -> bool:
        """Whether a result for `name` made under `key` is kept (get would not check again)."""
        earlier = self._kept.get(name)
        return earlier is not None and earlier[0] == key

    def keep(self, name: Hashable, key: Hashable, result: Result) -> None:
        """Keep a result made elsewhere (e.g. in a forked process) as get would have kept it."""
        self._kept[name] = (key, result)

    def keep_only(self, names: Iterable[Hashable]) -> None:
        """Forget every file but these (a removed file's result must not outlive it)."""
        wanted = set(names)
        self._kept = {name: kept for name, kept in self._kept.items() if name in wanted}


Report = tuple[set[int], dict]


class KeptWhileUsed(Generic[Result]):
    def __init__(self) -> None:
        self._kept: dict[Hashable, Result] = {}
        self._used: set[Hashable] = set()
        self._made: dict[Hashable, Result] = {}

    def get(self, key: Hashable, make: Callable[[], Result]) -> Result:
        """What make() gave before under key (everything it depends on, or a digest of it), or make() now."""
        self._used.add(key)
        try:
            return self._kept[key]
        except KeyError:
            result = self._kept[key] = self._made[key] = make()
            return result

    def report(self) -> Report:
        """What this process used and made since the last report. What it used is told by the keys'
        hashes: a forked process hashes as the one it was forked from, and a key can be as large as
        a piece of a page (a hash that two keys share only keeps one of them a little longer)."""
        report = ({hash(key) for key in self._used}, dict(self._made))
        self._used, self._made = set(), {}
        return report

    def take(self, reports: Iterable[Report]) -> None:
        """Keep what this generation's processes made, and forget what none of them used once the
        store holds more than twice as much as they used: sorting it out at every save took the
        preview longer than keeping it a while (a removed organisation's pages are never used)."""
        reports = list(reports)
        for _, made in reports:
            self._kept.update(made)
        if len(self._kept) > 2 * sum(len(found) for found, _ in reports):
            used = set().union(*(found for found, _ in reports))
            self._kept = {key: result for key, result in self._kept.items() if hash(key) in used}
