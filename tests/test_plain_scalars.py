"""Property: a text written without quotes either comes back exactly or gets a message; never a shorter text.

YAML reads many characters in an unquoted ("plain") text as syntax: ` #` starts a comment, a
leading `"`, `'`, `[`, `{`, `- `, `*`, `&`, `!`, `|`, `>`, `%`, `@` or `` ` `` starts something else,
`yes`/`no`/`on`/`off`, numbers and dates become other kinds of values. Hypothesis writes texts
made of those pieces into a strategy file as `fi: <text>`; the loader must then either give
exactly that text (as check_text cleans it: NFC) or refuse the file with a located message.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy_site.input.load import load_file

TEMPLATE = (Path(__file__).parent / "bad_input" / "at-sign.yaml").read_text(encoding="utf-8").splitlines()
VISION_LINE = 14  # `      fi: @hyvinvointialue paras` in the template

PIECES = ["#", " #", "# ", '"', "'", "[", "]", "{", "}", "- ", "-", "*", "&", "!", "! ", "|", ">", "%", "@", "`",
          ":", ": ", ",", "?", "? ", "=", "<<", "~", "\\", "yes", "no", "on", "off", "true", "null", "Null", "0",
          "1.10", "0x1F", "12:30", "2022-06-13", ".inf", "1e3", " ", "a", "Paras", "ä", "Å", "🙂", "\t", "§ 42"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(st.characters(codec="utf-8"), max_size=3)),
                 min_size=1, max_size=6).map("".join).map(str.strip).filter(
                     lambda t: t and "\n" not in t and "\r" not in t and not is_quoted(t))


def is_quoted(text: str) -> bool:
    """`"..."` and `'...'` are the quoting the guide asks for, not plain texts."""
    return len(text) > 1 and text[0] in "\"'" and text[-1] == text[0]


def written(text: str) -> tuple[object, list]:
    lines = list(TEMPLATE)
    lines[0] = "slug: kokeilu"
    lines[VISION_LINE] = f"      fi: {text}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kokeilu.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return load_file(path)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(TEXTS)
def test_a_plain_text_comes_back_exactly_or_gets_a_message(text: str) -> None:
    org, problems = written(text)
    if org is None:
        assert problems and all(p.location.line >= 1 for p in problems)
        return
    assert org.strategies[0].vision.fi == unicodedata.normalize("NFC", text)


def test_the_cut_at_hash_is_refused_not_published() -> None:
    org, problems = written("Painopiste #1 on hyvinvointi")
    assert org is None and "the text stops at ` #`" in problems[0].message
    org, _ = written("Painopiste#1 on hyvinvointi")  # `#` without a space before it is text
    assert org.strategies[0].vision.fi == "Painopiste#1 on hyvinvointi"
