"""Text of a page in blocks (paragraphs, list items, cells, headings...), each with the language
that its markup gives it, so that a text in the other language without its own lang stands out."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"script", "style", "svg", "template", "code", "pre", "title"}
_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption",
           "blockquote", "label", "summary", "button", "a"}


@dataclass
class Block:
    tag: str
    lang: str
    text: str


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, int]] = []  # (tag, lang, block number)
        self.parts: dict[tuple[int, str], list[str]] = {}
        self.tags: dict[int, str] = {}
        self.blocks = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self.stack[-1][1] if self.stack else "")
        block = self.stack[-1][2] if self.stack else 0
        if tag in _BLOCKS:
            self.blocks += 1
            block = self.blocks
            self.tags[block] = tag
        if tag in _SKIP:
            self.skipping += 1
        self.stack.append((tag, lang.split("-")[0], block))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for popped in self.stack[i:]:
                    if popped[0] in _SKIP:
                        self.skipping -= 1
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.skipping or not self.stack or not data.strip():
            return
        _, lang, block = self.stack[-1]
        if block:
            self.parts.setdefault((block, lang), []).append(data)


def text_blocks(html: str) -> list[Block]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return [Block(parser.tags[block], lang, " ".join(" ".join(parts).split()))
            for (block, lang), parts in parser.parts.items()]
