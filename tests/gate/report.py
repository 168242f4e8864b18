"""Counts per checker, printed at the end of the test run (see conftest.pytest_terminal_summary)."""

from __future__ import annotations

# checker -> {"checked": n, "violations": n, "what": "page loads", ...}
GATE_COUNTS: dict[str, dict] = {}


def record(checker: str, checked: int, violations: int, what: str) -> None:
    GATE_COUNTS[checker] = {"checked": checked, "violations": violations, "what": what}


def listing(findings: list, limit: int = 60) -> str:
    """Findings one per line for an assertion message, cut at `limit` lines."""
    lines = [str(f) for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"... and {len(findings) - limit} more")
    return "\n".join(lines)
