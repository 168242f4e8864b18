"""The Content-Security-Policy read from a page's source: the policy in its meta tag, and
everything inline that such a policy (without 'unsafe-inline') blocks or would block.

The browser reports a violation only for what it meets: an inline handler only when its event
fires. This static reading finds them all, on every page; the crawl in test_gate.py records what
the browser really reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Types that make a <script> a data block (not executed, not governed by script-src).
_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


@dataclass
class InlineReading:
    policies: list[str] = field(default_factory=list)
    first_in_head: str = ""  # the first element after <meta charset> in <head>
    inline: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.reading = InlineReading()
        self._head_elements: list[str] = []
        self._in_head = False
        self._script: str | None = None  # the opening tag of an inline script being read
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self._in_head = True
        elif self._in_head and not (tag == "meta" and "charset" in a) and not self._head_elements:
            self._head_elements.append(f"<{tag} {' '.join(f'{k}={v!r}' for k, v in a.items())}>")
            self.reading.first_in_head = self._head_elements[0]
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.reading.policies.append(a.get("content", ""))
        for name, value in a.items():
            if name.startswith("on"):
                self.reading.inline.append(f"event handler {name}={value[:60]!r} on <{tag}>")
            elif name == "style":
                self.reading.inline.append(f"style attribute {value[:60]!r} on <{tag}>")
            elif name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.reading.inline.append(f"javascript: URL in {name} of <{tag}>")
        if (tag == "script" and "src" not in a and a.get("type", "").lower() in _SCRIPT_TYPES) or tag == "style":
            self._script, self._script_text = tag, ""

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script_text += data

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if self._script is not None and tag == self._script:
            kind = "inline script" if tag == "script" else "<style> element"
            self.reading.inline.append(f"{kind} {self._script_text.strip()[:80]!r}")
            self._script = None


def read_inline(html: str) -> InlineReading:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.reading


def policy_problems(reading: InlineReading, policy: str) -> list[str]:
    """The page must carry exactly the site's policy, once, first in <head>, and nothing inline."""
    problems = []
    if reading.policies != [policy]:
        problems.append(f"the Content-Security-Policy meta tags are {reading.policies}, not once {policy!r}")
    elif "content-security-policy" not in reading.first_in_head.lower():
        problems.append(f"the policy is not the first element after <meta charset> (that is {reading.first_in_head})")
    problems += [f"{what} (the policy blocks it)" for what in reading.inline]
    return problems
