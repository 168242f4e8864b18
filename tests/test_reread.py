"""The preview loads the catalogue again after every save: a file whose bytes did not change is
not read again (load.py keeps its validated model), one that changed is, and its problems are
reported as on the first reading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from strategy_site.input.errors import StrategyDataError
from strategy_site.input.load import load_catalogue


def two_files(tmp_path: Path) -> Path:
    folder = tmp_path / "strategies"
    shutil.copytree(ROOT / "tests" / "fixtures" / "strategies", folder)
    text = (folder / "esimerkki.yaml").read_text(encoding="utf-8")
    (folder / "toinen.yaml").write_text(text.replace("slug: esimerkki", "slug: toinen"), encoding="utf-8")
    return folder


def test_only_the_saved_file_is_read_again_and_its_problems_stay_the_same(tmp_path: Path) -> None:
    folder = two_files(tmp_path)
    first = load_catalogue(folder)
    saved, kept = first.by_slug("esimerkki"), first.by_slug("toinen")
    path = first.files["esimerkki"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("slug: esimerkki", "slug: esimerkki\n# saved"), encoding="utf-8")

    second = load_catalogue(folder)
    assert second.by_slug("esimerkki") is not saved  # read again
    assert second.by_slug("esimerkki") == saved  # and the same data
    assert second.by_slug("toinen") is kept  # not read again

    path.write_text(text.replace("slug:", "slugg:", 1), encoding="utf-8")
    with pytest.raises(StrategyDataError) as broken:
        load_catalogue(folder)
    with pytest.raises(StrategyDataError) as again:
        load_catalogue(folder)
    assert broken.value.report() == again.value.report()
    assert "slugg" in broken.value.report()

    path.write_text(text, encoding="utf-8")
    assert load_catalogue(folder).by_slug("esimerkki") == saved


def test_a_new_file_has_every_file_read_again(tmp_path: Path) -> None:
    """The other files' slugs are part of what a file is read under (resolve.py checks references
    to them), so a new or removed file has every file read again."""
    folder = two_files(tmp_path)
    first = load_catalogue(folder)
    (folder / "kolmas.yaml").write_text((folder / "toinen.yaml").read_text(encoding="utf-8")
                                        .replace("slug: toinen", "slug: kolmas"), encoding="utf-8")
    second = load_catalogue(folder)
    assert all(second.by_slug(org.slug) is not org for org in first.organisations)
    assert all(second.by_slug(org.slug) == org for org in first.organisations)
