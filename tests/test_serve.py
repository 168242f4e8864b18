"""`build.py serve` as an editor uses it: save, see the page change, break a file, see why, fix it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import fixture_project
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
    and the MkDocs server it started: the port is free again and no process of it is left."""
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
        assert "The preview has stopped." in log.read_text(encoding="utf-8")
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
