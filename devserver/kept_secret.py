"""Secrets the local server generates once and keeps under .data/ (the admin key, the
LiveKit stand-in's API secret)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def kept_secret(path: Path) -> str:
    """The secret stored at ``path``, made and stored on first use. The file is created
    private (0600): written first and narrowed after, it would be readable meanwhile."""
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(value + "\n")
    return value
