"""axe-core (the npm package pinned in package.json) run inside the page, WCAG 2.1 A and AA rules."""

from __future__ import annotations

from pathlib import Path

from .browser import add_gate_script

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def run_axe(page) -> list[dict]:
    """The violations on the page as it is now (run it again after changing the page's state)."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing; `python3 build.py test` installs it with npm ci")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        add_gate_script(page, "axe.min.js", AXE_JS.read_bytes())
    return page.evaluate(_RUN, TAGS)


def describe(violations: list[dict], where: str) -> list[str]:
    """One line per failing element: where, rule, what axe says is wrong."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"{where}: {v['id']} ({v['impact']}) at {node['target']}: {summary}")
    return lines
