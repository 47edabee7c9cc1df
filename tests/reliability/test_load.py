"""Load in one run against the local stack: uvicorn (a process of its own) serving the
whole app on a loopback port, the session's PostgreSQL and the fake LiveKit. 200
concurrent token requests, 500 signed webhook deliveries (every event twice, shuffled)
and 100 chat posts, all at once; zero errors, and attendance and message counts exact
afterwards."""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from livekit_local.server import LiveKitServer
from meet_common.db import Database
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET, SECRETS
from tests.reliability.conftest import LiveMeeting, livekit_token
from tests.support import livekit_webhooks as hooks
from tests.support.meeting_rows import attendance_rows, count_rows, meeting_row

pytestmark = pytest.mark.slow

TOKENS = 200
JOINED = 150  # participants who join...
LEFT = 100  # ...of whom this many leave: 250 distinct events, each delivered twice
CHAT_POSTS = 100


@dataclass
class Server:
    url: str
    log: Path


@pytest.fixture
def server(db: Database, fake_livekit: LiveKitServer, tmp_path: Path) -> Iterator[Server]:
    """uvicorn in a process of its own (its own GIL, as in production), on a free port,
    pointed by the session's environment at the test database and the fake LiveKit."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "server.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "devserver.app:build_app",
        "--factory",
        "--host=127.0.0.1",
        f"--port={port}",
        "--log-level=warning",
        "--no-access-log",
        "--backlog=512",
        # Keep-alive outlives the run: a client reusing a connection the server is
        # closing at that moment would be an error of the test's making.
        "--timeout-keep-alive=120",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=os.environ)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "uvicorn did not start"
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        yield Server(url, log)
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Tally:
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    outcomes: Counter[str] = field(default_factory=Counter)
    identities: set[str] = field(default_factory=set)

    def record(self, kind: str, status: int, took: float) -> None:
        self.statuses[(kind, status)] += 1
        self.latencies.setdefault(kind, []).append(took)


async def _timed(tally: Tally, kind: str, request: object) -> httpx.Response:
    started = time.perf_counter()
    response: httpx.Response = await request  # type: ignore[misc]
    tally.record(kind, response.status_code, time.perf_counter() - started)
    return response


async def _run(base: str, meeting: LiveMeeting, tally: Tally) -> float:
    deliveries = []
    for i in range(JOINED):
        joined = hooks.event("participant_joined", meeting.room, identity=f"p{i}", name=f"P {i}")
        deliveries.append(hooks.delivery(joined, LIVEKIT_KEY, LIVEKIT_SECRET))
    for i in range(LEFT):
        left = hooks.event("participant_left", meeting.room, identity=f"p{i}", name=f"P {i}")
        deliveries.append(hooks.delivery(left, LIVEKIT_KEY, LIVEKIT_SECRET))
    deliveries = deliveries * 2
    random.Random(9).shuffle(deliveries)
    chat_tokens = [livekit_token(meeting.room, identity=f"chat-{i}") for i in range(CHAT_POSTS)]
    webhook_slots = asyncio.Semaphore(50)

    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def token(i: int) -> None:
            body = {"password": "pw-live-1234", "name": f"Guest {i}"}
            request = client.post(f"/api/meetings/{meeting.id}/token", json=body)
            response = await _timed(tally, "token", request)
            if response.status_code == 200:
                tally.identities.add(response.json()["identity"])

        async def webhook(delivery: hooks.Delivery) -> None:
            async with webhook_slots:
                request = client.post(
                    "/api/livekit/webhook", content=delivery.body, headers=delivery.headers
                )
                response = await _timed(tally, "webhook", request)
            if response.status_code == 200:
                tally.outcomes[response.json()["outcome"]] += 1

        async def chat(i: int) -> None:
            request = client.post(
                "/api/messages",
                json={"roomName": meeting.room, "text": f"message {i}"},
                headers={"Authorization": f"Bearer {chat_tokens[i]}"},
            )
            await _timed(tally, "chat", request)

        started = time.perf_counter()
        await asyncio.gather(
            *(token(i) for i in range(TOKENS)),
            *(webhook(d) for d in deliveries),
            *(chat(i) for i in range(CHAT_POSTS)),
        )
        return time.perf_counter() - started


def _ms(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def test_a_burst_of_tokens_webhooks_and_chat_costs_nothing(
    server: Server,
    live_meeting: LiveMeeting,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tally = Tally()
    duration = asyncio.run(_run(server.url, live_meeting, tally))

    assert dict(tally.statuses) == {
        ("token", 200): TOKENS,
        ("webhook", 200): 2 * (JOINED + LEFT),
        ("chat", 201): CHAT_POSTS,
    }
    assert len(tally.identities) == TOKENS  # one identity per join
    assert dict(tally.outcomes) == {"applied": JOINED + LEFT, "duplicate": JOINED + LEFT}
    rows = attendance_rows(database_url, live_meeting.row["id"])
    assert len(rows) == JOINED
    assert sum(row["left_at"] is None for row in rows) == JOINED - LEFT
    assert meeting_row(database_url, live_meeting.row["id"])["participant_count"] == JOINED - LEFT
    assert count_rows(database_url, "webhook_events") == JOINED + LEFT
    assert count_rows(database_url, "messages") == CHAT_POSTS
    assert count_rows(database_url, "failed_join_attempts") == 0

    total = sum(len(v) for v in tally.latencies.values())
    lines = [f"\nload: {total} requests in {duration:.2f} s ({total / duration:.0f}/s)"]
    for kind, values in tally.latencies.items():
        lines.append(
            f"  {kind:8} {len(values):4}  p50 {_ms(values, 50):6.0f} ms  "
            f"p95 {_ms(values, 95):6.0f} ms  max {max(values) * 1000:6.0f} ms"
        )
    with capsys.disabled():
        print("\n".join(lines))
    # The server's own output (its logs) holds none of the secrets of this run.
    assert SECRETS.leaks(server.log.read_text()) == []
