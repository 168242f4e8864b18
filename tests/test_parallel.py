"""Work done side by side in forked processes gives what the same work gives done in turn.

The whole site is compared byte for byte, parallel against sequential, in
test_reproducible.py; these are the parts: loading many files in halves, and a failure in a
forked process reaching the parent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_site import parallel
from strategy_site.errors import StrategyDataError
from strategy_site.load import PARALLEL_FROM, load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "strategies" / "esimerkki.yaml"


def many_files(directory: Path, count: int) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    for i in range(count):
        slug = f"alue-{i:03d}"
        content = text.replace("slug: esimerkki", f"slug: {slug}")
        content = content.replace("Esimerkin hyvinvointialue", f"Esimerkin {i} hyvinvointialue")
        if i in (3, count - 2):  # a broken file in each half
            content = content.replace("    vision:", "    visio:")
        (directory / f"{slug}.yaml").write_text(content, encoding="utf-8")
    return directory


def problems(directory: Path) -> list[str]:
    with pytest.raises(StrategyDataError) as err:
        load_catalogue(directory)
    return [str(p) for p in err.value.problems]


def test_many_files_load_in_halves_with_the_same_problems_in_the_same_order(tmp_path, monkeypatch) -> None:
    directory = many_files(tmp_path, PARALLEL_FROM + 10)
    side_by_side = problems(directory)
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    in_turn = problems(directory)
    assert side_by_side == in_turn
    assert len(side_by_side) == 2 and "alue-003.yaml" in side_by_side[0] and "unknown field `visio`" in side_by_side[0]


def test_many_files_load_in_halves_into_the_same_catalogue(tmp_path, monkeypatch) -> None:
    directory = many_files(tmp_path, PARALLEL_FROM + 10)
    for broken in ("alue-003.yaml", f"alue-{PARALLEL_FROM + 8:03d}.yaml"):
        (directory / broken).unlink()
    side_by_side = load_catalogue(directory)
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    in_turn = load_catalogue(directory)
    assert [o.model_dump() for o in side_by_side.organisations] == [o.model_dump() for o in in_turn.organisations]
    assert side_by_side.files == in_turn.files
    assert len(side_by_side.organisations) == PARALLEL_FROM + 8


def test_a_failure_in_a_forked_task_is_raised_with_its_traceback() -> None:
    if not parallel.enabled():
        pytest.skip("no fork or one core: tasks run in turn")

    def broken() -> None:
        raise ValueError("the task broke")

    with pytest.raises(RuntimeError, match=r"(?s)forked process failed.*ValueError: the task broke"):
        parallel.run_side_by_side([lambda: 1, broken])
    assert parallel.run_side_by_side([lambda: 1, lambda: 2, lambda: 3]) == [1, 2, 3]
