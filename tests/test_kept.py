"""What the preview keeps between saves while it is used (input/kept.KeptWhileUsed): given again
without being made again, taken in from the reports of forked processes, and forgotten when no
generation used it, before the store holds twice what one uses."""

from __future__ import annotations

from strategy_site.input.kept import KeptWhileUsed


def test_what_is_kept_is_given_again_and_what_a_fork_made_is_taken_in() -> None:
    made: list[str] = []
    store: KeptWhileUsed[str] = KeptWhileUsed()

    def make(text: str):
        return lambda: made.append(text) or text.upper()

    assert store.get("a", make("a")) == "A"
    assert store.get("a", make("a")) == "A"
    assert made == ["a"]
    here = store.report()
    assert here == ({hash("a")}, {"a": "A"})
    assert store.report() == (set(), {})  # a report holds what was used and made since the last one
    # a forked process made "b" with a copy of the store: its report brings it here
    store.take([here, ({hash("a"), hash("b")}, {"b": "B"})])
    assert store.get("b", make("b")) == "B"
    assert made == ["a"]


def test_what_no_generation_uses_is_forgotten_before_the_store_holds_twice_what_one_uses() -> None:
    store: KeptWhileUsed[int] = KeptWhileUsed()
    for key in range(10):
        store.get(key, lambda key=key: key)
    store.take([store.report()])
    for generation in range(1, 4):  # each uses key 0 and makes three new ones
        store.get(0, lambda: -1)
        for key in range(generation * 100, generation * 100 + 3):
            store.get(key, lambda key=key: key)
        used, made = store.report()
        store.take([(used, made)])
    # what the last generation used is still kept; the first ten are forgotten but for key 0
    assert store.get(0, lambda: -1) == 0
    assert store.get(5, lambda: -5) == -5
