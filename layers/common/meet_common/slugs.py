"""Readable URL- and LiveKit-safe slugs: lower-case ASCII letters, digits and single
hyphens (room names from titles, identities from display names)."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_length: int, fallback: str) -> str:
    """Accents dropped, every other run of characters a hyphen; ``fallback`` when
    nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or fallback
