"""Participant identities: unique per join, readable in LiveKit's dashboards.

Two guests both called "Alex" must not share an identity (LiveKit disconnects the
older session when a second one joins with the same identity), so every token
gets a slug of the display name plus a random suffix: ``alex-3f9a1c2b7d0e``.
"""

from __future__ import annotations

import secrets

from meet_common.slugs import slugify

MAX_SLUG_LENGTH = 32
SUFFIX_BYTES = 6  # 48 random bits: collisions are not a practical concern


def name_slug(name: str) -> str:
    return slugify(name, max_length=MAX_SLUG_LENGTH, fallback="guest")


def new_identity(name: str) -> str:
    return f"{name_slug(name)}-{secrets.token_hex(SUFFIX_BYTES)}"
