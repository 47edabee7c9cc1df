"""The lifecycle pass and the webhook function, in process, against a throwaway
PostgreSQL and the fake LiveKit server.

Figures:
- one pass over N due meetings (N = 10,000; 300 with --quick): all activated and
  their rooms created through the fake; then one pass that finds the same N
  expired: all ended and their rooms deleted; then an idle pass (nothing to do).
  For each: wall time, SQL statements sent (counted on the connection's cursors;
  transaction BEGIN/COMMIT not included), and LiveKit calls. The statement count
  must not depend on N.
- webhook events applied per second: signed participant_joined / participant_left
  deliveries through the webhook function's Lambda entry point, one at a time.

The fake LiveKit runs in a process of its own, as LiveKit would: in this process its
request threads would compete with the pass for the interpreter lock.

Run: ``.venv/bin/python -m bench.bench_lifecycle [--quick]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection as Pipe
from typing import Any

import psycopg

from bench.support import LIVEKIT_KEY, LIVEKIT_SECRET, local_stack, print_table, write_results
from meet_common.db import Connection, Database
from meet_common.livekit_rooms import RoomService
from meet_common.observability import logger
from meet_common.settings import get_settings
from tests.support import livekit_webhooks as lk
from tests.support.apigw import LambdaContext, rest_event
from tests.support.meeting_rows import insert_meetings

# A pass's statement count may not grow with N; this many is the budget.
STATEMENT_BUDGET = 12
PASS_BUDGET_SECONDS = 5.0


class CountingCursor(psycopg.Cursor[Any]):
    executed = 0
    seconds = 0.0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return super().execute(*args, **kwargs)
        finally:
            CountingCursor.executed += 1
            CountingCursor.seconds += time.perf_counter() - started


class CountingDatabase(Database):
    """The service's Database, counting every statement its connection sends."""

    def _connect(self) -> Connection:
        conn = super()._connect()
        conn.cursor_factory = CountingCursor
        return conn


def _serve_fake(pipe: Pipe) -> None:
    from livekit_local.server import LiveKitServer

    fake = LiveKitServer(LIVEKIT_KEY, LIVEKIT_SECRET)
    fake.start()
    pipe.send(fake.url)
    while pipe.recv() == "calls":
        pipe.send(dict(Counter(call.method for call in fake.calls)))
    fake.close()


class RemoteFake:
    """The fake LiveKit in a child process; ``calls()`` counts what it received."""

    def __init__(self, pipe: Pipe) -> None:
        self._pipe = pipe
        self.url: str = pipe.recv()

    def calls(self) -> dict[str, int]:
        self._pipe.send("calls")
        answer: dict[str, int] = self._pipe.recv()
        return answer


@contextmanager
def fake_livekit_process() -> Iterator[RemoteFake]:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.Process(target=_serve_fake, args=(child,), daemon=True)
    process.start()
    try:
        fake = RemoteFake(parent)
        saved = os.environ.get("LIVEKIT_URL")
        os.environ["LIVEKIT_URL"] = fake.url
        get_settings.cache_clear()
        yield fake
    finally:
        parent.send("stop")
        process.join(timeout=5)
        if saved is not None:
            os.environ["LIVEKIT_URL"] = saved
        get_settings.cache_clear()


def timed_pass(db: Database, livekit: RemoteFake, now: datetime) -> dict[str, Any]:
    from lifecycle.service import run_pass

    calls_before = sum(livekit.calls().values())
    CountingCursor.executed, CountingCursor.seconds = 0, 0.0
    started = time.perf_counter()
    counts = run_pass(db, RoomService(), now=now)
    wall = time.perf_counter() - started
    return {
        "wall_s": round(wall, 3),
        "statements": CountingCursor.executed,
        "sql_s": round(CountingCursor.seconds, 3),
        "livekit_calls": sum(livekit.calls().values()) - calls_before,
        "counts": counts.counts(),
    }


def bench_passes(url: str, livekit: RemoteFake, meetings: int) -> dict[str, Any]:
    now = datetime.now(UTC)
    insert_meetings(
        url, meetings, start_time=now - timedelta(minutes=1), end_time=now + timedelta(hours=1)
    )
    db = CountingDatabase(lambda: url, statement_timeout_ms=60_000)
    try:
        activate = timed_pass(db, livekit, now)
        end = timed_pass(db, livekit, now + timedelta(hours=2))
        idle = timed_pass(db, livekit, now + timedelta(hours=2, minutes=1))
    finally:
        db.close()
    assert activate["counts"]["activated"] == meetings, activate
    assert activate["counts"]["roomsCreated"] == meetings, activate
    assert end["counts"]["ended"] == meetings, end
    assert end["counts"]["roomsDeleted"] == meetings, end
    return {"activate": activate, "end": end, "idle": idle}


def bench_webhooks(url: str, events: int) -> dict[str, Any]:
    from webhook.handler import handler

    meeting_ids = insert_meetings(url, 50, status="ACTIVE")
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT room_name FROM meetings WHERE id = ANY(%s)", (meeting_ids,))
        rooms = [row[0] for row in rows.fetchall()]
    deliveries = []
    for i in range(events):
        room = rooms[i % len(rooms)]
        kind = "participant_joined" if i % 2 == 0 else "participant_left"
        message = lk.event(kind, room, identity=f"guest-{i // 2}", name="Guest")
        sent = lk.delivery(message, LIVEKIT_KEY, LIVEKIT_SECRET)
        deliveries.append(
            rest_event("POST", "/api/livekit/webhook", raw_body=sent.body, headers=sent.headers)
        )
    context = LambdaContext()
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    for event in deliveries:
        status = handler(event, context)["statusCode"]
        statuses[status] = statuses.get(status, 0) + 1
    wall = time.perf_counter() - started
    return {
        "events": events,
        "events_per_s": round(events / wall, 1),
        "mean_ms": round(wall / events * 1000, 3),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_lifecycle")
    parser.add_argument("--quick", action="store_true", help="a few hundred meetings")
    args = parser.parse_args(argv)
    meetings = 300 if args.quick else 10_000
    events = 300 if args.quick else 3_000
    logger.setLevel("WARNING")

    with local_stack() as stack, fake_livekit_process() as livekit:
        passes = bench_passes(stack.database_url, livekit, meetings)
        webhooks = bench_webhooks(stack.database_url, events)

    figures = {"meetings": meetings, **passes, "webhooks": webhooks}
    write_results("lifecycle", figures)
    rows = []
    for name in ("activate", "end", "idle"):
        run = passes[name]
        rows.append(
            (
                f"{name} pass",
                f"{run['wall_s']:.3f} s (SQL {run['sql_s']:.3f} s, {run['statements']} statements)"
                f", {run['livekit_calls']} LiveKit calls",
            )
        )
    rows.append(
        ("webhook events", f"{webhooks['events_per_s']} /s ({webhooks['mean_ms']} ms each)")
    )
    print_table(f"lifecycle over {meetings} meetings", rows)
    slow = [n for n in ("activate", "end") if passes[n]["wall_s"] > PASS_BUDGET_SECONDS]
    if slow and not args.quick:
        print(f"note: over the {PASS_BUDGET_SECONDS:.0f} s budget on this machine: {slow}")
    over = [n for n in ("activate", "end", "idle") if passes[n]["statements"] > STATEMENT_BUDGET]
    if over:
        print(f"statement budget ({STATEMENT_BUDGET}) exceeded: {over}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
