"""Lighthouse mobile performance of every page kind, served as a static host serves it (gzip).

python3 benchmarks/lighthouse.py [SITE_DIR] [--runs N] [--write]

SITE_DIR defaults to site/ (build it first with `python3 build.py`). Each page kind is measured
--runs times (default 3) with npm `lighthouse` (pinned in package.json; `npm ci` installs it) in
Debian's chromium, default mobile emulation with simulated throttling; the median score counts,
because one run on a shared machine can lose points to a neighbour's work. With --write the
table is appended to benchmarks/results.md with the machine and its load average.

This is a measurement, not a test: issue 16's target (every page kind >= 98) is judged here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from strategy_site.pages.addresses import address  # noqa: E402 - after the sys.path line above

# one page per kind: (label in the table, page, language)
PAGE_KINDS = [
    ("home", "index", "fi"),
    ("home (sv)", "index", "sv"),
    ("organisation", "org/etela-karjala", "fi"),
    ("organisation (sv)", "org/pohjanmaa", "sv"),
    ("municipalities", "kunnat", "fi"),
    ("coverage", "coverage", "fi"),
    ("compare index", "compare/index", "fi"),
    ("values", "compare/values", "fi"),
    ("visions", "compare/visions", "fi"),
    ("priorities", "compare/priorities", "fi"),
    ("timeline", "compare/timeline", "fi"),
    ("participation", "compare/participation", "fi"),
    ("compare two", "compare/side-by-side", "fi"),
    ("versions", "compare/changes", "fi"),
    ("change log", "muutokset", "fi"),
    ("about", "tietoa", "fi"),
    ("open data", "avoin-data", "fi"),
    ("accessibility", "saavutettavuus", "fi"),
    ("guide", "ohje", "fi"),
]
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _lighthouse() -> Path:
    tool = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        sys.exit("benchmarks/lighthouse.py: npm lighthouse is not installed here; run `npm ci` first.")
    return tool


def measure(url: str, profile: Path) -> dict:
    """One Lighthouse run: performance score and the metrics that move it."""
    out = profile / "report.json"
    subprocess.run(
        [str(_lighthouse()), url, "--quiet", "--only-categories=performance", "--output=json",
         f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile / 'chrome'}"],
        check=True, env={**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
    }


def run(site: Path, runs: int) -> list[tuple[str, str, list[dict]]]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "gzip_server.py"), str(site), str(port)])
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for label, page, lang in PAGE_KINDS:
                path = "/" + address(page, lang)
                results = [measure(f"http://127.0.0.1:{port}{path}", Path(tmp)) for _ in range(runs)]
                rows.append((label, path, results))
                scores = [r["score"] for r in results]
                print(f"{label:20} {path:40} {scores}", flush=True)
    finally:
        server.terminate()
        server.wait()
    return rows


def table(rows, runs: int) -> str:
    lines = [f"| page kind | address | median score (of {runs}) | runs | FCP | LCP | TBT | CLS |",
             "|---|---|---|---|---|---|---|---|"]
    for label, path, results in rows:
        median = sorted(results, key=lambda r: r["score"])[len(results) // 2]
        lines.append(f"| {label} | `{path}` | {median['score']} | {' '.join(str(r['score']) for r in results)} | "
                     f"{median['fcp_ms']} ms | {median['lcp_ms']} ms | {median['tbt_ms']} ms | {median['cls']} |")
    lowest = min(statistics.median(r["score"] for r in results) for _, _, results in rows)
    lines.append("")
    lines.append(f"Lowest median score: {lowest:g} (target: every page kind >= 98) - "
                 f"{'met' if lowest >= 98 else 'missed'}.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/results.md")
    parser.add_argument("--only", action="append", metavar="KIND", help="measure only this page kind (repeatable)")
    args = parser.parse_args()
    if args.only:
        PAGE_KINDS[:] = [kind for kind in PAGE_KINDS if kind[0] in args.only]
    site = Path(args.site)
    if not (site / "index.html").exists():
        sys.exit(f"benchmarks/lighthouse.py: no built site in {site}; run `python3 build.py` first.")
    load_before = os.getloadavg()[0]
    rows = run(site, args.runs)
    load_after = os.getloadavg()[0]
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    text = (f"\n## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC Lighthouse mobile performance\n\n"
            f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; load average {load_before:.1f} before, {load_after:.1f} after. npm lighthouse "
            f"{version}, Debian chromium, default mobile emulation with simulated throttling, the site served gzipped "
            f"by benchmarks/gzip_server.py (`python3 benchmarks/lighthouse.py --runs {args.runs}`).\n\n"
            + table(rows, args.runs) + "\n")
    print(text)
    if args.write:
        with open(ROOT / "benchmarks" / "results.md", "a", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
