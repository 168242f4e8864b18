"""The package's shape: imports run one way through the layers, and no module imports itself round a cycle.

input (YAML, schema, loading) <- views (what pages need) <- pages (Jinja, files) <- mkdocs (hooks, preview)
<- the command line. The contracts live in pyproject.toml; import-linter checks them on the real code, and
a seeded backwards import in a copy of the package proves the check can fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=root,
                          env={"PYTHONPATH": str(root / "hooks"), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True)


def test_imports_follow_the_layers() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_backwards_import_breaks_the_layers(tmp_path) -> None:
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    model = tmp_path / "hooks" / "strategy_site" / "input" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom ..pages import render  # seeded\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "strategy_site.input.model -> strategy_site.pages.render" in result.stdout


def cycles(package: str) -> list[list[str]]:
    """Every import cycle between the package's modules (function-level imports included)."""
    graph = grimp.build_graph(package, include_external_packages=False)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in sorted(graph.modules)}
    found, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in edges.get(module, []):
            if state.get(target) == "open":
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in edges:
        if module not in state:
            visit(module, [module])
    return found


def test_no_module_imports_itself_round_a_cycle() -> None:
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        assert cycles("strategy_site") == []
    finally:
        sys.path.remove(str(ROOT / "hooks"))


def test_the_cycle_check_finds_a_seeded_cycle(tmp_path, monkeypatch) -> None:
    package = tmp_path / "seeded_cycle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from . import second\n")
    (package / "second.py").write_text("def later():\n    from . import first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles("seeded_cycle") == [["seeded_cycle.first", "seeded_cycle.second", "seeded_cycle.first"]]
