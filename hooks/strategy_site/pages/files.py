"""Writing generated files: only those whose content changed, each replaced in one rename."""

from __future__ import annotations

import os
from pathlib import Path


def write_changed(files: dict[str, str], docs_dir: Path, newline: str | None = None) -> list[str]:
    """Write {docs-relative path: text}; return the paths that changed.

    Unchanged files keep their modification time, so `mkdocs serve` sees only real changes.
    """
    changed = []
    for relative, content in files.items():
        target = docs_dir / relative
        # the bytes as a text file writes them: newline="" keeps a CSV's CRLF line ends as they are;
        # compared as bytes, a file of another size is not even read (decoding was the most of it)
        data = (content if newline is not None or os.linesep == "\n" else content.replace("\n", os.linesep)).encode("utf-8")
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        changed.append(relative)
    return changed


def remove_stale(candidates: list[Path], wanted: list[str], docs_dir: Path) -> list[str]:
    """Delete the candidates that are no longer generated (their organisation was removed)."""
    keep = {os.path.normpath(docs_dir / r) for r in wanted}
    removed = []
    for old in candidates:  # found under docs_dir, as the wanted paths are given relative to it
        if os.path.normpath(old) not in keep:
            old.unlink()
            removed.append(old.relative_to(docs_dir).as_posix())
    return removed
