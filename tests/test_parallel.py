"""Work done side by side in forked processes gives what the same work gives done in turn.

The whole site is compared byte for byte, parallel against sequential, in
test_reproducible.py; this is the part left: a failure in a forked process reaching the parent,
and the strategy files read side by side (input/load.py) with every problem and warning.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_STRATEGIES, ROOT
from strategy_site.input import load
from strategy_site.input.errors import StrategyDataError
from strategy_site.mkdocs import parallel


def test_a_failure_in_a_forked_task_is_raised_with_its_traceback() -> None:
    if not parallel.enabled():
        pytest.skip("no fork or one core: tasks run in turn")

    def broken() -> None:
        raise ValueError("the task broke")

    with pytest.raises(RuntimeError, match=r"(?s)forked process failed.*ValueError: the task broke"):
        parallel.run_side_by_side([lambda: 1, broken])
    assert parallel.run_side_by_side([lambda: 1, lambda: 2, lambda: 3]) == [1, 2, 3]


def many_files(folder: Path, broken: bool) -> Path:
    """The real strategy files and copies of the fixture under other slugs; with broken, also every
    broken or hostile file of tests/bad_input."""
    folder.mkdir()
    for path in sorted((ROOT / "strategies").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    fixture = (FIXTURE_STRATEGIES / "esimerkki.yaml").read_text(encoding="utf-8")
    i = 0
    while size(folder) < load.SIDE_BY_SIDE_BYTES:
        (folder / f"kopio-{i}.yaml").write_text(fixture.replace("slug: esimerkki", f"slug: kopio-{i}"), encoding="utf-8")
        i += 1
    if broken:
        for path in sorted((ROOT / "tests" / "bad_input").glob("*.yaml")):
            shutil.copy(path, folder / path.name)
    return folder


def size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.yaml"))


def outcome(folder: Path, side_by_side=None):
    """What loading the folder gives: the catalogue, or every problem and warning."""
    try:
        return load.load_catalogue(folder, side_by_side)
    except StrategyDataError as err:
        return err.problems, err.warnings


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken"])
def test_many_files_read_side_by_side_give_what_reading_in_turn_gives(tmp_path: Path, monkeypatch, broken: bool) -> None:
    folder = many_files(tmp_path / "strategies", broken)
    load._loaded.keep_only([])  # read every file in this test, none kept from another one
    in_turn = outcome(folder)
    tasks_run: list[int] = []

    def side_by_side(tasks):
        tasks_run.append(len(tasks))
        return parallel.run_side_by_side(tasks)

    load._loaded.keep_only([])
    assert outcome(folder, side_by_side) == in_turn
    assert tasks_run == [os.cpu_count() or 1]  # the files in one part per core
    if isinstance(in_turn, tuple):
        assert in_turn[0] and in_turn[1], "the broken files give problems and the real ones warnings"
    else:
        assert len(in_turn.organisations) > 40 and in_turn.warnings

    def read_again(*args):
        raise AssertionError("a file read side by side was read again")

    # what was read in the forked processes is kept like what was read here: nothing is read again
    monkeypatch.setattr(load, "load_file_with_warnings", read_again)
    assert outcome(folder, side_by_side) == in_turn
    assert tasks_run == [os.cpu_count() or 1]


def test_a_few_files_are_read_in_turn(tmp_path: Path) -> None:
    """The real strategy files are too few to be worth a fork (load.SIDE_BY_SIDE_BYTES)."""
    folder = many_files(tmp_path / "strategies", broken=False)
    for path in folder.glob("kopio-*.yaml"):
        path.unlink()
    assert size(folder) < load.SIDE_BY_SIDE_BYTES
    load._loaded.keep_only([])
    tasks_run: list[int] = []
    catalogue = load.load_catalogue(folder, lambda tasks: tasks_run.append(len(tasks)) or [])
    assert tasks_run == [] and len(catalogue.organisations) == len(list((ROOT / "strategies").glob("*.yaml")))
