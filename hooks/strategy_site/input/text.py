"""Rules for the words editors write: plain text, never markup or template code.

Text is always escaped when rendered; these rules exist so that an editor who pastes HTML
or template syntax from somewhere learns about it at once instead of seeing it printed
literally on a public page. Invisible characters are refused because a reader cannot see
them and a bidi override can make a sentence read differently from what was approved.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT_CHARS = 5_000
# `build.py new` fills every field with this, so a half-done file cannot be published.
PLACEHOLDER = "TÄYTÄ"

_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_TEMPLATE = re.compile(r"\{[{%#]|[}%#]\}")
_INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (BOM)",
    "\u00ad": "soft hyphen",
}
# The site publishes strategies, not people: no e-mail addresses or phone numbers (the seeds
# have staff members' numbers in them, and a copy-paste brings them along).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d-])(\+358|0)[ -]?\d{1,3}[ -]?\d{3}[ -]?\d{3,4}(?!\d)")
_BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}


def check_text(value: str) -> str:
    """Return the cleaned text or raise ValueError with an editor's explanation."""
    text = value.strip()
    if not text:
        raise ValueError("the text is empty; write the text, or remove the field if it is not known")
    if PLACEHOLDER in text:
        raise ValueError(f"{text!r} is a placeholder from `build.py new`; write the text from the source, "
                         "or remove the field if the source does not say")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"the text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}")
    # each search only where the character that every match holds is in the text (most texts have none)
    if "<" in text and (match := _TAG.search(text)):
        raise ValueError(f"the text contains HTML-like markup {text[match.start():match.start() + 12]!r}; "
                         "write plain text (the site formats it)")
    if ("{" in text or "}" in text) and (match := _TEMPLATE.search(text)):
        raise ValueError(f"the text contains template syntax {match.group()!r}; write plain text")
    if "@" in text and (match := _EMAIL.search(text)):
        raise ValueError(f"the text contains an e-mail address {match.group()!r}; contact details of people do "
                         "not belong on the site: leave it out")
    if ("0" in text or "+358" in text) and (match := _PHONE.search(text)):
        raise ValueError(f"the text contains what looks like a phone number {match.group()!r}; contact details "
                         "of people do not belong on the site: leave it out")
    if text.replace("\n", "").isprintable():
        return unicodedata.normalize("NFC", text)  # the common case: no character below can occur
    for index, char in enumerate(text):
        if char in _BIDI:
            raise ValueError(f"the text contains an invisible direction mark U+{ord(char):04X} at character "
                             f"{index + 1}; retype the text without copying it from another document")
        if char in _INVISIBLE:
            raise ValueError(f"the text contains an invisible {_INVISIBLE[char]} (U+{ord(char):04X}) at character "
                             f"{index + 1}; remove it")
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\n":
            raise ValueError(f"the text contains a control character U+{ord(char):04X} at character {index + 1}; "
                             "remove it (tabs too: use spaces)")
        # Zl/Zp: U+2028/U+2029 are line breaks to YAML and Python but not to HTML: the page would
        # differ from the file. Cf: every other invisible format character. Cs: half a character.
        if category in ("Zl", "Zp"):
            raise ValueError(f"the text contains a Unicode line separator U+{ord(char):04X} at character "
                             f"{index + 1}; use an ordinary line break")
        if category in ("Cf", "Cs"):
            raise ValueError(f"the text contains an invisible or broken character U+{ord(char):04X} at character "
                             f"{index + 1}; remove it")
    return unicodedata.normalize("NFC", text)
