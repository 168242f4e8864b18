"""No personal data or traces of the machine in what is published: the built site (every text
file: pages, search indexes, sitemap, scripts, styles) and its open data (JSON, CSV, the
schema) are scanned for e-mail addresses, phone numbers, Finnish personal identity codes and
local file paths. tests/test_data.py checks the YAML itself; this checks what the build made
of it and of everything else (templates, theme, hooks)."""

from __future__ import annotations

import pytest

from gate.report import listing, record
from leaks import find_leaks, scan_tree

# What the theme ships in its own files (assets/): its authors' addresses in licence headers and
# source maps, and code that mentions file:// and C:\ (a regular expression of a word splitter).
# Anywhere else, or any other finding in assets/, fails.
THEME = {
    ("e-mail address", "martin.donath@squidfunk.com"),  # Material for MkDocs' copyright line
    ("e-mail address", "taku@chasen.org"),  # lunr's Japanese segmenter (TinySegmenter) licence
    ("local file path", "file://`,"),  # the bundle's source map: code that checks location.protocol
    ("local file path", "file://`\\n"),
    ("local file path", "c:\\)"),  # lunr's Thai word splitter: a character class in a regular expression
}


def test_the_built_site_and_its_open_data_hold_no_personal_data_or_local_paths(site):
    scanned, leaks = scan_tree(site.dir)
    own = [leak for leak in leaks if not (leak.file.startswith("assets/") and (leak.kind, leak.text) in THEME)]
    data_files = [p for p in (site.dir / "data").rglob("*") if p.is_file()]
    record("leak scan", scanned, len(own), "text files (e-mail, phone, hetu, local paths)")
    assert scanned > 100 and len(data_files) > 10, (scanned, len(data_files))
    assert not own, "found in the built site:\n" + listing(own)


@pytest.mark.parametrize("text, kind", [
    ("Ota yhteyttä: etunimi.sukunimi@hyvinvointialue.fi", "e-mail address"),
    ("puh. 040 123 4567", "phone number"),
    ("tel. +358 40 1234567", "phone number"),
    ("vaihde (09) 310 1691", "phone number"),
    ("vaihde 09-310 1691", "phone number"),
    ("+358401234567", "phone number"),
    ("hetu 131052-308T", "personal identity code"),
    ("född 010594Y9032", "personal identity code"),
    ("built in /work/wt/defence/docs/org/x.md", "local file path"),
    ("see /home/editor/strategiat/kainuu.yaml", "local file path"),
    ("/root/.cache/x", "local file path"),
    ("/tmp/pytest-of-root/site", "local file path"),
    ("C:\\Users\\toimittaja\\strategiat", "local file path"),
    ("file:///work/main/site/index.html", "local file path"),
])
def test_the_scan_finds_each_kind(text, kind):
    assert [leak.kind for leak in find_leaks(f"<p>{text}</p>", "seeded.html")] == [kind]


@pytest.mark.parametrize("text", [
    "Strategia 2023–2025, hyväksytty 13.6.2022", "2022-06-13", "viewBox=\"0 0 876 520\"", "color: #00000012",
    "131052-308X",  # the control character does not match: not an identity code
    "https://www.example.fi/tmp/x", "osuus 87 %", "aluevaltuusto 14.11.2022 § 85", "ISBN 978-952-343-937-6",
    "/org/kainuu/", "/sv/tmp-sida/",
])
def test_the_scan_leaves_ordinary_text_alone(text):
    assert find_leaks(f"<p>{text}</p>", "ordinary.html") == []
