"""Room names: a slug of the title plus a random suffix, e.g. ``team-sync-k3v9q2xw``.

The suffix is at least 8 characters from a 32-letter alphabet, 40 random bits: the
name is what a join link opens, so guessing one must be hopeless (and the room
lookup is rate-limited per client besides).

Names are lower-case ASCII letters, digits and single hyphens, so they are safe in
a URL path and accepted by LiveKit. Uniqueness is the database's job (a UNIQUE
index); the caller retries with a fresh suffix on a collision.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

MAX_SLUG_LENGTH = 40
SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # 5 bits a letter
MIN_SUFFIX_LENGTH = 8
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    slug = slug[:MAX_SLUG_LENGTH].rstrip("-")
    return slug or "meeting"


def room_name(title: str, *, suffix_length: int = MIN_SUFFIX_LENGTH) -> str:
    """A candidate name; each retry after a collision may pass a longer suffix."""
    length = max(suffix_length, MIN_SUFFIX_LENGTH)
    suffix = "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(length))
    return f"{slugify(title)}-{suffix}"
