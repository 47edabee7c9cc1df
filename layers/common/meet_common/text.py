"""What text people see may hold: display names, titles and chat.

Refused with a clear message rather than silently cleaned, so the sender learns the
text would not arrive as typed:

- control characters (Cc: C0, C1 such as U+0085, DEL), except newline and tab in
  multi-line text; unpaired surrogates (Cs), which JSON can smuggle in;
- format characters (Cf): direction overrides and isolates (U+202E, U+2066…),
  zero-width spaces and joiners (U+200B, U+FEFF), which let one name pass for
  another or hide text. Two are kept where scripts and emoji need them: the
  zero-width joiner between two emoji parts (family and profession emoji), and the
  zero-width non-joiner between two letters (Persian, Indic scripts). Running text
  (chat, descriptions) may also hold the directional marks (U+200E, U+200F, U+061C),
  which right-to-left writers type and which reorder nothing but punctuation; a
  name may not;
- line and paragraph separators (Zl, Zp) in single-line text;
- text that shows nothing: only whitespace, combining marks and blank-looking
  letters such as the Hangul fillers (U+3164), which would make a participant
  invisible in the list.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator

ZWJ = "\u200d"
ZWNJ = "\u200c"
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
# Letters that render as nothing: Hangul fillers, the halfwidth filler and the
# blank Braille pattern.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Me"})
_INVISIBLE = frozenset({"Zs", "Mn", "Me"})


def _joiner_allowed(char: str, before: str, after: str) -> bool:
    if char == ZWJ:
        return unicodedata.category(before) in _EMOJI_PARTS and (
            unicodedata.category(after) in _EMOJI_PARTS
        )
    if char == ZWNJ:
        return unicodedata.category(before)[0] in "LM" and unicodedata.category(after)[0] == "L"
    return False


def check_visible(text: str, *, multiline: bool = False) -> str:
    """``text`` unchanged, or ValueError naming the first character it may not hold."""
    allowed_controls = "\n\t" if multiline else ""
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if char in allowed_controls:
            continue
        refused = category in ("Cc", "Cs") or (not multiline and category in ("Zl", "Zp"))
        if category == "Cf":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            refused = not (
                _joiner_allowed(char, before, after) or (multiline and char in DIRECTION_MARKS)
            )
        if refused:
            kind = "format" if category == "Cf" else "control"
            raise ValueError(
                f"must not contain U+{ord(char):04X} ({kind} characters are refused: they "
                "can hide or reorder text)"
            )
    if text and all(
        c in BLANK_LETTERS or c.isspace() or unicodedata.category(c) in _INVISIBLE for c in text
    ):
        raise ValueError("must contain visible characters")
    return text


def _single_line(text: str) -> str:
    return check_visible(text)


def _multi_line(text: str) -> str:
    return check_visible(text, multiline=True)


# Use as ``Annotated[str, Field(...), SingleLineText]`` after any trimming constraint.
SingleLineText = AfterValidator(_single_line)
MultiLineText = AfterValidator(_multi_line)

VisibleName = Annotated[str, SingleLineText]
