"""Editorial slips are warnings: located like errors, shown by check, the build and the preview, failing nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site, fixture_project
from strategy_site.cli import check
from strategy_site.input.errors import warnings_report
from strategy_site.input.load import load_file_with_warnings
from strategy_site.mkdocs.preview import with_warnings

TODAY = dt.date(2026, 12, 1)

BASE = """\
slug: lipsahdus
kind: welfare_area
source: uusi
name: {fi: Esimerkin hyvinvointialue, sv: Exempels välfärdsområde}
languages: [fi]
strategies:
  - id: "2026-2029"
    status: approved
    period: {start: 2026, end: 2029}
    title:
      fi: Strategia 2026–2029
      note:
        fi: Voimassaolokautta ei ole lähteissä.
    vision:
      fi: Paras hyvinvointialue
    milestones:
      - kind: council_decision
        date: 2025-12-09
        status: planned
        source: vanha
        fi: Aluevaltuusto päättää strategiasta
  - id: "2022"
    status: approved
    period: {start: 2023, end: 2026}
    vision:
      fi: Hyvä hyvinvointialue
sources:
  - id: vanha
    title: Strategia valmistuu
    publisher: Esimerkin hyvinvointialue
    date: 2025-06-01
    language: fi
    url: https://example.fi/valmistuu
  - id: uusi
    title: Strategia hyväksyttiin
    publisher: Esimerkin hyvinvointialue
    date: 2026-01-10
    language: fi
    url: https://example.fi/hyvaksyttiin
"""

# Each fix removes exactly one slip.
FIXED = {
    "two versions": ('  - id: "2022"\n    status: approved', '  - id: "2022"\n    status: superseded'),
    "stale note": ("        fi: Voimassaolokautta ei ole lähteissä.", "        fi: Nimi on lähteen otsikosta."),
    "passed plan": ("        status: planned\n        source: vanha", "        status: done\n        source: vanha"),
}
MESSAGES = {
    "two versions": "strategies[1].status: two versions are approved and in force in 2026: `2026-2029` "
                    "(strategies[0]) and `2022`",
    "stale note": "strategies[0].title.note: the note says that the sources do not give `period`, but `period` "
                  "is now given",
    "passed plan": "strategies[0].milestones[0].status: the milestone was planned for 2025-12-09 (source `vanha`, "
                   "2025-06-01); that date has passed and the strategy has a newer source `uusi` (2026-01-10)",
}


def warnings_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "lipsahdus.yaml"
    path.write_text(text, encoding="utf-8")
    org, problems, warnings = load_file_with_warnings(path, today=TODAY)
    assert org is not None and problems == [], problems  # a slip never makes the file invalid
    return [w.detail() for w in warnings]


def test_each_slip_is_a_located_warning(tmp_path: Path) -> None:
    found = warnings_of(tmp_path, BASE)
    assert sorted(line.split("\n")[0] for line in found) == sorted(f"warning: {m}" for m in MESSAGES.values())
    assert all("\n    hint: " in line for line in found)


@pytest.mark.parametrize("slip", FIXED)
def test_fixing_a_slip_removes_its_warning_only(tmp_path: Path, slip: str) -> None:
    old, new = FIXED[slip]
    assert old in BASE
    found = [line.split("\n")[0] for line in warnings_of(tmp_path, BASE.replace(old, new))]
    assert sorted(found) == sorted(f"warning: {m}" for name, m in MESSAGES.items() if name != slip)


def test_a_planned_date_still_ahead_is_no_slip(tmp_path: Path) -> None:
    found = warnings_of(tmp_path, BASE.replace("date: 2025-12-09", "date: 2027-01-15"))
    assert not any("planned" in line for line in found)


def test_a_note_about_something_more_specific_is_left_alone(tmp_path: Path) -> None:
    note = "        fi: Kaupunginhallituksen tiedotteen voimassaolokautta ei ole lähteissä."
    found = warnings_of(tmp_path, BASE.replace("        fi: Voimassaolokautta ei ole lähteissä.", note))
    assert not any("note" in line for line in found)


def test_check_shows_warnings_and_passes(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "strategies").mkdir()
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    (tmp_path / "strategies" / "lipsahdus.yaml").write_text(BASE, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())))
    monkeypatch.chdir(tmp_path)
    assert check(tmp_path) == 0
    captured = capsys.readouterr()
    assert "strategies/lipsahdus.yaml:23:5: warning: strategies[1].status: two versions" in captured.err
    assert "3 warnings: the files are valid, but check these places after an update." in captured.err
    assert "1 organisation file is valid." in captured.out


def test_the_build_shows_warnings_and_succeeds(tmp_path: Path) -> None:
    extra = tmp_path / "lipsahdus.yaml"
    extra.write_text(BASE, encoding="utf-8")
    project = fixture_project(tmp_path / "project", extra)
    result = build_site(project, tmp_path / "site", SOURCE_DATE_EPOCH="1796083200")  # 2026-12-01
    assert result.returncode == 0, result.stderr
    assert "warning: strategies[1].status: two versions are approved" in result.stderr
    assert (tmp_path / "site" / "org" / "lipsahdus" / "index.html").exists()


def test_the_preview_shows_warnings_on_the_page(tmp_path: Path) -> None:
    path = tmp_path / "lipsahdus.yaml"
    path.write_text(BASE, encoding="utf-8")
    _, _, warnings = load_file_with_warnings(path, today=TODAY)
    page = with_warnings("<html><body><main>sivu</main></body></html>", warnings, "sv")
    assert 'role="status"' in page and "Kontrollera de här punkterna." in page
    assert "two versions are approved and in force in 2026" in page
    assert page.index("Kontrollera") < page.index("<main>")
    assert warnings_report(warnings).endswith("3 warnings: the files are valid, but check these places after an update.")


def test_a_strategy_of_its_own_beside_the_versions_is_no_slip(tmp_path: Path) -> None:
    """A city strategy and a service strategy are both in force; they are not two versions of one."""
    found = warnings_of(tmp_path, BASE.replace('  - id: "2022"', "  - id: palvelustrategia-2022"))
    assert not any("two versions" in line for line in found)
