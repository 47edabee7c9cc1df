"""Room names: a slug of the title plus a random suffix, e.g. ``team-sync-a1b2``.

Names are lower-case ASCII letters, digits and single hyphens, so they are safe in
a URL path and accepted by LiveKit. Uniqueness is the database's job (a UNIQUE
index); the caller retries with a fresh suffix on a collision.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

MAX_SLUG_LENGTH = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    slug = slug[:MAX_SLUG_LENGTH].rstrip("-")
    return slug or "meeting"


def room_name(title: str, *, suffix_bytes: int = 2) -> str:
    """A candidate name; each retry after a collision should pass a larger suffix."""
    return f"{slugify(title)}-{secrets.token_hex(suffix_bytes)}"
