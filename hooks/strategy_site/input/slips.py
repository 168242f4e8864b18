"""Editorial slips: things in a valid file that are probably out of date, reported as warnings.

None of these is an error (the file is valid and the site is built), but each is a question
an editor should answer after an update:

- two versions of one organisation's strategy are `approved` and in force on the build date
  (versions: ids that differ only in their years, such as "2022" and "2026-2029");
- a note still says that a fact is not in the sources, while the file now gives it;
- a milestone was `planned` for a date that has passed, and the file has a newer source.

Each slip is (path, message, hint), located in the file like an error.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from .model import Fact, Organisation, Strategy


def slips(org: Organisation, today: dt.date) -> list[tuple[tuple, str, str]]:
    found: list[tuple[tuple, str, str]] = []
    found += _two_in_force(org, today)
    sources = {source.id: source for source in org.sources}
    for i, strategy in enumerate(org.strategies):
        found += _stale_notes(strategy, ("strategies", i))
        found += _passed_plans(strategy, ("strategies", i), sources, today)
    return found


def _in_force(strategy: Strategy, today: dt.date) -> bool:
    if strategy.status != "approved":
        return False
    period = strategy.period
    if period is None:  # an approved strategy without a period counts as in force
        return True
    return period.start <= today.year and (period.end is None or today.year <= period.end)


def _two_in_force(org: Organisation, today: dt.date) -> list[tuple[tuple, str, str]]:
    # Versions of one strategy have ids that are their periods ("2022", "2026-2029"); a strategy
    # of its own beside them has a name in its id ("palvelustrategia-2026-2029"): a series apart.
    by_owner: dict[tuple[str | None, str], list[int]] = {}
    for i, strategy in enumerate(org.strategies):
        if _in_force(strategy, today):
            series = re.sub(r"[\d-]+", " ", strategy.id).strip()
            by_owner.setdefault((strategy.organisation, series), []).append(i)
    found = []
    for indexes in by_owner.values():
        first = indexes[0]
        for later in indexes[1:]:
            found.append((("strategies", later, "status"),
                          f"two versions are approved and in force in {today.year}: "
                          f"`{org.strategies[first].id}` (strategies[{first}]) and `{org.strategies[later].id}`",
                          "if the newer version replaces the older one, give the older one `status: superseded` "
                          "and the source that says so in `status_source:`; check both periods"))
    return found


# A clause of a note that says something is missing from the sources: either the phrase comes
# first ("Lähteissä ei ole voimassaolokautta") or after at most two words ("Neuvottelutuloksen
# päivää ei ole lähteissä"); a longer subject ("kaupunginhallituksen tiedotteen päivää") names
# something more specific than a field, and is left alone.
_MISSING_AFTER = re.compile(r"^(?P<subject>(\S+\s+){1,2}?)(ei ole (lueteltu |mainittu |kerrottu )?lähteissä|"
                            r"puuttuu|finns (ännu )?inte i källorna|saknas)\b", re.IGNORECASE)
_MISSING_FIRST = re.compile(r"^(lähteissä ei ole|lähteet eivät kerro|källorna anger inte|i källorna finns inte)\b"
                            r"(?P<subject>.*)$", re.IGNORECASE)
# The words that name a field of the strategy ...
_STRATEGY_WORDS = [
    (r"voimassaolo|giltighets", "period"),
    (r"hyväksymis|godkännande", "approval"),
    (r"\bmissio|perustehtäv|\buppdrag", "mission"),
    (r"\bvisio", "vision"),
    (r"\barvo(t|ja|jen)\b|\bvärderingar", "values"),
    (r"painopist|prioritering", "priorities"),
    (r"menestystekij|framgångsfaktor", "success_factors"),
]
# ... or of the fact the note belongs to.
_OWN_WORDS = [(r"päivä|ajankoh|\bdatum|tidpunkt", "date"), (r"osallistuj|deltagar", "participants")]


def _noted_facts(strategy: Strategy, path: tuple):
    """(path, field name, fact) for every fact of the strategy that carries a note."""
    for name in type(strategy).model_fields:
        value = getattr(strategy, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, Fact) and item.note is not None:
                yield (path + (name,) + ((index,) if index is not None else ())), name, item


def _missing_subjects(note: str) -> list[str]:
    """What each clause of the note says is not in the sources."""
    found = []
    for clause in re.split(r"[.;:]\s*", note):
        clause = clause.strip()
        match = _MISSING_AFTER.match(clause) or _MISSING_FIRST.match(clause)
        if match:
            found.append(match["subject"])
    return found


def _stale_notes(strategy: Strategy, path: tuple) -> list[tuple[tuple, str, str]]:
    found = []
    for where, field, fact in _noted_facts(strategy, path):
        subjects = _missing_subjects(fact.note.fi or fact.note.sv)
        if not subjects:
            continue
        said = " ".join(subjects)
        given = [name for pattern, name in _STRATEGY_WORDS
                 if name != field and re.search(pattern, said, re.IGNORECASE) and getattr(strategy, name)]
        given += [name for pattern, name in _OWN_WORDS
                  if name in type(fact).model_fields and re.search(pattern, said, re.IGNORECASE)
                  and getattr(fact, name) is not None]
        for name in given:
            found.append((where + ("note",), f"the note says that the sources do not give `{name}`, "
                          f"but `{name}` is now given",
                          "update the note to what the sources say now, or remove it"))
    return found


def _used_sources(obj) -> set[str]:
    """The ids of the sources the strategy (or any part of it) names."""
    used = set()
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name.endswith("source") and isinstance(value, str):
            used.add(value)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                used |= _used_sources(item)
    return used


def _passed_plans(strategy: Strategy, path: tuple, sources: dict, today: dt.date) -> list[tuple[tuple, str, str]]:
    found = []
    for i, milestone in enumerate(strategy.milestones):
        if milestone.status != "planned" or milestone.date is None or milestone.date.last_day() >= today:
            continue
        said = sources.get(milestone.source)
        if said is None or said.date is None:
            continue
        newer = [s for s in (sources[i] for i in _used_sources(strategy) if i in sources)
                 if s.date is not None and s.date.first_day() > said.date.last_day()]
        if not newer:
            continue
        latest = max(newer, key=lambda s: s.date.first_day())
        found.append((path + ("milestones", i, "status"),
                      f"the milestone was planned for {milestone.date} (source `{said.id}`, {said.date}); "
                      f"that date has passed and the strategy has a newer source `{latest.id}` ({latest.date})",
                      "if a newer source says what happened, update `status:` and `date:` and give that "
                      "`source:`; if no source says, leave it as it is"))
    return found

