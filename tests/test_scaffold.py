"""`build.py new`: every value an editor must choose fails the check until it is chosen."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT
from strategy_site.cli import check, new_file
from strategy_site.input.load import load_file
from strategy_site.input.model import Milestone, Organisation, Participation, allowed_values

# A chosen value for each field the scaffold leaves open (by the key on the line).
CHOSEN = {"kind": None, "languages": "[fi, sv]", "website": "https://example.fi/", "id": '"2026-2029"',
          "status": None, "period": "{start: 2026, end: 2029}", "date": "2025-12-09", "open_until": "2025-10-31",
          "participants": "{value: 100, qualifier: about}", "language": "fi", "url": "https://example.fi/strategia",
          "body": "{fi: aluevaltuusto, sv: välfärdsområdesfullmäktige}", "description": "{fi: Kuvaus, sv: Beskrivning}",
          "municipalities": "[Esimerkkilä]"}
KINDS = {0: "welfare_area", "milestones": "council_decision", "participation": "survey"}
STATUSES = {0: "approved", "milestones": "done"}
LINE = re.compile(r"^(?P<lead>\s*(- )?)(?P<key>[a-z_]+): (?P<value>.*?TÄYTÄ.*?)(?P<comment>\s+#.*)?$")


def scaffold(tmp_path: Path) -> Path:
    (tmp_path / "strategies").mkdir()
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    assert new_file(tmp_path, "uusi-alue") == 0
    return tmp_path / "strategies" / "uusi-alue.yaml"


def filled(text: str) -> str:
    """The scaffold with every TÄYTÄ replaced by a valid choice."""
    out, section = [], 0
    for line in text.splitlines():
        if line.strip() in ("milestones:", "participation:"):
            section = line.strip().rstrip(":")
        match = LINE.match(line)
        if match:
            key = match["key"]
            value = {"kind": KINDS.get(section if match["lead"].strip() == "-" else 0),
                     "status": STATUSES.get(section if section == "milestones" else 0)}.get(key) or CHOSEN.get(key)
            line = f"{match['lead']}{key}: {value or 'Teksti lähteestä'}{match['comment'] or ''}"
        out.append(line)
    return "\n".join(out) + "\n"


def test_every_placeholder_line_fails_the_check(tmp_path: Path) -> None:
    path = scaffold(tmp_path)
    text = path.read_text(encoding="utf-8")
    org, problems = load_file(path)
    assert org is None
    lines_with_placeholder = {i for i, line in enumerate(text.splitlines(), 1)
                              if "TÄYTÄ" in line.split("#")[0]}
    assert lines_with_placeholder == {p.location.line for p in problems}


def test_nothing_is_prefilled_that_could_be_published_unchosen(tmp_path: Path) -> None:
    """Once every TÄYTÄ is chosen, the file is valid: so every other value is structure, not a choice."""
    path = scaffold(tmp_path)
    text = path.read_text(encoding="utf-8")
    values = "\n".join(line.split("#")[0] for line in text.splitlines())  # the comments list the choices
    for prefilled in ("body: {fi: aluevaltuusto", "status: done", "kind: council_decision", "kind: survey",
                      "qualifier: about", "languages: [fi]", "language: fi"):
        assert prefilled not in values, prefilled
    path.write_text(filled(text), encoding="utf-8")
    org, problems = load_file(path)
    assert problems == [] and org is not None


def test_the_scaffold_lists_the_allowed_kinds_and_has_swedish_lines(tmp_path: Path) -> None:
    text = scaffold(tmp_path).read_text(encoding="utf-8")
    for model, field in ((Organisation, "kind"), (Milestone, "kind"), (Milestone, "status"),
                         (Participation, "kind")):
        assert " | ".join(allowed_values(model, field)) in text, (model.__name__, field)
    fi_lines = len(re.findall(r"^\s*(- )?fi: TÄYTÄ", text, re.M)) + text.count("{fi: TÄYTÄ")
    sv_lines = len(re.findall(r"^\s*sv: TÄYTÄ", text, re.M)) + text.count("sv: TÄYTÄ}")
    assert fi_lines == sv_lines > 5


def test_the_strategy_id_hint_shows_a_strategy_id(tmp_path: Path, capsys) -> None:
    scaffold(tmp_path)
    assert check(tmp_path) == 1
    err = capsys.readouterr().err
    assert 'strategies[0].id: `TÄYTÄ` is not in the right form\n    hint: use lowercase letters a-z, digits and ' \
           'hyphens, e.g. `id: "2026-2029"` (in quotes)' in err
    assert err.rstrip().endswith("problems in 1 file; fix them and run the check again.")
