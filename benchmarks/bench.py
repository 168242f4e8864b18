"""Benchmark: how the build and the site grow with the number of organisations.

Run with `python3 build.py bench` (a few minutes; `--sizes 22,100` for a quick look).
For each N it generates N synthetic organisations shaped like the real files (both
languages, one strategy with values, priorities, milestones, participation, sources); the
size `real` is the data in strategies/. It measures, each build in a fresh process:

- the full build (`build.py`'s build: validate + render + MkDocs + static-i18n, strict; the
  languages are rendered and built side by side on the machine's cores, parallel.py);
- the same full build in Finnish only (the Swedish build switched off in mkdocs.yml), for the
  cost of the second language;
- the project's own share: load + validate + render + write, in-process;
- plain MkDocs + Material + static-i18n on the very same generated Markdown with no project
  code (no hook), so the project's overhead is a ratio measured in the same run; static-i18n
  builds the languages one after the other, as it does on any site;
- the same plain build with only the language fork (parallel.py, no other project code), to
  show how much of the difference is the fork and how much the project's own work;
- the same plain build in Finnish only;
- peak memory: the largest single process, and the sum over the build's processes (the
  forked ones share most of their memory, so the sum overstates it);
- output size: HTML per organisation page, search index, total, and the heaviest page's
  HTML + CSS + JavaScript, gzipped;
- at the smallest N and at N = 100: seconds from saving one YAML file to the preview serving the
  new text in both languages;
- the CPU seconds of the full build and of the plain one side by side (the forked processes
  included): on a machine shared with other work they vary far less than the clock.

Results are appended to benchmarks/results.md with the machine they ran on, and under the table
every target of issue 21 marked met or missed with its figure. `--profile N` instead profiles one
build of N organisations (cProfile, in one process) and appends where the time goes: the named
parts of a build, MkDocs' own cost per page and the top 10 functions by cumulative time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
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
from urllib.parse import urljoin

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from strategy_site.mkdocs.generate import generate  # noqa: E402 - after the sys.path line above
from strategy_site.pages import addresses  # noqa: E402 - after the sys.path line above

WORDS_FI = ["hyvinvointi", "terveys", "turvallisuus", "palvelut", "asukkaat", "yhteistyö", "henkilöstö", "talous", "ennaltaehkäisy", "saavutettavuus", "vaikuttavuus", "osallisuus", "yhdenvertaisuus", "luottamus", "rohkeus", "kestävyys", "laatu"]
WORDS_SV = ["välfärd", "hälsa", "säkerhet", "tjänster", "invånare", "samarbete", "personal", "ekonomi", "förebyggande", "tillgänglighet", "effektivitet", "delaktighet", "jämlikhet", "förtroende", "mod", "hållbarhet", "kvalitet"]


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


def make_project(base: Path, n: int | None) -> Path:
    """A copy of the project's code with n synthetic organisations, or (n None) the real ones."""
    project = base / (f"n{n}" if n is not None else "real")
    project.mkdir()
    for name in ("mkdocs.yml", "overrides", "hooks", "docs", "vocabulary", "build.py", "requirements.txt"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns(
                "__pycache__", "org", "compare", "data", "schema", "index.*.md", "coverage.*.md"))
        elif source.exists():
            shutil.copy2(source, project / name)
    strategies = project / "strategies"
    if n is None:
        shutil.copytree(ROOT / "strategies", strategies)
        shutil.copytree(ROOT / "reference", project / "reference")
        return project
    # synthetic organisations list no municipalities: a project without the division file builds without one
    (project / "reference").mkdir()
    strategies.mkdir()
    for i in range(n):
        org = synthetic_org(i)
        (strategies / f"{org['slug']}.yaml").write_text(yaml.safe_dump(org, allow_unicode=True, sort_keys=False),
                                                        encoding="utf-8")
    return project


def _config(project: Path) -> dict:
    """mkdocs.yml as data (`!ENV` settings take their default: the benchmark sets SITE_URL to it)."""
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)


def _write_config(project: Path, config: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")


def _finnish_only(config: dict) -> None:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for lang in plugin["i18n"]["languages"]:
                lang["build"] = lang["locale"] == "fi"


def plain_project(project: Path, finnish_only: bool = False, fork: bool = False) -> Path:
    """The same generated Markdown, built by MkDocs + Material + static-i18n with no project code
    (with fork: only the hook that builds the languages side by side)."""
    plain = project.parent / f"{project.name}-plain{'-fi' if finnish_only else ''}{'-fork' if fork else ''}"
    shutil.copytree(project / "docs", plain / "docs")
    shutil.copytree(project / "overrides", plain / "overrides")
    config = _config(project)
    config.pop("hooks", None)
    config.pop("watch", None)
    if fork:
        # the package is there to be imported; the one hook configured is the language fork
        shutil.copytree(project / "hooks", plain / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
        config["hooks"] = ["hooks/language_builds.py"]
    if finnish_only:
        _finnish_only(config)
    # the theme's footer reads the table of addresses the hook puts into config.extra: given as data
    # (the pages keep the addresses MkDocs gives their files; the other context the hook provides is empty)
    config.setdefault("extra", {})["ss_addresses"] = {lang: addresses.table_for(lang) for lang in ("fi", "sv")}
    _write_config(plain, config)
    return plain


def finnish_only_project(project: Path) -> Path:
    """The whole project with the Swedish build switched off in mkdocs.yml."""
    fi = project.parent / f"{project.name}-fi"
    shutil.copytree(project, fi, symlinks=True, ignore=shutil.ignore_patterns("site", ".build"))
    config = _config(fi)
    _finnish_only(config)
    _write_config(fi, config)
    return fi


class _EnvLoader(yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def _tree_rss(root: int) -> int:
    """Bytes of resident memory of a process and all its descendants (from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def measure_peak(command: list[str], cwd: Path, env: dict | None = None, cpu: list | None = None) -> tuple[float, int, int]:
    """Seconds, peak MiB of the largest process, peak MiB summed over the process tree (and, appended
    to cpu, the CPU seconds of the process and its descendants: on a shared machine far steadier than
    the wall clock)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1:8000/", **(env or {}))
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if Path("/proc").is_dir():
                tree_peak = max(tree_peak, _tree_rss(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{errors.read().decode()[-3000:]}")
    if cpu is not None:  # the forked builds are waited for by their parent: counted in its usage
        cpu.append(usage.ru_utime + usage.ru_stime)
    # ru_maxrss of the waited child covers its own descendants too: the largest of them
    return seconds, usage.ru_maxrss // 1024, tree_peak // 2**20


def best_of(repeats: int, fn) -> tuple[float, int, int]:
    runs = [fn() for _ in range(repeats)]
    return min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def project_share(project: Path) -> float:
    """Seconds for load + validate + render + write, in-process (what the hook adds)."""
    scratch = project.parent / f"{project.name}-share-docs"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project / "docs", scratch, ignore=shutil.ignore_patterns("org", "compare", "index.*.md"))
    started = time.perf_counter()
    generate(project / "strategies", scratch)
    return time.perf_counter() - started


_ASSET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')


def heaviest_page(site: Path) -> tuple[int, str]:
    """Gzip bytes of the heaviest page's HTML plus the CSS and JavaScript it loads (not the
    search index, which the search fetches only when used), and which page it is."""
    gzipped: dict[Path, int] = {}

    def size(path: Path) -> int:
        if path not in gzipped:
            gzipped[path] = len(gzip.compress(path.read_bytes(), 9))
        return gzipped[path]

    heaviest = (0, "")
    for page in site.rglob("*.html"):
        url = "/" + page.relative_to(site).as_posix()
        total = size(page)
        for match in _ASSET.finditer(page.read_text(encoding="utf-8")):
            asset = site / urljoin(url, (match[1] or match[2]).split("?")[0]).lstrip("/")
            if asset.is_file():
                total += size(asset)
        heaviest = max(heaviest, (total, page.relative_to(site).as_posix()))
    return heaviest


def output_size(site: Path) -> dict:
    pages = sorted((site / "org").glob("*/index.html"))
    html = [p.stat().st_size for p in pages]
    index = site / "search" / "search_index.json"
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    heaviest, which = heaviest_page(site)
    return {"org_pages": len(pages), "html_per_org_page": int(statistics.mean(html)) if html else 0,
            "html_per_org_page_max": max(html, default=0),
            "search_index": index.stat().st_size if index.exists() else 0, "total": total,
            "heaviest_page_gz": heaviest, "heaviest_page": which}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def save_to_visible(project: Path) -> float:
    """Seconds from saving one YAML file to the preview serving the new text in both languages
    (median of 5): the file's Finnish and Swedish name change, and the clock stops at the first
    moment both the Finnish and the Swedish page have served their new name."""
    os.symlink(sys.prefix, project / ".venv")
    (project / "reference").mkdir(exist_ok=True)  # watched by mkdocs.yml; synthetic sites have no division
    port = free_port()
    pages = {lang: f"http://127.0.0.1:{port}/{prefix}org/alue-0000/" for lang, prefix in (("fi", ""), ("sv", "sv/"))}
    names = {"fi": "Esimerkkialueen 0 hyvinvointialue", "sv": "Exempelområdets 0 välfärdsområde"}
    process = subprocess.Popen([sys.executable, "build.py", "serve", "--address", f"127.0.0.1:{port}"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def body(lang: str) -> str:
        try:
            with urllib.request.urlopen(pages[lang], timeout=10) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.time() + 300
        while not all(names[lang] in body(lang) for lang in names):
            if time.time() > deadline:
                raise RuntimeError("the preview did not start")
            time.sleep(0.2)
        target = project / "strategies" / "alue-0000.yaml"
        original = target.read_text(encoding="utf-8")
        times = []
        for k in range(5):
            markers = {"fi": f"Tallennus {k} näkyy", "sv": f"Sparning {k} syns"}
            time.sleep(1.0)
            saved = original
            for lang in names:
                saved = saved.replace(names[lang], markers[lang])
            target.write_text(saved, encoding="utf-8")
            started = time.perf_counter()
            waiting = set(names)
            while waiting:
                waiting = {lang for lang in waiting if markers[lang] not in body(lang)}
                if time.perf_counter() - started > 120:
                    raise RuntimeError("the preview did not pick up the change")
                if waiting:
                    time.sleep(0.02)
            times.append(time.perf_counter() - started)
        return statistics.median(times)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def run(sizes: list[int | None], repeats: int) -> list[dict]:
    """One row per size; None is the real data in strategies/."""
    results = []
    smallest = min((n for n in sizes if n is not None), default=None)
    with tempfile.TemporaryDirectory(prefix="strategy-bench-") as tmp:
        base = Path(tmp)
        for n in sizes:
            project = make_project(base, n)
            build_cmd = [sys.executable, "-c", "import sys; sys.path.insert(0, 'hooks');"
                         "from pathlib import Path; from strategy_site.cli import build;"
                         "sys.exit(build(Path('.').resolve(), Path('site').resolve()))"]
            full_cpu: list[float] = []
            full, full_peak, full_tree = best_of(repeats, lambda: measure_peak(build_cmd, project, cpu=full_cpu))
            sizes_out = output_size(project / "site")
            fi_project = finnish_only_project(project)
            full_fi, _, _ = best_of(repeats, lambda: measure_peak(build_cmd, fi_project))
            share = min(project_share(project) for _ in range(repeats))
            mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"]
            plain = plain_project(project)
            plain_time, plain_peak, _ = best_of(repeats, lambda: measure_peak(mkdocs, plain))
            plain_pages = sum(1 for _ in (plain / "site").rglob("*.html"))
            plain_fork = plain_project(project, fork=True)
            fork_cpu: list[float] = []
            fork_time, _, _ = best_of(repeats, lambda: measure_peak(mkdocs, plain_fork, cpu=fork_cpu))
            plain_fi = plain_project(project, finnish_only=True)
            fi_time, _, _ = best_of(repeats, lambda: measure_peak(mkdocs, plain_fi))
            row = {"n": n, "full_s": round(full, 2), "full_fi_only_s": round(full_fi, 2),
                   "project_share_s": round(share, 2), "plain_mkdocs_s": round(plain_time, 2),
                   "plain_side_by_side_s": round(fork_time, 2), "plain_fi_only_s": round(fi_time, 2),
                   "plain_pages": plain_pages, "plain_ms_per_page": round(plain_time / max(plain_pages, 1) * 1000, 1),
                   "overhead_vs_plain": round(full / plain_time - 1, 3),
                   "full_vs_plain_side_by_side": round(full / fork_time, 3),
                   "full_cpu_s": round(min(full_cpu), 2), "plain_side_by_side_cpu_s": round(min(fork_cpu), 2),
                   "cpu_full_vs_plain_side_by_side": round(min(full_cpu) / min(fork_cpu), 3),
                   "overhead_vs_plain_side_by_side": round(full / fork_time - 1, 3),
                   "bilingual_vs_fi_only": round(full / full_fi, 2),
                   "plain_bilingual_vs_fi_only": round(plain_time / fi_time, 2),
                   "peak_mib": full_peak, "peak_tree_mib": full_tree, "plain_peak_mib": plain_peak, **sizes_out}
            if n is None:
                row["n"] = f"real ({len(list((project / 'strategies').glob('*.yaml')))})"
            if n is not None and n in (smallest, 100):  # issue 21: <= 0.5 s at N = 22, <= 1 s at N = 100
                row["save_to_visible_s"] = round(save_to_visible(project), 2)
            print(json.dumps(row), flush=True)
            results.append(row)
            for variant in base.glob(f"{project.name}*"):
                shutil.rmtree(variant, ignore_errors=True)
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


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def targets(results: list[dict]) -> list[str]:
    """Issue 21's targets, each met or missed with its figure, from the rows of one run."""
    by_n = {r["n"]: r for r in results}
    out = []
    for n in (100, 1000):  # 1: the project's own work at most 10 % on top of MkDocs's own on the same pages
        if n in by_n:
            ratio = by_n[n]["full_vs_plain_side_by_side"]
            out.append(f"- target 1, N = {n}: full / plain side by side = {ratio:.2f} (≤ 1.10): {_verdict(ratio <= 1.10)} "
                       f"(in CPU seconds: {by_n[n]['cpu_full_vs_plain_side_by_side']:.2f})")
    for n, limit in ((22, 0.5), (100, 1.0)):  # 2: save -> new text served in the preview
        if by_n.get(n, {}).get("save_to_visible_s") is not None:
            seconds = by_n[n]["save_to_visible_s"]
            out.append(f"- target 2, N = {n}: save → served {seconds:.2f} s (≤ {limit} s): {_verdict(seconds <= limit)}")
    sized = [r for r in results if isinstance(r["n"], int) and r["n"] <= 1000]
    if sized:  # 3: every page at most 150 KB gzipped (HTML + CSS + JS, no search index)
        worst = max(sized, key=lambda r: r["heaviest_page_gz"])
        out.append(f"- target 3: heaviest page {worst['heaviest_page_gz'] / 1000:.0f} KB gzipped at N = {worst['n']} "
                   f"({worst['heaviest_page']}; ≤ 150 KB): {_verdict(worst['heaviest_page_gz'] <= 150_000)}")
    if 100 in by_n and 1000 in by_n:  # 4: linear growth
        growth = by_n[1000]["full_s"] / by_n[100]["full_s"]
        out.append(f"- target 4: t(1000) / t(100) = {growth:.1f} (≤ 11): {_verdict(growth <= 11)}")
        per_page = by_n[1000]["html_per_org_page"] / by_n[100]["html_per_org_page"]
        out.append(f"- target 4: HTML per organisation page {by_n[100]['html_per_org_page']} B at N = 100, "
                   f"{by_n[1000]['html_per_org_page']} B at N = 1000 (ratio {per_page:.3f}, constant within 5 %): "
                   f"{_verdict(abs(per_page - 1) <= 0.05)}")
    if sized:
        peak = max(sized, key=lambda r: r["peak_tree_mib"])
        out.append(f"- target 4: peak memory at N = {peak['n']}: {peak['peak_tree_mib']} MiB summed over the build's "
                   f"processes (an overstatement: the forked ones share most of it), {peak['peak_mib']} MiB in the "
                   f"largest one (< 1 GB): {_verdict(peak['peak_tree_mib'] * 2**20 < 10**9)}")
    return out


def write_results(results: list[dict], path: Path, repeats: int = 1) -> None:
    columns = ["n", "full_s", "full_fi_only_s", "project_share_s", "plain_mkdocs_s", "plain_side_by_side_s",
               "plain_fi_only_s", "plain_pages", "plain_ms_per_page", "overhead_vs_plain", "full_vs_plain_side_by_side",
               "full_cpu_s", "plain_side_by_side_cpu_s", "cpu_full_vs_plain_side_by_side",
               "overhead_vs_plain_side_by_side", "bilingual_vs_fi_only",
               "plain_bilingual_vs_fi_only", "peak_mib", "peak_tree_mib", "html_per_org_page",
               "html_per_org_page_max", "search_index", "total", "heaviest_page_gz", "heaviest_page",
               "save_to_visible_s"]
    lines = [f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n",
             f"Machine: {machine()}; builds per size: {repeats} (the fastest counts)\n",
             "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in results:
        lines.append("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")
    lines += ["", *targets(results)]
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


_PROFILED_BUILD = """
import cProfile, os, sys
from pathlib import Path
sys.path.insert(0, "hooks")
from strategy_site.cli import build
profile = cProfile.Profile()
status = profile.runcall(build, Path(".").resolve(), Path("site").resolve())
profile.dump_stats(sys.argv[1])
sys.exit(status)
"""

# Named parts of a build, each the cumulative time of one function: (part, file ending, function).
_PARTS = [
    ("project: load and validate the YAML", "strategy_site/input/division.py", "load_checked"),
    ("project: render one language's pages (both languages together)", "strategy_site/mkdocs/generate.py", "pages_of"),
    ("project: open data, feeds, schema", "strategy_site/mkdocs/generate.py", "other_files"),
    ("project: the open data's description, from the pages' tables (metadata_files)", "strategy_site/pages/opendata.py",
     "metadata_files"),
    ("project: the whole generation (the four above, git dates, writing)", "strategy_site/mkdocs/generate.py", "generate"),
    ("MkDocs: Markdown to HTML (Page.render)", "mkdocs/structure/pages.py", "render"),
    ("MkDocs: a page through the theme, its events and writing (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    # the plugin's page handler, as internals.index_without_attribute_scan registers it
    ("Material: search index, reading each page's HTML (on_page_context)", "strategy_site/mkdocs/internals.py",
     "on_page_context"),
    ("project: the search index's fast reading of a page (search_sections.sections)",
     "strategy_site/mkdocs/search_sections.py", "sections"),
    ("static-i18n: pairing the languages' files (on_files)", "mkdocs_static_i18n/plugin.py", "on_files"),
    ("MkDocs: sitemap.xml and 404.html (_build_theme_template)", "mkdocs/commands/build.py", "_build_theme_template"),
    ("Jinja: compiling templates, the theme's and the project's (Environment.compile)", "jinja2/environment.py",
     "compile"),
    ("MkDocs: the whole build, every language (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
]
# Not listed in the top functions: entry points and event dispatchers, whose time is their callees'.
_DISPATCHERS = ("strategy_site/cli.py", "mkdocs/plugins.py", "strategy_site/mkdocs/parallel.py", "hooks/strategy_hooks.py",
                "hooks/language_builds.py")
_WRAPPERS = {("strategy_site/mkdocs/generate.py", "ensure_generated"), ("mkdocs/commands/build.py", "build")}


def profile(n: int, top: int = 10) -> list[str]:
    """One full build of n synthetic organisations under cProfile, in one process (the languages
    one after the other, STRATEGY_SITE_PARALLEL=0, so every part is seen): the named parts and the
    top functions by cumulative time, as lines of Markdown."""
    import pstats

    with tempfile.TemporaryDirectory(prefix="strategy-profile-") as tmp:
        project = make_project(Path(tmp), n)
        stats_file = Path(tmp) / "build.prof"
        started = time.perf_counter()
        measure_peak([sys.executable, "-c", _PROFILED_BUILD, str(stats_file)], project, {"STRATEGY_SITE_PARALLEL": "0"})
        wall = time.perf_counter() - started
        pages = sum(1 for _ in (project / "site").rglob("*.html"))
        stats = pstats.Stats(str(stats_file))
    entries = stats.stats  # type: ignore[attr-defined] - pstats keeps {(file, line, name): (cc, nc, tt, ct, callers)} undeclared
    total = max(ct for _, _, _, ct, _ in entries.values())

    def cumulative(file_end: str, name: str) -> float:
        # a function that calls itself (MkDocs' build runs again per language) is counted once, outermost
        return sum(ct for (file, _, fn), (_, _, _, ct, _) in entries.items() if file.endswith(file_end) and fn == name)

    lines = [f"Profile of one build at N = {n} ({pages} HTML pages, both languages one after the other in one process, "
             f"cProfile; {total:.1f} s profiled, {wall:.1f} s wall):", "",
             "| part | cumulative s | share |", "|---|---|---|"]
    for part, file_end, name in _PARTS:
        seconds = cumulative(file_end, name)
        lines.append(f"| {part} | {seconds:.2f} | {seconds / total:.0%} |")
    mkdocs_total = cumulative("mkdocs/commands/build.py", "build")
    # the project's hooks run inside MkDocs' build (the generation itself ran before it, in cli.build)
    hooks = sum(ct for (file, _, fn), (_, _, _, ct, _) in entries.items()
                if file.endswith(("hooks/strategy_hooks.py", "hooks/language_builds.py")) and fn.startswith(("on_", "_post")))
    lines += ["", f"The project's hooks inside MkDocs' build: {hooks:.2f} s. MkDocs itself (its build without the "
              f"project's hooks, with Material and static-i18n): {(mkdocs_total - hooks) / pages * 1000:.1f} ms per HTML page "
              "(under cProfile, which slows Python code about twofold).", "",
              f"Top {top} by cumulative time (without entry points and event dispatchers, whose time is their callees'):", "",
              "| cumulative s | own s | calls | function |", "|---|---|---|---|"]
    ranked = sorted(entries.items(), key=lambda item: -item[1][3])
    shown = 0
    for (file, line, name), (_, calls, own, ct, _) in ranked:
        if file.endswith(_DISPATCHERS) or name.startswith("<") or any(file.endswith(f) and name == n for f, n in _WRAPPERS):
            continue
        where = re.sub(r"^.*?(site-packages|hooks|lib/python3\.\d+)/", "", file)
        lines.append(f"| {ct:.2f} | {own:.2f} | {calls} | `{where}:{line}({name})` |")
        shown += 1
        if shown == top:
            break
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 build.py bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,22,100,500,1000",
                        help="organisation counts; `real` is the data in strategies/ (default real,22,100,500,1000)")
    parser.add_argument("--repeats", type=int, default=1, help="builds per size; the fastest counts (default 1)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to results.md")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="instead: profile one build of N organisations (cProfile) and append where the time goes")
    args = parser.parse_args(argv)
    if args.profile:
        lines = [f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: where the time goes\n",
                 f"Machine: {machine()}\n", *profile(args.profile)]
        print("\n".join(lines))
        if not args.no_write:
            with (ROOT / "benchmarks" / "results.md").open("a", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
        return 0
    results = run([None if n == "real" else int(n) for n in args.sizes.split(",")], args.repeats)
    if not args.no_write:
        write_results(results, ROOT / "benchmarks" / "results.md", args.repeats)
        print(f"Results appended to {ROOT / 'benchmarks' / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
