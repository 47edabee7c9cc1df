"""Every secret a test run used, and a scan of the run's service logs for them.

Secrets are recorded as they come into being: each LiveKit JWT minted in the process
(by the service or by a test), each meeting's password and host key (read from the
database before a test's rows are truncated), and the fixed keys of the suite. The scan
is cheap however many secrets there are: the log is split once into the runs of
characters that generated secrets are made of, and each secret made only of those is
a set lookup; the few others are searched for as substrings.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

import jwt
import psycopg

MIN_LENGTH = 6  # shorter test values ("hk") would match ordinary words
_WORD = re.compile(r"[A-Za-z0-9_\-]+")
_JWT = re.compile(r"[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")


class SecretLedger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._words: set[str] = set()
        self._jwts: set[str] = set()
        self._others: set[str] = set()

    def __len__(self) -> int:
        return len(self._words) + len(self._jwts) + len(self._others)

    def record(self, secret: str | None) -> None:
        if not secret or len(secret) < MIN_LENGTH:
            return
        with self._lock:
            if _JWT.fullmatch(secret):
                self._jwts.add(secret)
                self._words.add(secret.rsplit(".", 1)[1])  # the signature on its own
            elif _WORD.fullmatch(secret):
                self._words.add(secret)
            else:
                self._others.add(secret)

    def record_all(self, secrets: Iterable[str | None]) -> None:
        for secret in secrets:
            self.record(secret)

    def record_meetings(self, conn: psycopg.Connection[Any]) -> None:
        """The password and host key of every meeting in that connection's database."""
        rows = conn.execute("SELECT password, host_key FROM meetings").fetchall()
        self.record_all(value for row in rows for value in row)

    def leaks(self, text: str) -> list[str]:
        """The recorded secrets found in ``text`` (shortened, so the report leaks nothing)."""
        with self._lock:
            words, jwts, others = set(self._words), set(self._jwts), set(self._others)
        found = (set(_WORD.findall(text)) & words) | (set(_JWT.findall(text)) & jwts)
        for secret in others:
            if secret in text or json.dumps(secret)[1:-1] in text:
                found.add(secret)
        return sorted(f"{s[:3]}…({len(s)} chars)" for s in found)


class LogTape(io.TextIOBase):
    """A log stream kept as the chunks written to it, so that what one test logged can
    be read without copying the whole run's log (or moving a position another thread
    writes at)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._chunks: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        with self._lock:
            self._chunks.append(text)
        return len(text)

    def mark(self) -> int:
        with self._lock:
            return len(self._chunks)

    def since(self, mark: int) -> str:
        with self._lock:
            return "".join(self._chunks[mark:])

    def getvalue(self) -> str:
        return self.since(0)


def record_minted_tokens(ledger: SecretLedger) -> Callable[[], None]:
    """Record every JWT minted from now on (the service's join tokens and whatever
    ``api.AccessToken`` signs: both sign through PyJWT's ``jwt.encode``); returns the
    undo."""
    original: Callable[..., str] = jwt.encode

    def encode(*args: Any, **kwargs: Any) -> str:
        token = original(*args, **kwargs)
        ledger.record(token)
        return token

    jwt.encode = encode

    def undo() -> None:
        jwt.encode = original

    return undo
