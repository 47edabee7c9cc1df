"""What a chat message's text may be.

Line breaks are normalised to ``\\n`` and surrounding whitespace is trimmed; what
is left must be 1 to 2,000 characters (Unicode code points, as PostgreSQL's
``char_length`` counts them). Control characters other than newline and tab are
refused rather than silently dropped, so the sender learns the message would not
arrive as typed; that also keeps NUL (which PostgreSQL text cannot hold) and lone
surrogates (which cannot be encoded) from ever reaching the database.
"""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 2_000
_ALLOWED_CONTROLS = frozenset("\n\t")
# Cc: C0 and C1 controls and DEL; Cs: surrogates, which JSON can smuggle in unpaired.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})


def clean_text(raw: str) -> str:
    """The text as stored, or ValueError saying what is wrong with it."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValueError("text must not be empty or only whitespace")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"text must be at most {MAX_LENGTH} characters")
    for char in text:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise ValueError(
                f"text must not contain U+{ord(char):04X}: control characters other than "
                "newline and tab, and unpaired surrogates, are refused"
            )
    return text
