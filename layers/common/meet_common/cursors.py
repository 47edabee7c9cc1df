"""Opaque page cursors: the sort key of the last row on a page, as URL-safe base64 of a
JSON list whose first element is an aware timestamp and the rest strings."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from meet_common.errors import InvalidCursor


def encode(at: datetime, *rest: str) -> str:
    raw = json.dumps([at.isoformat(), *rest], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, parts: int) -> tuple[datetime, list[str]]:
    """The timestamp and the ``parts - 1`` strings after it, or a 422 for anything a
    previous page did not hand out."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if (
            not isinstance(values, list)
            or len(values) != parts
            or not all(isinstance(v, str) for v in values)
        ):
            raise ValueError("not a list of strings of the right length")
        at = datetime.fromisoformat(values[0])
        if at.tzinfo is None:
            raise ValueError("naive")
        return at, values[1:]
    except (ValueError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidCursor() from exc
