"""Work done side by side in forked processes gives what the same work gives done in turn.

The whole site is compared byte for byte, parallel against sequential, in
test_reproducible.py; this is the part left: a failure in a forked process reaching the parent.
"""

from __future__ import annotations

import pytest

from strategy_site.mkdocs import parallel


def test_a_failure_in_a_forked_task_is_raised_with_its_traceback() -> None:
    if not parallel.enabled():
        pytest.skip("no fork or one core: tasks run in turn")

    def broken() -> None:
        raise ValueError("the task broke")

    with pytest.raises(RuntimeError, match=r"(?s)forked process failed.*ValueError: the task broke"):
        parallel.run_side_by_side([lambda: 1, broken])
    assert parallel.run_side_by_side([lambda: 1, lambda: 2, lambda: 3]) == [1, 2, 3]
