"""The change log from git (history.py) and the pages that show it (changelog.py), on git
repositories made in tmp_path with real commits."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml

from strategy_site.input.history import read_history
from strategy_site.input.load import load_catalogue
from strategy_site.pages.render import Renderer
from strategy_site.pages.sections import change_pages


def org(**strategy_changes) -> dict:
    version = {"id": "2023-2025", "status": "approved", "period": {"start": 2023, "end": 2025},
               "approval": {"date": "2022-11-22", "body": {"fi": "aluevaltuusto"}},
               "values": [{"fi": "vastuullisuus"}, {"fi": "yhteistyö"}]}
    version.update(strategy_changes)
    return {"slug": "alfa", "kind": "welfare_area", "source": "src", "languages": ["fi"],
            "name": {"fi": "Alfan hyvinvointialue", "sv": "Alfa välfärdsområde"},
            "strategies": [version],
            "sources": [{"id": "src", "title": "Strategia", "publisher": "Alfa", "date": "2025-12-01",
                         "language": "fi", "url": "https://alfa.example.fi/strategia"}]}


class Repo:
    def __init__(self, root: Path):
        self.root = root
        self.strategies = root / "strategies"
        self.strategies.mkdir(parents=True)
        self.git("init", "-q")
        self.count = 0

    def git(self, *args: str) -> str:
        env = dict(os.environ, GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.fi", GIT_COMMITTER_NAME="T",
                   GIT_COMMITTER_EMAIL="t@example.fi")
        env.update({k: v for k, v in getattr(self, "_dates", {}).items()})
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True,
                              text=True).stdout

    def commit(self, files: dict[str, str | dict], when: str) -> str:
        for name, content in files.items():
            text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True,
                                                                              sort_keys=False)
            (self.strategies / name).write_text(text, encoding="utf-8")
        self._dates = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        self.git("add", "-A")
        self.git("commit", "-q", "-m", f"commit {self.count}")
        self.count += 1
        return self.git("rev-parse", "HEAD").strip()


ALFA_2 = org(values=[{"fi": "vastuullinen"}, {"fi": "luottamus"}],
             approval={"date": "2022-11-29", "body": {"fi": "aluevaltuusto"}})
ALFA_3 = {**ALFA_2, "strategies": [{"id": "2026-2029", "status": "approved", "period": {"start": 2026, "end": 2029}},
                                   *ALFA_2["strategies"]]}


def three_commits(tmp_path: Path) -> tuple[Repo, list[str]]:
    repo = Repo(tmp_path / "project")
    first = repo.commit({"alfa.yaml": org()}, "2026-01-10T09:00:00+02:00")
    second = repo.commit({"alfa.yaml": ALFA_2}, "2026-02-01T12:30:00+02:00")
    third = repo.commit({"alfa.yaml": ALFA_3}, "2026-03-05T16:45:00+02:00")
    return repo, [first, second, third]


def test_three_commits_give_three_entries_with_the_right_fields(tmp_path) -> None:
    repo, (first, second, third) = three_commits(tmp_path)
    history = read_history(repo.strategies)
    assert history.available
    alfa = history.of("alfa")
    assert [e.commit for e in alfa] == [third, second, first]  # newest first
    assert [e.time.isoformat() for e in alfa] == ["2026-03-05T16:45:00+02:00", "2026-02-01T12:30:00+02:00",
                                                  "2026-01-10T09:00:00+02:00"]
    assert [[(c.kind, c.field, c.version) for c in e.changes] for e in alfa] == [
        [("new_strategy", None, "2026–2029")],
        [("field", "approval_date", "2023–2025"), ("field", "values", "2023–2025")],
        [("added_org", None, None)],
    ]
    assert len(history.entries) == 3 and history.last("alfa").commit == third


def test_old_schema_broken_files_and_layout_changes_never_stop_the_log(tmp_path) -> None:
    repo = Repo(tmp_path / "project")
    repo.commit({"alfa.yaml": org()}, "2026-01-10T09:00:00+02:00")
    # a file an older schema wrote, then a version of it that does not parse at all
    old = repo.commit({"beta.yaml": "slug: beta\nnimi: Beta\nstrategies: 2020\n"}, "2026-01-11T09:00:00+02:00")
    repo.commit({"beta.yaml": "slug: [beta\n"}, "2026-01-12T09:00:00+02:00")
    fixed = repo.commit({"beta.yaml": "slug: beta\nnimi: Beeta\nstrategies: 2020\n"}, "2026-01-13T09:00:00+02:00")
    # only a comment and the layout: no change of facts, no entry
    text = yaml.safe_dump(org(), allow_unicode=True, sort_keys=False, indent=4)
    repo.commit({"alfa.yaml": "# Alfa\n" + text}, "2026-01-14T09:00:00+02:00")
    (repo.strategies / "beta.yaml").unlink()
    gone = repo.commit({}, "2026-01-15T09:00:00+02:00")
    history = read_history(repo.strategies)
    assert [(e.slug, e.commit, [(c.kind, c.field) for c in e.changes]) for e in history.entries] == [
        ("beta", gone, [("removed_org", None)]),
        ("beta", fixed, [("field", "other")]),  # compared with the last version that parsed
        ("beta", old, [("added_org", None)]),
        ("alfa", history.entries[-1].commit, [("added_org", None)]),
    ]


def test_the_change_page_and_the_organisation_page_show_the_entries(tmp_path) -> None:
    repo, commits = three_commits(tmp_path)
    renderer = Renderer(load_catalogue(repo.strategies), history=read_history(repo.strategies))
    page = change_pages(renderer)["muutokset.fi.md"]
    rows = re.findall(r'<tr id="change-(\w+)-(\w+)">.*?<time datetime="([\d-]+)">([^<]+)</time>.*?<th scope="row">'
                      r'(.*?)</th>.*?</span>([^<]*)</td>', page, re.S)
    assert [(c, slug, iso) for c, slug, iso, *_ in rows] == [
        (commits[2][:12], "alfa", "2026-03-05"), (commits[1][:12], "alfa", "2026-02-01"),
        (commits[0][:12], "alfa", "2026-01-10")]
    assert rows[0][3:] == ("5.3.2026", f'<a href="../org/alfa/#change-{commits[2][:12]}-alfa">Alfan hyvinvointialue</a>',
                           "uusi strategia 2026–2029")
    assert rows[1][5] == "hyväksymispäivä (2023–2025), arvot (2023–2025)"
    assert rows[2][3] == "10.1.2026" and rows[2][5] == "lisättiin sivustolle"
    sv = change_pages(renderer)["muutokset.sv.md"]
    assert "ny strategi 2026–2029" in sv and "datum för godkännande (2023–2025), värderingar (2023–2025)" in sv

    org_page = renderer.pages()["org/alfa.fi.md"]
    assert '<p class="ss-updated-link">Päivitetty 5.3.2026 – <a href="#updates">katso kaikki muutokset</a></p>' \
        in org_page
    updates = org_page.split('<h2 id="updates">')[1].split("</section>")[0]
    assert re.findall(r'<li id="change-\w+-alfa">', updates) == [
        f'<li id="change-{c[:12]}-alfa">' for c in reversed(commits)]
    assert 'href="atom.xml"' in updates and 'href="../../muutokset/"' in updates
    assert '  - href: "atom.xml"' in org_page.split("---")[1]  # the feed link in the front matter


def test_without_git_history_the_page_says_so(tmp_path) -> None:
    strategies = tmp_path / "tarball" / "strategies"
    strategies.mkdir(parents=True)
    (strategies / "alfa.yaml").write_text(yaml.safe_dump(org(), allow_unicode=True), encoding="utf-8")
    history = read_history(strategies)
    assert not history.available and history.entries == []
    renderer = Renderer(load_catalogue(strategies), history=history)
    assert "Tämä sivusto on rakennettu ilman tietojen versiohistoriaa" in change_pages(renderer)["muutokset.fi.md"]
    assert "Den här webbplatsen har byggts utan uppgifternas versionshistorik" in \
        change_pages(renderer)["muutokset.sv.md"]
    org_page = renderer.pages()["org/alfa.fi.md"]
    assert 'id="updates"' not in org_page and "ss-updated-link" not in org_page


def test_a_shallow_clone_does_not_claim_that_everything_was_added_at_its_first_commit(tmp_path) -> None:
    repo, commits = three_commits(tmp_path)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], check=True)
    history = read_history(clone / "strategies")
    assert [(e.commit, [c.kind for c in e.changes]) for e in history.entries] == [(commits[2], ["new_strategy"])]


def test_the_preview_reads_the_log_again_after_a_commit_not_after_a_save(tmp_path) -> None:
    """CommittedHistory keeps the change log and the commit dates until HEAD moves (or the clone's
    cut does): what it gives is always what read_history and git_dates give."""
    from strategy_site.input.history import CommittedHistory, git_dates

    repo = Repo(tmp_path / "project")
    repo.commit({"alfa.yaml": org()}, "2026-01-10T09:00:00+02:00")
    kept = CommittedHistory()
    files = [repo.strategies / "alfa.yaml"]
    history, dates = kept.read(repo.strategies, files)
    assert len(history.entries) == 1 and dates[files[0]].isoformat() == "2026-01-10"
    # a save without a commit: the same (uncommitted changes are in neither)
    (repo.strategies / "alfa.yaml").write_text(yaml.safe_dump(ALFA_2, allow_unicode=True), encoding="utf-8")
    assert kept.read(repo.strategies, files) == (history, dates) == (read_history(repo.strategies), git_dates(files))
    # the commit: read again
    repo.commit({"alfa.yaml": ALFA_2}, "2026-02-01T12:30:00+02:00")
    history, dates = kept.read(repo.strategies, files)
    assert len(history.entries) == 2 and dates[files[0]].isoformat() == "2026-02-01"
    assert (history, dates) == (read_history(repo.strategies), git_dates(files))
    # a new file, not yet committed, is asked about: no date for it
    files.append(repo.strategies / "beta.yaml")
    (repo.strategies / "beta.yaml").write_text("slug: beta\n", encoding="utf-8")
    assert kept.read(repo.strategies, files)[1] == git_dates(files) and len(git_dates(files)) == 1
    # a shallow clone deepened: HEAD stays, the history grows
    repo.commit({"alfa.yaml": ALFA_3}, "2026-03-05T16:45:00+02:00")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    in_clone = CommittedHistory()
    shallow = in_clone.read(clone / "strategies", [clone / "strategies" / "alfa.yaml"])[0]
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=clone, check=True)
    deeper = in_clone.read(clone / "strategies", [clone / "strategies" / "alfa.yaml"])[0]
    assert deeper == read_history(clone / "strategies") and len(deeper.entries) > len(shallow.entries)
