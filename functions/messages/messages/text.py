"""What a chat message's text may be.

Line breaks are normalised to ``\\n`` and surrounding whitespace is trimmed; what
is left must be 1 to 2,000 characters (Unicode code points, as PostgreSQL's
``char_length`` counts them). Control and format characters are refused as in
every other text people see (``meet_common.text``); that also keeps NUL (which
PostgreSQL text cannot hold) and lone surrogates (which cannot be encoded) from
ever reaching the database.
"""

from __future__ import annotations

from meet_common.text import check_visible

MAX_LENGTH = 2_000


def clean_text(raw: str) -> str:
    """The text as stored, or ValueError saying what is wrong with it."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValueError("text must not be empty or only whitespace")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"text must be at most {MAX_LENGTH} characters")
    try:
        return check_visible(text, multiline=True)
    except ValueError as exc:
        raise ValueError(f"text {exc}") from None
