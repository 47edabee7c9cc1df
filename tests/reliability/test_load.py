"""Load in one run against the local stack: uvicorn serving the whole app on a loopback
port, the session's PostgreSQL and the fake LiveKit. 200 concurrent token requests,
500 signed webhook deliveries (every event twice, shuffled) and 100 chat posts, all at
once; zero errors, and attendance and message counts exact afterwards."""

from __future__ import annotations

import asyncio
import random
import socket
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
import uvicorn

from devserver.app import build_app
from meet_common.db import Database
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.fakes.livekit_server import FakeLiveKit
from tests.reliability.conftest import LiveMeeting, livekit_token
from tests.support import livekit_webhooks as hooks
from tests.support.meeting_rows import attendance_rows, count_rows, meeting_row

pytestmark = pytest.mark.slow

TOKENS = 200
JOINED = 150  # participants who join...
LEFT = 100  # ...of whom this many leave: 250 distinct events, each delivered twice
CHAT_POSTS = 100


@pytest.fixture
def server_url(db: Database, fake_livekit: FakeLiveKit) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(build_app(), log_level="warning", access_log=False, backlog=512)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


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
    server_url: str,
    live_meeting: LiveMeeting,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tally = Tally()
    duration = asyncio.run(_run(server_url, live_meeting, tally))

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
