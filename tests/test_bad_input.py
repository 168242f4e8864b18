"""Every broken or hostile file in tests/bad_input gives exactly the message beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden
from strategy_site.input.errors import StrategyDataError
from strategy_site.input.load import load_catalogue, load_file

CASES = Path(__file__).parent / "bad_input"


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("case", case_files(), ids=lambda p: p.stem)
def test_message(case: Path, monkeypatch) -> None:
    monkeypatch.chdir(CASES)  # messages name the file as an editor sees it: relative
    # the corpus folder stands in for strategies/: its other files' names are taken slugs
    org, problems = load_file(Path(case.name), frozenset(p.stem for p in case_files() if p != case))
    assert org is None, "a broken file must not produce an organisation"
    assert problems
    report = "\n".join(str(p) for p in problems) + "\n"
    check_golden(case.with_suffix(".expected"), report)


def test_corpus_is_large_enough() -> None:
    assert len(case_files()) >= 40


def test_every_expected_file_has_its_case() -> None:
    stems = {p.stem for p in case_files()}
    assert {p.stem for p in CASES.glob("*.expected")} <= stems


def test_all_problems_of_all_files_in_one_report(tmp_path: Path) -> None:
    for name in ("unknown-key", "impossible-date"):
        (tmp_path / f"{name}.yaml").write_bytes((CASES / f"{name}.yaml").read_bytes())
    with pytest.raises(StrategyDataError) as caught:
        load_catalogue(tmp_path)
    report = caught.value.report()
    assert "unknown field `visio`" in report
    assert "is not a date in the calendar" in report
    assert report.endswith("2 problems in 2 files; the site was not built.")


def test_alias_bomb_fails_fast() -> None:
    import time

    started = time.perf_counter()
    org, problems = load_file(CASES / "alias-bomb.yaml")
    assert org is None and "anchors and aliases" in problems[0].message
    assert time.perf_counter() - started < 1.0


def test_python_tag_constructs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (CASES / "python-tag.yaml").read_text().replace('echo hi', f'touch {marker}')
    (tmp_path / "python-tag.yaml").write_text(text)
    org, _problems = load_file(tmp_path / "python-tag.yaml")
    assert org is None and not marker.exists()
