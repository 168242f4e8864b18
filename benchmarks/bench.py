"""Benchmark: how the build and the site grow with the number of organisations.

Run with `python3 build.py bench` (a few minutes; `--sizes 22,100` for a quick look).
For each N it generates N synthetic organisations shaped like the real files (both
languages, one strategy with values, priorities, milestones, participation, sources) and
measures, each build in a fresh process:

- the full build (`build.py`'s build: validate + render + MkDocs + static-i18n, strict);
- the project's own share: load + validate + render in-process;
- plain MkDocs + Material + static-i18n on the very same generated Markdown with no project
  code (no hook), so the project's overhead is a ratio measured in the same run;
- the same plain build in Finnish only, for the cost of the second language;
- peak memory (max RSS of the build process);
- output size: HTML per organisation page, search index, total;
- at the smallest N: seconds from saving one YAML file to the preview serving the new text.

Results are appended to benchmarks/results.md with the machine they ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from strategy_site.generate import generate  # noqa: E402

WORDS_FI = ("hyvinvointi terveys turvallisuus palvelut asukkaat yhteistyö henkilöstö talous ennaltaehkäisy "
            "saavutettavuus vaikuttavuus osallisuus yhdenvertaisuus luottamus rohkeus kestävyys laatu").split()
WORDS_SV = ("välfärd hälsa säkerhet tjänster invånare samarbete personal ekonomi förebyggande tillgänglighet "
            "effektivitet delaktighet jämlikhet förtroende mod hållbarhet kvalitet").split()


def sentence(rng: random.Random, words: tuple | list, n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def synthetic_org(i: int) -> dict:
    rng = random.Random(i)
    slug = f"alue-{i:04d}"
    source = {"id": "tiedote", "title": sentence(rng, WORDS_FI, 6), "publisher": f"Alue {i}", "date": "2025-12-05",
              "language": "fi", "url": f"https://example.fi/{slug}/tiedote"}
    source_sv = {"id": "pressmeddelande", "title": sentence(rng, WORDS_SV, 6), "publisher": f"Område {i}",
                 "date": "2025-12-05", "language": "sv", "url": f"https://example.fi/sv/{slug}/meddelande"}

    def both(n: int) -> dict:
        return {"fi": sentence(rng, WORDS_FI, n), "sv": sentence(rng, WORDS_SV, n), "sv_source": "pressmeddelande"}

    return {
        "slug": slug, "kind": "welfare_area", "source": "tiedote",
        "name": {"fi": f"Esimerkkialueen {i} hyvinvointialue", "sv": f"Exempelområdets {i} välfärdsområde",
                 "sv_source": "pressmeddelande"},
        "languages": ["fi", "sv"],
        "strategies": [{
            "id": "2026-2029", "status": "approved", "title": both(4), "period": {"start": 2026, "end": 2029},
            "approval": {"date": "2025-12-09", "body": {"fi": "aluevaltuusto", "sv": "välfärdsområdesfullmäktige"}},
            "mission": both(10), "vision": both(8),
            "values": [both(1) for _ in range(5)],
            "priorities": [{**both(8), "description": {"fi": sentence(rng, WORDS_FI, 14),
                                                      "sv": sentence(rng, WORDS_SV, 14)}} for _ in range(5)],
            "milestones": [{"kind": "seminar", "date": f"2025-0{m}", "status": "done", **both(12)} for m in range(1, 7)],
            "participation": [{"kind": "survey", "open_until": "2025-03-31",
                               "participants": {"value": 1000 + i, "qualifier": "over"}, **both(10)}],
        }],
        "sources": [source, source_sv],
    }


def make_project(base: Path, n: int) -> Path:
    project = base / f"n{n}"
    project.mkdir()
    for name in ("mkdocs.yml", "overrides", "hooks", "docs", "vocabulary", "build.py", "requirements.txt"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns(
                "__pycache__", "org", "compare", "data", "schema", "index.*.md", "coverage.*.md"))
        elif source.exists():
            shutil.copy2(source, project / name)
    strategies = project / "strategies"
    strategies.mkdir()
    for i in range(n):
        org = synthetic_org(i)
        (strategies / f"{org['slug']}.yaml").write_text(yaml.safe_dump(org, allow_unicode=True, sort_keys=False),
                                                        encoding="utf-8")
    return project


def plain_project(project: Path, finnish_only: bool) -> Path:
    """The same generated Markdown, built by MkDocs + Material + static-i18n with no project code."""
    plain = project.parent / f"{project.name}-plain{'-fi' if finnish_only else ''}"
    shutil.copytree(project / "docs", plain / "docs")
    shutil.copytree(project / "overrides", plain / "overrides")
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    config.pop("hooks", None)
    config.pop("watch", None)
    if finnish_only:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                for lang in plugin["i18n"]["languages"]:
                    lang["build"] = lang["locale"] == "fi"
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the theme override reads a context variable the hook provides; without the hook it is empty
    return plain


class _EnvLoader(yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def measure_peak(command: list[str], cwd: Path) -> tuple[float, int]:
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, so each build gets a tiny
    # parent process of its own that reports its single child's peak.
    wrapper = [sys.executable, "-c",
               "import resource,subprocess,sys,time;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:]);e=time.perf_counter()-t;"
               "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024, file=sys.stderr);"
               "sys.exit(r.returncode)", *command]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1:8000/")
    result = subprocess.run(wrapper, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stderr[-3000:]}")
    seconds, peak = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(peak)


def best_of(repeats: int, fn) -> tuple[float, int]:
    runs = [fn() for _ in range(repeats)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def project_share(project: Path) -> float:
    """Seconds for load + validate + render + write, in-process (what the hook adds)."""
    scratch = project.parent / f"{project.name}-share-docs"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project / "docs", scratch, ignore=shutil.ignore_patterns("org", "compare", "index.*.md"))
    started = time.perf_counter()
    generate(project / "strategies", scratch)
    return time.perf_counter() - started


def output_size(site: Path) -> dict:
    pages = sorted((site / "org").glob("*/index.html"))
    html = [p.stat().st_size for p in pages]
    index = site / "search" / "search_index.json"
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"org_pages": len(pages), "html_per_org_page": int(statistics.mean(html)) if html else 0,
            "html_per_org_page_max": max(html, default=0),
            "search_index": index.stat().st_size if index.exists() else 0, "total": total}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def save_to_visible(project: Path) -> float:
    """Seconds from saving one YAML file to the preview serving the new text (median of 5)."""
    os.symlink(sys.prefix, project / ".venv")
    port = free_port()
    page = f"http://127.0.0.1:{port}/org/alue-0000/"
    process = subprocess.Popen([sys.executable, "build.py", "serve", "--address", f"127.0.0.1:{port}"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def body() -> str:
        try:
            with urllib.request.urlopen(page, timeout=2) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.time() + 120
        while "Esimerkkialueen 0 hyvinvointialue" not in body():
            if time.time() > deadline:
                raise RuntimeError("the preview did not start")
            time.sleep(0.2)
        target = project / "strategies" / "alue-0000.yaml"
        original = target.read_text(encoding="utf-8")
        times = []
        for k in range(5):
            marker = f"Tallennus {k} näkyy"
            time.sleep(1.0)
            target.write_text(original.replace("Esimerkkialueen 0 hyvinvointialue", marker), encoding="utf-8")
            started = time.perf_counter()
            while marker not in body():
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the preview did not pick up the change")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
        return statistics.median(times)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def run(sizes: list[int], repeats: int) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="strategy-bench-") as tmp:
        base = Path(tmp)
        for n in sizes:
            project = make_project(base, n)
            build_cmd = [sys.executable, "-c", "import sys; sys.path.insert(0, 'hooks');"
                         "from pathlib import Path; from strategy_site.cli import build;"
                         "sys.exit(build(Path('.').resolve(), Path('site').resolve()))"]
            full, full_peak = best_of(repeats, lambda: measure_peak(build_cmd, project))
            share = min(project_share(project) for _ in range(repeats))
            sizes_out = output_size(project / "site")
            mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"]
            plain = plain_project(project, finnish_only=False)
            plain_time, plain_peak = best_of(repeats, lambda: measure_peak(mkdocs, plain))
            plain_fi = plain_project(project, finnish_only=True)
            fi_time, _ = best_of(repeats, lambda: measure_peak(mkdocs, plain_fi))
            row = {"n": n, "full_s": round(full, 2), "project_share_s": round(share, 2),
                   "plain_mkdocs_s": round(plain_time, 2), "plain_fi_only_s": round(fi_time, 2),
                   "overhead_vs_plain": round(full / plain_time - 1, 3),
                   "bilingual_vs_fi_only": round(plain_time / fi_time, 2),
                   "peak_mib": full_peak, "plain_peak_mib": plain_peak, **sizes_out}
            if n == min(sizes):
                row["save_to_visible_s"] = round(save_to_visible(project), 2)
            print(json.dumps(row), flush=True)
            results.append(row)
            shutil.rmtree(project, ignore_errors=True)
    return results


def machine() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {memory} GiB, " \
           f"Python {platform.python_version()}"


def write_results(results: list[dict], path: Path) -> None:
    columns = ["n", "full_s", "project_share_s", "plain_mkdocs_s", "plain_fi_only_s", "overhead_vs_plain",
               "bilingual_vs_fi_only", "peak_mib", "html_per_org_page", "html_per_org_page_max", "search_index",
               "total", "save_to_visible_s"]
    lines = [f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n", f"Machine: {machine()}\n",
             "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in results:
        lines.append("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")
    if len(results) > 1:
        by_n = {r["n"]: r for r in results}
        if 100 in by_n and 1000 in by_n:
            lines.append(f"\nt(1000) / t(100) = {by_n[1000]['full_s'] / by_n[100]['full_s']:.1f} (target ≤ 11)")
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 build.py bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="22,100,500,1000", help="organisation counts (default 22,100,500,1000)")
    parser.add_argument("--repeats", type=int, default=1, help="builds per size; the fastest counts (default 1)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to results.md")
    args = parser.parse_args(argv)
    results = run([int(n) for n in args.sizes.split(",")], args.repeats)
    if not args.no_write:
        write_results(results, ROOT / "benchmarks" / "results.md")
        print(f"Results appended to {ROOT / 'benchmarks' / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
