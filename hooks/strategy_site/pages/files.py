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
        if target.exists():
            # read as written: with newline="" a CSV's CRLF line ends must not read as LF
            with target.open(encoding="utf-8", newline=newline) as existing:
                if existing.read() == content:
                    continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(content, encoding="utf-8", newline=newline)
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
