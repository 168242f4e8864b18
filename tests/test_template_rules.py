"""Templates draw what Python decided: they build no link and no mapping, and do no index arithmetic
and no arithmetic on the positions they draw (views compute every coordinate).

Links come from pages/links.py, source numbers and look-ups by id from views/queries.py (README,
Architecture). These checks read the templates as text, so they run in the quick loop.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "hooks" / "strategy_site" / "pages" / "templates"
HREF = re.compile(r'\b(?:href|src)="((?:\{\{.*?\}\}|[^"{])*)"')  # an expression may hold quotes
ONE_EXPRESSION = re.compile(r"\{\{[^{}]*\}\}")
# building a mapping in a template ({% set _ = numbers.update(...) %}) or counting positions in one
MAPPING = re.compile(r"\.update\(")
INDEX_ARITHMETIC = re.compile(r"\]\s*[-+]\s*\d|\[[^\]]*[-+]\s*\d+\s*\]")
# a value added to, taken from, multiplied or divided by another inside {{ ... }}: "{{ m.y - 7 }}"
ARITHMETIC = re.compile(r"[\w)\]]\s*[-+*/%]\s*[\w(.]")
EXPRESSION = re.compile(r"\{\{.*?\}\}")
STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
# a number added to, taken from, multiplied or divided by something inside {{ ... }}: "{{ m.y - 7 }}"
ARITHMETIC = re.compile(r"\{\{[^{}]*?(?:[\w)\]]\s*[-+*/%]\s*[\w(.]|[-+*/%]\s*\d)[^{}]*\}\}")


def built_links(source: str) -> list[str]:
    """href and src values that put words of a URL around an expression ("../org/{{ slug }}/")."""
    return [value for value in HREF.findall(source)
            if "{{" in value and not value.startswith("#") and not ONE_EXPRESSION.fullmatch(value)]


def templates() -> dict[str, str]:
    found = {path.name: path.read_text(encoding="utf-8") for path in sorted(TEMPLATES.glob("*.html.j2"))}
    assert len(found) > 10  # the folder is the one the renderer reads
    return found


def test_templates_build_no_links() -> None:
    assert {name: links for name, source in templates().items() if (links := built_links(source))} == {}


def test_a_link_built_in_a_template_is_found() -> None:
    assert built_links('<a href="../org/{{ e.org.slug }}/">') == ["../org/{{ e.org.slug }}/"]
    assert built_links('<a href="{{ to_root }}{{ page_url(name) }}">') == ["{{ to_root }}{{ page_url(name) }}"]
    assert built_links('<a href="{{ org_url(org.slug) }}"><a href="#source-{{ id }}">') == []
    assert built_links('<a href="{{ comparison_url("values", "cmp-method") }}">') == []


def test_templates_build_no_mapping_and_do_no_index_arithmetic() -> None:
    found = {name: MAPPING.findall(source) + INDEX_ARITHMETIC.findall(source) for name, source in templates().items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_index_arithmetic_in_a_template_is_found() -> None:
    seeded = ("{% for s in org.sources %}{% set _ = numbers.update({s.id: loop.index}) %}{% endfor %}"
              "{% set src = org.sources[numbers[s.status_source] - 1] %}")
    assert MAPPING.findall(seeded) == [".update("]
    assert INDEX_ARITHMETIC.findall(seeded) == ["] - 1"]


def arithmetic(source: str) -> list[str]:
    """Expressions that compute, leaving out the strings they pass ("{{ label('a-b') }}" computes nothing)."""
    return [e for e in EXPRESSION.findall(source) if ARITHMETIC.search(STRING.sub('""', e))]


def test_templates_do_no_arithmetic_on_what_they_draw() -> None:
    assert {name: hits for name, source in templates().items() if (hits := arithmetic(source))} == {}


def test_arithmetic_in_a_template_is_found() -> None:
    assert arithmetic('<path d="M{{ m.x }} {{ m.y - 7 }}L{{ m.x + 7 }} {{ m.y }}"/>') == ["{{ m.y - 7 }}", "{{ m.x + 7 }}"]
    assert arithmetic('<text x="{{ t.plot_x0 + 4 }}" y="{{ v.y*2 }}">') == ["{{ t.plot_x0 + 4 }}", "{{ v.y*2 }}"]
    assert arithmetic('{{ label("cmp_tl_bar_" ~ status) }} {{ label("a-b") }} {{ t.lanes | length }} {{ v.x }}') == []
