"""What changed between strategy versions: the view (versions.py) and the section it draws on an
organisation page, from real files in tmp_path rendered by the real renderer."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from strategy_site.input.load import load_catalogue
from strategy_site.input.model import Text
from strategy_site.input.vocabulary import load_vocabulary
from strategy_site.pages.addresses import below_root
from strategy_site.pages.render import Renderer
from strategy_site.views.versions import (
    ADDED,
    DROPPED,
    INSERTED,
    KEPT,
    REMOVED,
    REWORDED,
    similar_wording,
    version_changes,
    word_diff,
)

ROOT = Path(__file__).resolve().parent.parent


def two_versions(directory: Path, old: dict, new: dict) -> Path:
    data = {
        "slug": "alfa", "kind": "welfare_area", "source": "src", "languages": ["fi"],
        "name": {"fi": "Alfan hyvinvointialue", "sv": "Alfa välfärdsområde"},
        "strategies": [{"id": "2026-2029", "status": "approved", **new},
                       {"id": "2023-2025", "status": "superseded", **old}],
        "sources": [{"id": "src", "title": "Strategia", "publisher": "Alfa", "date": "2025-12-01",
                     "language": "fi", "url": "https://alfa.example.fi/strategia"}],
    }
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "alfa.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory


OLD = {"period": {"start": 2023, "end": 2025}, "approval": {"date": "2022-11-22", "body": {"fi": "aluevaltuusto"}},
       "vision": {"fi": "Terve ja turvallinen Alfa, jossa on hyvä elää."},
       "values": [{"fi": "Vastuullisuus"}, {"fi": "Yhteistyö"}]}
NEW = {"period": {"start": 2026, "end": 2029},
       "vision": {"fi": "Terve ja hyvinvoiva Alfa, jossa on hyvä elää."},
       "values": [{"fi": "vastuullinen"}, {"fi": "Luottamus"}]}


def section(page: str) -> str:
    start = page.index('<section class="ss-changes"')
    return page[start:page.index("</section>", start)]


def test_a_reworded_a_dropped_and_an_added_value_give_exactly_those_three_lines(tmp_path) -> None:
    catalogue = load_catalogue(two_versions(tmp_path / "s", OLD, NEW))
    change = version_changes(catalogue.organisations[0], load_vocabulary())["2026-2029"]
    lines = [(line.kind, line.old and line.old.fi, line.new and line.new.fi) for line in change.values.lines]
    assert lines == [(REWORDED, "Vastuullisuus", "vastuullinen"), (ADDED, None, "Luottamus"),
                     (DROPPED, "Yhteistyö", None)]
    assert change.values.totals == {"kept": 1, "added": 1, "dropped": 1}

    for lang, kinds in (("fi", ["Säilyi eri sanoin:", "Uusi:", "Poistui:"]),
                        ("sv", ["Kvar med andra ord:", "Ny:", "Borttagen:"])):
        html = section(Renderer(catalogue).pages()[f"org/alfa.{lang}.md"])
        values = html[html.index('id="changes-2026-2029-values"'):]
        items = re.findall(r'<li class="ss-change ss-change--(\w+)"><span class="ss-change__kind">([^<]+)</span>',
                           values)
        assert items == list(zip(["reworded", "added", "dropped"], kinds, strict=False))


def test_the_vision_diff_marks_exactly_the_changed_words(tmp_path) -> None:
    old, new = word_diff(OLD["vision"]["fi"], NEW["vision"]["fi"])
    assert [p.text for p in old if p.kind == REMOVED] == ["turvallinen"]
    assert [p.text for p in new if p.kind == INSERTED] == ["hyvinvoiva"]
    assert "".join(p.text for p in old) == OLD["vision"]["fi"] and "".join(p.text for p in new) == NEW["vision"]["fi"]

    catalogue = load_catalogue(two_versions(tmp_path / "s", OLD, NEW))
    for lang, removed, added in (("fi", "poistettu: ", "lisätty: "), ("sv", "borttaget: ", "tillagt: ")):
        html = section(Renderer(catalogue).pages()[f"org/alfa.{lang}.md"])
        vision = html[html.index('id="changes-2026-2029-vision"'):html.index('id="changes-2026-2029-values"')]
        hidden = '<span class="ss-visually-hidden">{}</span>'
        dels = re.findall(r"<del>(.*?)</del>", vision)
        ins = re.findall(r"<ins>(.*?)</ins>", vision)
        assert [re.sub(r"<span[^>]*>[^<]*</span>", "", d) for d in dels] == ["turvallinen"]
        assert [re.sub(r"<span[^>]*>[^<]*</span>", "", i) for i in ins] == ["hyvinvoiva"]
        assert dels[0].startswith(hidden.format(removed)) and ins[0].startswith(hidden.format(added))


def test_a_field_only_one_version_states_is_not_in_the_sources_never_a_change(tmp_path) -> None:
    catalogue = load_catalogue(two_versions(tmp_path / "s", {**OLD, "mission": {"fi": "Hyvää elämää."}},
                                            {**NEW, "values": []}))
    change = version_changes(catalogue.organisations[0], load_vocabulary())["2026-2029"]
    facts = {f.field: f for f in change.facts}
    assert facts["period"].changed is True
    assert facts["approval_date"].changed is None and facts["approval_body"].changed is None
    assert change.mission.changed is None and not change.values.comparable and change.values.lines == []
    html = section(Renderer(catalogue).pages()["org/alfa.fi.md"])
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S)
    by_fact = {name: re.sub(r"<[^>]+>", "", cells) for name, cells in rows}
    assert "ei lähteissä" in by_fact["Hyväksymispäivä"] and "ei verrattavissa" in by_fact["Hyväksymispäivä"]
    assert "muuttui" in by_fact["Voimassaolokausi"]
    values = html[html.index('id="changes-2026-2029-values"'):html.index('id="changes-2026-2029-priorities"')]
    assert "ss-change--" not in values and "ei voi erottaa" in values
    assert "Vain toinen versio kertoo tämän" in html  # the mission
    assert "Sivuston tulkinta:" in html


def test_same_and_similar_wordings() -> None:
    assert similar_wording(Text(fi="Yhdenvertaisuus"), Text(fi="yhdenvertainen"))
    assert similar_wording(Text(fi="Avoimuus"), Text(fi="avoin"))
    assert not similar_wording(Text(fi="Yhteistyö"), Text(fi="Yhteisöllisyys"))
    assert not similar_wording(Text(fi="Rohkeus"), Text(sv="Mod"))  # no language in common


def test_every_organisation_with_two_versions_gets_a_section_after_each_newer_version() -> None:
    catalogue = load_catalogue(ROOT / "strategies")
    pages = Renderer(catalogue, languages=("fi",)).pages()
    vocabulary = load_vocabulary()
    with_two = [org for org in catalogue.organisations if len(org.strategies) >= 2]
    assert len(with_two) >= 10
    for org in catalogue.organisations:
        page = pages[f"org/{org.slug}.fi.md"]
        changes = version_changes(org, vocabulary)
        assert len(changes) == max(0, len(org.strategies) - 1), org.slug
        sections = re.findall(r'<section class="ss-changes" id="changes-([^"]+)"', page)
        assert sorted(sections) == sorted(changes), org.slug
        for new_id, change in changes.items():
            # right after the newer version's own section; the predecessor began before it
            after = page[page.index(f'<section class="ss-strategy" id="strategy-{new_id}"'):]
            assert after.index(f'<section class="ss-changes" id="changes-{new_id}"') == \
                after.index("</section>") + len("</section>\n")
            if change.old.period and change.new.period:
                assert change.old.period.start <= change.new.period.start, org.slug
    assert KEPT in {line.kind for org in with_two for c in version_changes(org, load_vocabulary()).values()
                    for line in c.values.lines}


def test_the_country_page_counts_each_pair_and_links_to_its_section(tmp_path) -> None:
    from strategy_site.pages.sections import compare_pages

    catalogue = load_catalogue(two_versions(tmp_path / "s", OLD, NEW))
    pages = compare_pages(Renderer(catalogue))
    for lang, counts, vision in (("fi", "säilyi 1, uusia 1, poistui 1", "muuttui"),
                                 ("sv", "kvar 1, nya 1, borttagna 1", "ändrades")):
        page = pages[f"compare/changes.{lang}.md"]
        row = page.split("<tbody>")[1].split("</tr>")[0]
        assert 'href="../../org/alfa/#changes-2026-2029"' in row and "2023–2025 → 2026–2029" in row
        assert row.count(counts) == 1 and vision in row
        # the vocabulary: cooperation lost, trust gained, responsibility kept
        shifts = page.split('id="cmp-changes-themes"')[1]
        values = below_root("compare/values", lang)  # vertailu/arvot/, jamforelser/varderingar/
        assert f'href="../../{values}#value-trust-openness"' in shifts
        assert f'href="../../{values}#value-cooperation"' in shifts
        assert 'value-responsibility"' not in shifts
        index = pages[f"compare/index.{lang}.md"]
        assert f'href="../{below_root("compare/changes", lang)}"' in index  # the overview is one folder down


def test_every_label_of_change_over_time_is_in_both_languages_and_used() -> None:
    package = ROOT / "hooks" / "strategy_site"
    own = yaml.safe_load((package / "input" / "labels-changes.yaml").read_text(encoding="utf-8"))
    code = "".join(p.read_text(encoding="utf-8") for p in [*package.rglob("*.py"), *package.rglob("templates/*.j2")])
    for key, value in own.items():
        assert set(value) == {"fi", "sv"} and all(value.values()), key
        # used whole, or built: from a prefix and a name ("vc_kind_" ~ line.kind, f"ch_{change.kind}"),
        # a comparison page's title, short name and description, or a singular (_one)
        built = [("vc_kind_", '"vc_kind_'), ("vc_fact_", '"vc_fact_'), ("ch_field_", '"ch_field_'),
                 ("cmp_changes_themes_caption_", '"cmp_changes_themes_caption_'), ("ch_", 'f"ch_{change.kind}"'),
                 ("cmp_changes_", '"cmp_" ~ key ~')]
        assert key.removesuffix("_one") in code or any(key.startswith(prefix) and how in code
                                                       for prefix, how in built), key
