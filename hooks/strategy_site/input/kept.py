"""What a check made of an editorial file, kept while the file's key stays the same.

The preview (`build.py serve`) loads and checks every file again after each save, though one
file changed. A store keeps, per file, the key a result was made under (the file's bytes and
whatever else the result depends on) and the result; nothing downstream changes a result, so
it can be handed out again as it is.
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
