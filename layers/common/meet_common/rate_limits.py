"""Rate limits the service keeps in PostgreSQL, so every Lambda instance sees one count.

Fixed windows: requests are counted in the window ``now`` falls into, and the limit
applies to that window's count. A burst can straddle two windows (up to twice the
limit in one window's length); that is the price of one atomic statement per request
and no background work, and it still bounds a flood to a known rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from meet_common.db import Connection
from meet_common.errors import (
    ChatRateLimited,
    TooManyAdminFailures,
    TooManyLookups,
    TooManyRequests,
)
from meet_common.repo import rate_counters
from meet_common.settings import Settings

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The longest window any limit uses; the lifecycle pass forgets windows older than it.
LONGEST_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window_seconds: int
    error: type[TooManyRequests]
    message: str | None = None  # else the error's own

    def window_of(self, now: datetime) -> tuple[datetime, datetime]:
        elapsed = (now - _EPOCH).total_seconds()
        start = _EPOCH + timedelta(seconds=elapsed - elapsed % self.window_seconds)
        return start, start + timedelta(seconds=self.window_seconds)

    def _refuse(self, now: datetime) -> TooManyRequests:
        _, end = self.window_of(now)
        retry_after = max(1, math.ceil((end - now).total_seconds()))
        return self.error(self.message, retry_after_seconds=retry_after)

    def take(self, conn: Connection, key: str, now: datetime) -> None:
        """Count one request; the limit's error once the window holds more than the limit."""
        start, _ = self.window_of(now)
        if rate_counters.hit(conn, self.scope, key, start) > self.max_hits:
            raise self._refuse(now)

    def check(self, conn: Connection, key: str, now: datetime) -> None:
        """The limit's error if the window already holds the limit; counts nothing."""
        start, _ = self.window_of(now)
        if rate_counters.hits(conn, self.scope, key, start) >= self.max_hits:
            raise self._refuse(now)

    def record(self, conn: Connection, key: str, now: datetime) -> None:
        """Count one request without checking (a failure, counted after the fact)."""
        start, _ = self.window_of(now)
        rate_counters.hit(conn, self.scope, key, start)


def chat_per_participant(settings: Settings) -> Limit:
    return Limit("chat:participant", settings.chat_participant_limit, 60, ChatRateLimited)


def chat_per_meeting(settings: Settings) -> Limit:
    busy = "This meeting's chat is too busy; wait a moment."
    return Limit("chat:meeting", settings.chat_meeting_limit, 60, ChatRateLimited, busy)


def room_lookup_misses(settings: Settings) -> Limit:
    return Limit("rooms:miss", settings.room_lookup_miss_limit, 600, TooManyLookups)


def admin_failures(settings: Settings) -> Limit:
    return Limit("admin:failure", settings.admin_failure_limit, 600, TooManyAdminFailures)


def purge(conn: Connection, now: datetime) -> int:
    return rate_counters.purge_before(conn, now - LONGEST_WINDOW)
