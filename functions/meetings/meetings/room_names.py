"""Room names: a slug of the title plus a random suffix, e.g. ``team-sync-k3v9q2xw``.

The suffix is at least 8 characters from a 32-letter alphabet, 40 random bits: the
name is what a join link opens, so guessing one must be hopeless (and the room
lookup is rate-limited per client besides).

Names are lower-case ASCII letters, digits and single hyphens, so they are safe in
a URL path and accepted by LiveKit. Uniqueness is the database's job (a UNIQUE
index); the caller retries with a fresh suffix on a collision.
"""

from __future__ import annotations

import secrets

from meet_common.slugs import slugify

MAX_SLUG_LENGTH = 40
SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # 5 bits a letter
MIN_SUFFIX_LENGTH = 8


def title_slug(title: str) -> str:
    return slugify(title, max_length=MAX_SLUG_LENGTH, fallback="meeting")


def room_name(title: str, *, suffix_length: int = MIN_SUFFIX_LENGTH) -> str:
    """A candidate name; each retry after a collision may pass a longer suffix."""
    length = max(suffix_length, MIN_SUFFIX_LENGTH)
    suffix = "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(length))
    return f"{title_slug(title)}-{suffix}"
