"""Real builds in a temporary copy of the project: strict MkDocs, both languages, atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_STRATEGIES, fixture_project, tree
from strategy_site.cli import build

pytestmark = pytest.mark.slow  # every test here builds a site or starts a server


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project's code, theme and hand-written pages, with the fixture strategies."""
    return fixture_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    assert build(project, project / "site") == 0
    return project / "site"


def test_both_languages_are_built(built: Path) -> None:
    fi = (built / "org" / "esimerkki" / "index.html").read_text(encoding="utf-8")
    sv = (built / "sv" / "org" / "esimerkki" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fi"' in fi and "Esimerkin hyvinvointialue" in fi
    assert '<html lang="sv"' in sv and "Exempels välfärdsområde" in sv
    assert (built / "index.html").exists() and (built / "sv" / "index.html").exists()


def test_language_switcher_pairs_the_same_page(built: Path) -> None:
    sv = (built / "sv" / "org" / "esimerkki" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="fi" href="http://127.0.0.1:8000/org/esimerkki/"' in sv
    assert 'hreflang="x-default" href="http://127.0.0.1:8000/org/esimerkki/"' in sv


def test_failed_build_leaves_the_previous_site_untouched(project: Path, built: Path, capsys) -> None:
    before = tree(built)
    broken = project / "strategies" / "rikki.yaml"
    broken.write_text("slug: rikki\nkind: [\n", encoding="utf-8")
    try:
        assert build(project, project / "site") == 1
    finally:
        broken.unlink()
    assert tree(built) == before
    assert "rikki.yaml:3:1: YAML syntax error" in capsys.readouterr().err


def test_no_third_party_font_or_script(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_generating_again_without_changes_writes_nothing(tmp_path: Path) -> None:
    """Unchanged files keep their modification times, so `serve` rebuilds only on real changes
    (the CSV files' CRLF line ends once made every CSV file look changed on every run)."""
    from strategy_site.mkdocs.generate import generate

    _, first = generate(FIXTURE_STRATEGIES, tmp_path)
    assert "data/strategiat.csv" in first and any(p.startswith("org/") for p in first)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    _, second = generate(FIXTURE_STRATEGIES, tmp_path)
    assert second == []
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == stamps


def test_an_organisation_removed_takes_its_pages_and_data_with_it(tmp_path: Path) -> None:
    """Generation removes what it wrote for a strategy file that is gone (recognised by the mark
    at the top of a page, and by the data folder), and never a hand-written page."""
    import shutil

    from strategy_site.mkdocs.generate import generate

    strategies = tmp_path / "strategies"
    shutil.copytree(FIXTURE_STRATEGIES, strategies)
    second = (FIXTURE_STRATEGIES / "esimerkki.yaml").read_text(encoding="utf-8").replace("slug: esimerkki", "slug: toinen")
    (strategies / "toinen.yaml").write_text(second, encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "org").mkdir(parents=True)
    hand_written = docs / "org" / "ohje.fi.md"  # a page of its own in the same folder, with a long non-ASCII opening
    hand_written.write_text("# Ohje\n\n" + "ä" * 3000 + "\n", encoding="utf-8")
    _, first = generate(strategies, docs)
    mine = [path for path in first if "toinen" in path]
    assert any(path.startswith("org/") for path in mine) and any(path.startswith("data/") for path in mine)
    (strategies / "toinen.yaml").unlink()
    _, changed = generate(strategies, docs)
    assert sorted(path for path in changed if "toinen" in path) == sorted(mine)
    assert not [path for path in docs.rglob("*") if "toinen" in path.name and path.is_file()]
    assert hand_written.exists() and (docs / "org" / "esimerkki.fi.md").exists()


def _two_organisations(folder: Path) -> Path:
    """A project folder (a git repository) with the fixture and a second organisation."""
    import shutil

    strategies = folder / "strategies"
    shutil.copytree(FIXTURE_STRATEGIES, strategies)
    second = (FIXTURE_STRATEGIES / "esimerkki.yaml").read_text(encoding="utf-8").replace("slug: esimerkki", "slug: toinen")
    (strategies / "toinen.yaml").write_text(second.replace("Esimerkin hyvinvointialue", "Toisen hyvinvointialue"),
                                            encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "first")
    return strategies


def _git(folder: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=folder, check=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_preview_draws_again_all_that_a_change_touches(tmp_path: Path, monkeypatch) -> None:
    """What the preview keeps between saves (generate(keep=True): each organisation's page and open
    data) gives, after every kind of change, the very files a generation that keeps nothing writes:
    one organisation's data, another's, a commit (the change log and the dates of the files), the
    build date (every strategy's state), an organisation added and removed."""
    from strategy_site.mkdocs.generate import generate

    strategies = _two_organisations(tmp_path / "project")
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    esimerkki, toinen = strategies / "esimerkki.yaml", strategies / "toinen.yaml"
    steps = [
        lambda: None,
        lambda: _edit(esimerkki, "Esimerkin hyvinvointialue", "Tallennettu hyvinvointialue"),
        lambda: _edit(toinen, "Toisen hyvinvointialue", "Toisen tallennettu hyvinvointialue"),
        lambda: (_git(strategies.parent, "commit", "-q", "-a", "-m", "names"), None)[1],
        lambda: monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000"),  # 2030-01-01: the periods have ended
        lambda: (strategies / "kolmas.yaml").write_text(
            esimerkki.read_text(encoding="utf-8").replace("slug: esimerkki", "slug: kolmas"), encoding="utf-8"),
        lambda: (strategies / "kolmas.yaml").unlink(),
    ]
    for number, step in enumerate(steps):
        step()
        generate(strategies, kept, keep=True)
        generate(strategies, fresh)
        assert tree(kept) == tree(fresh), f"step {number}"
    page = (kept / "org" / "toinen.fi.md").read_text(encoding="utf-8")
    assert "Toisen tallennettu hyvinvointialue" in page


def test_the_preview_draws_again_only_the_organisation_saved(tmp_path: Path, monkeypatch) -> None:
    """After a save of one organisation's file, its pages and open data are drawn again; the
    other organisation's are kept (in one process, where the drawing can be counted)."""
    from strategy_site.mkdocs import generate as generation
    from strategy_site.pages import export, render, sections

    monkeypatch.setenv("STRATEGY_SITE_PARALLEL", "0")
    strategies = _two_organisations(tmp_path / "project")
    drawn: list[str] = []
    draw_page, draw_rows = sections._organisation_page, export._rows
    def counted_page(renderer, org, lang, *rest):
        drawn.append(f"{org.slug}.{lang}")
        return draw_page(renderer, org, lang, *rest)

    monkeypatch.setattr(sections, "_organisation_page", counted_page)
    monkeypatch.setattr(export, "_rows", lambda org, today: drawn.append(f"{org.slug}.csv") or draw_rows(org, today))
    # everything drawn from one organisation's model: its pages and data, its card on the home
    # page, and on the comparison pages its wordings, its side-by-side card and its participation
    from_one: list[tuple[str, str]] = []
    keep_or_draw = render.of_organisation

    def counted_drawing(kept, catalogue, org, what, draw):
        return keep_or_draw(kept, catalogue, org, what, lambda: from_one.append((org.slug, str(what[0]))) or draw())

    monkeypatch.setattr(render, "of_organisation", counted_drawing)
    generation.generate(strategies, tmp_path / "docs", keep=True)
    assert sorted(drawn) == ["esimerkki.csv", "esimerkki.fi", "esimerkki.sv", "toinen.csv", "toinen.fi", "toinen.sv"]
    first = {what for slug, what in from_one if slug == "toinen"}
    assert {"side_by_side_card", "participation_details", "member_wordings", "home_card"} <= first
    drawn.clear()
    from_one.clear()
    _edit(strategies / "toinen.yaml", "Toisen hyvinvointialue", "Toisen tallennettu hyvinvointialue")
    generation.generate(strategies, tmp_path / "docs", keep=True)
    assert sorted(drawn) == ["toinen.csv", "toinen.fi", "toinen.sv"]
    assert {slug for slug, what in from_one} == {"toinen"}
    assert {what for slug, what in from_one} == first
