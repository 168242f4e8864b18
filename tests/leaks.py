"""Finding what must never be published: e-mail addresses, phone numbers, Finnish personal
identity codes (henkilötunnus, checked by its control character) and this machine's or a
developer's file paths. Used by tests/test_leaks.py on the built site and its open data."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# +358 40 123 4567, +358401234567, 040 123 4567, 040-1234567, (09) 310 1691, 09 310 1691, 0295 000
PHONE = re.compile(r"(?<![\w+.,/#-])(?:\+358[\s-]?\(?0?[1-9]\d{0,2}\)?|\(?0[1-9]\d{0,2}\)?)[\s-]?\d{3}[\s-]?\d{2,4}"
                   r"(?![\w.,/-])"
                   r"|(?<![\w+])\+\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3}[\s-]?\d{2,4}(?!\w)")
# ddmmyy, the century sign, the individual number, the control character
HETU = re.compile(r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+A-FYXWVU])(\d{3})([0-9A-Y])(?![\w-])")
_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"
LOCAL_PATH = re.compile(r"(?<![\w.])(?:/(?:work|root|home|tmp|Users|var/folders|private/var)/[^\s\"'<>)]*"
                        r"|[A-Za-z]:\\\\?[^\s\"'<>]*|file:/{2,3}[^\s\"'<>]+)")


def is_hetu(match: re.Match) -> bool:
    day, month, _, _, number, control = match.groups()[:6]
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return False
    return _CONTROL[int(day + month + match.group(3) + number) % 31] == control


@dataclass(frozen=True)
class Leak:
    file: str
    line: int
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.text}"


def text_of(path: Path) -> str | None:
    """A file's text (gzip unpacked), or None for binary files (images)."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    if b"\0" in raw[:4096]:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def find_leaks(text: str, file: str) -> list[Leak]:
    found = []
    for kind, pattern in (("e-mail address", EMAIL), ("phone number", PHONE), ("personal identity code", HETU),
                          ("local file path", LOCAL_PATH)):
        for match in pattern.finditer(text):
            if pattern is HETU and not is_hetu(match):
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append(Leak(file, line, kind, match.group(0)[:80]))
    return found


def scan_tree(directory: Path) -> tuple[int, list[Leak]]:
    """(text files scanned, leaks) for every file under directory."""
    scanned, leaks = 0, []
    for path in sorted(directory.rglob("*")):
        if not path.is_file():
            continue
        text = text_of(path)
        if text is None:
            continue
        scanned += 1
        leaks += find_leaks(text, path.relative_to(directory).as_posix())
    return scanned, leaks
