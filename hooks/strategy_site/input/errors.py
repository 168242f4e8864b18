"""The one user-facing error family: problems in editors' files, reported all at once."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


class RuleError(ValueError):
    """A validator's refusal that carries its own hint (read_model puts both in the Problem)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, order=True)
class Location:
    line: int
    column: int


def did_you_mean(word, choices) -> str:
    """A hint naming the closest of choices to a mistyped word, or "" when none is close."""
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f"did you mean `{close[0]}`?" if close else ""


def format_path(path: tuple) -> str:
    """strategies[0].values[2].fi — the way an editor reads a field's place."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True)
class Problem:
    file: str
    location: Location
    path: tuple
    message: str
    hint: str = ""
    warning: bool = False  # an editorial slip (slips.py): reported, but the file is valid

    def detail(self) -> str:
        """The message without the file position: field, what is wrong, and the hint."""
        field = format_path(self.path)
        text = f"{field}: {self.message}" if field else self.message
        if self.warning:
            text = f"warning: {text}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return f"{self.file}:{self.location.line}:{self.location.column}: {self.detail()}"

    def sort_key(self):
        return (self.file, self.location, self.message)


class StrategyDataError(Exception):
    """Raised once, after every problem of every file has been collected."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = sorted(problems, key=Problem.sort_key)
        self.warnings = sorted(warnings or [], key=Problem.sort_key)  # of the files that are valid
        super().__init__(self.report())

    def report(self, outcome: str = "the site was not built") -> str:
        count = len(self.problems)
        files = len({p.file for p in self.problems})
        lines = [str(p) for p in self.problems]
        noun = "problem" if count == 1 else "problems"
        lines.append(f"{count} {noun} in {files} file{'s' if files != 1 else ''}; {outcome}.")
        return "\n".join(lines)


def warnings_report(warnings: list[Problem]) -> str:
    """The warnings and a closing line; "" when there are none."""
    if not warnings:
        return ""
    count = len(warnings)
    lines = [str(w) for w in warnings]
    lines.append(f"{count} warning{'s' if count != 1 else ''}: the files are valid, but check "
                 f"{'these places' if count != 1 else 'this place'} after an update.")
    return "\n".join(lines)
