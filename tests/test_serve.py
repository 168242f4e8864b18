"""`build.py serve` as an editor uses it: save, see the page change, break a file, see why, fix it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import fixture_project, tree
from gate.server import free_port
from strategy_site.pages.addresses import address

pytestmark = pytest.mark.slow  # every test here builds a site or starts a server


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, condition, timeout: float = 30) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition(fetch(url)):
            return time.perf_counter() - started
        time.sleep(0.1)
    raise AssertionError(f"{url} did not change as expected within {timeout} s")


@pytest.fixture
def preview(tmp_path: Path):
    project = fixture_project(tmp_path / "project")
    os.symlink(sys.prefix, project / ".venv")
    port = free_port()
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log:
        process = subprocess.Popen([sys.executable, "build.py", "serve", "--address", f"127.0.0.1:{port}"],
                                   cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield project, f"http://127.0.0.1:{port}"
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)


def builds(project: Path) -> int:
    """How many builds the preview has started so far (from its log)."""
    return (project.parent / "serve.log").read_text(encoding="utf-8").count("Building documentation...")


def test_save_fix_and_break_in_the_preview(preview) -> None:
    project, base = preview
    page = f"{base}/org/esimerkki/"
    wait_for(page, lambda html: "Paras hyvinvointialue" in html, timeout=60)
    data = project / "strategies" / "esimerkki.yaml"
    original = data.read_text(encoding="utf-8")

    data.write_text(original.replace("Paras hyvinvointialue", "Uusi visio tallennettu"), encoding="utf-8")
    seconds = wait_for(page, lambda html: "Uusi visio tallennettu" in html)
    assert seconds < 10

    data.write_text(original.replace("    vision:", "    visio:"), encoding="utf-8")
    wait_for(page, lambda html: "Strategiatiedostoissa on virheitä." in html)
    html = fetch(page)
    assert "unknown field `visio`" in html and "did you mean `vision`?" in html
    assert "Uusi visio tallennettu" in html  # the last good page is still there under the banner

    data.write_text(original, encoding="utf-8")
    wait_for(page, lambda html: "Paras hyvinvointialue" in html and "Strategiatiedostoissa" not in html)


def test_one_save_is_one_build_and_hand_written_pages_still_rebuild(preview) -> None:
    """The build writes the generated pages into docs/; that must not start a second build
    (the server holds requests until the newest build is done, so the page showed late)."""
    project, base = preview
    page = f"{base}/org/esimerkki/"
    wait_for(page, lambda html: "Paras hyvinvointialue" in html, timeout=60)
    time.sleep(1)
    before = builds(project)
    data = project / "strategies" / "esimerkki.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Paras hyvinvointialue", "Yksi tallennus"),
                    encoding="utf-8")
    wait_for(page, lambda html: "Yksi tallennus" in html)
    time.sleep(2)  # a second build would have started by now
    assert builds(project) - before == 1

    about = project / "docs" / "tietoa.sv.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nEtt handskrivet tillägg.\n", encoding="utf-8")
    wait_for(f"{base}/{address('tietoa', 'sv')}", lambda html: "Ett handskrivet tillägg." in html)


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def processes_in_session(session: int) -> list[str]:
    """Every live process whose session is the given one (the preview and all it started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(stat.parent.name)
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stop_signal_ends_the_whole_preview(tmp_path: Path, stop: str) -> None:
    """A process manager (SIGTERM), Ctrl+C (SIGINT) or a closed terminal (SIGHUP) ends the preview
    and the MkDocs server it started: the port is free again, no process of it is left, and the
    site it built in the temporary folder (with the folder of the Swedish build beside it) is gone."""
    project = fixture_project(tmp_path / "project")
    os.symlink(sys.prefix, project / ".venv")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "build.py", "serve", "--address", f"127.0.0.1:{port}"],
                                   cwd=project, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/org/esimerkki/", lambda html: "Paras hyvinvointialue" in html, timeout=90)
        assert len(processes_in_session(process.pid)) >= 2  # build.py and its MkDocs server
        process.send_signal(getattr(signal, stop))  # to build.py alone: it must pass the stop on
        assert process.wait(timeout=60) == 0
        deadline = time.monotonic() + 30  # a bounded wait, not a timing assertion
        while (not port_is_free(port) or processes_in_session(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert port_is_free(port), f"port {port} still served after {stop}"
        assert processes_in_session(process.pid) == [], f"processes left after {stop}"
        said = log.read_text(encoding="utf-8")
        assert "The preview has stopped." in said
        site = Path(re.search(r"Building 'fi' documentation to directory: (\S+)", said).group(1))
        beside = re.search(r"Building 'sv' documentation to directory: (\S+)/sv\b", said)
        assert not site.exists(), f"{site} left after {stop}"
        assert beside is not None and not Path(beside.group(1)).exists(), f"the Swedish build's folder left after {stop}"
    finally:
        if process.poll() is None or processes_in_session(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_terminal_and_banner_say_the_same(preview) -> None:
    project, base = preview
    page = f"{base}/org/esimerkki/"
    wait_for(page, lambda html: "Paras hyvinvointialue" in html, timeout=60)
    data = project / "strategies" / "esimerkki.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("    vision:", "    visio:"), encoding="utf-8")
    wait_for(page, lambda html: "Strategiatiedostoissa on virheitä." in html)
    closing = "1 problem in 1 file; the preview shows the last working version."
    assert closing in fetch(page)
    log = (project.parent / "serve.log").read_text(encoding="utf-8")
    assert closing in log and "the site was not built" not in log


NAMES = {"fi": "Esimerkin hyvinvointialue", "sv": "Exempels välfärdsområde"}
SAVED = {"fi": "Tallennettu hyvinvointialue", "sv": "Sparat välfärdsområde"}
# pages that show the organisation's name, in both languages
SHOWING_THE_NAME = ["org/esimerkki", "index", "compare/values", "compare/visions", "coverage"]


def test_a_save_shows_in_both_languages_and_no_response_mixes_old_and_new(preview) -> None:
    """After one save that renames the organisation in both languages, every page shows the new
    name; until then the old one; no response ever holds both, and once any page has shown the
    new name no page shows the old one again (the preview rebuilds only some pages, and the
    server holds requests while it builds)."""
    project, base = preview
    pages = [(f"{base}/{address(page, lang)}" if page != "org/esimerkki" else
              f"{base}/{'sv/' if lang == 'sv' else ''}org/esimerkki/", lang)
             for page in SHOWING_THE_NAME for lang in ("fi", "sv")]
    wait_for(pages[0][0], lambda html: NAMES["fi"] in html, timeout=60)
    for url, lang in pages:
        assert NAMES[lang] in fetch(url), url
    data = project / "strategies" / "esimerkki.yaml"
    saved = data.read_text(encoding="utf-8")
    for lang in NAMES:
        saved = saved.replace(NAMES[lang], SAVED[lang])
    data.write_text(saved, encoding="utf-8")

    new_seen = False
    deadline = time.monotonic() + 60  # a bounded wait, not a timing assertion
    while time.monotonic() < deadline:
        fresh = []
        for url, lang in pages:
            html = fetch(url)
            old, new = NAMES[lang] in html, SAVED[lang] in html
            assert not (old and new), f"{url} mixes the old and the new name"
            assert old or new, f"{url} shows neither name"
            assert not (new_seen and old), f"{url} still shows the old name after another page showed the new one"
            new_seen = new_seen or new
            fresh.append(new)
        if all(fresh):
            break
    assert all(fresh), "not every page shows the saved name"


INCREMENTAL = """
import sys
from pathlib import Path
sys.path.insert(0, "hooks")
site, steps = sys.argv[1], sys.argv[2:]
sys.argv.append("--dirty")  # as `mkdocs serve --dirty` runs: static-i18n reads it from the command line
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir=site, strict=False)
config.plugins.on_startup(command="serve", dirty=True)
build(config, serve_url=config.site_url, dirty=True)
for step in steps:  # each: one or more `file|old|new` (or `file|new` to write it) joined by &&, then one build
    for edit in step.split("&&"):
        path, *change = edit.split("|")
        if len(change) == 1:
            Path(path).write_text(change[0], encoding="utf-8")
            continue
        text = Path(path).read_text(encoding="utf-8")
        assert change[0] in text, (path, change[0])
        Path(path).write_text(text.replace(change[0], change[1]), encoding="utf-8")
    config = load_config("mkdocs.yml", site_dir=site, strict=False)
    build(config, serve_url=config.site_url, dirty=True)
"""

CLEAN = """
import sys
sys.path.insert(0, "hooks")
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=False)
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url=config.site_url)
"""


def test_the_preview_builds_only_what_changed_and_the_result_is_a_clean_build(tmp_path: Path) -> None:
    """The preview's incremental builds (preview.IncrementalBuilds), after saves that change the
    data of some pages, a title in the navigation, the set of pages, and a file that breaks and is
    fixed again, leave the very bytes a clean build of the same files writes: every page in both
    languages, the search indexes and the sitemaps."""
    project = fixture_project(tmp_path / "project")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1796083200")
    data = "strategies/esimerkki.yaml"
    text = (project / data).read_text(encoding="utf-8")
    mallila, esimerkkila = "  - {fi: Mallila}\n", "  - {fi: Esimerkkilä, sv: Exempelby, sv_source: esim-sv}\n"
    other = (text.replace("slug: esimerkki", "slug: toinen").replace(NAMES["fi"], "Toisen hyvinvointialue")
             .replace(NAMES["sv"], "Andras välfärdsområde").replace(esimerkkila, "")
             .replace("municipalities: [Esimerkkilä]", "municipalities: [Mallila]"))
    steps = [f"{data}|{NAMES['fi']}|{SAVED['fi']}",  # the data of some pages, Finnish
             f"{data}|{NAMES['sv']}|{SAVED['sv']}",  # and Swedish
             "docs/tietoa.sv.md|title: Om webbplatsen|title: Om denna webbplats",  # a title in the navigation
             f"{data}|{mallila}|&&strategies/toinen.yaml|{other}",  # a new organisation: new pages
             f"{data}|    vision:|    visio:",  # a broken file: the banner on every page
             f"{data}|    visio:|    vision:",  # fixed again
             f"{data}|Paras hyvinvointialue|Paras tallennettu hyvinvointialue",  # the data once more
             ]
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"

    def run(script: str, *args: str) -> None:
        result = subprocess.run([sys.executable, "-c", script, *args], cwd=project, env=environment,
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-3000:]

    run(INCREMENTAL, str(incremental), *steps)
    assert (incremental / "org" / "toinen" / "index.html").exists()
    run(CLEAN, str(clean))
    assert SAVED["sv"] in (incremental / "sv" / "org" / "esimerkki" / "index.html").read_text(encoding="utf-8")
    assert "Paras tallennettu hyvinvointialue" in (incremental / "org" / "esimerkki" / "index.html").read_text(encoding="utf-8")
    assert tree(incremental) == tree(clean)
