"""Whole meetings through the local LiveKit model: participants connect with the
tokens the service issued, and every effect reaches the service as a signed webhook
over real HTTP, with LiveKit's queue and retry rules, on a clock the test moves.

The service (every function's routes, as ``make dev`` serves them) runs under
uvicorn on a loopback port in a thread, living on the model's clock; the lifecycle
pass is run by the test, as EventBridge would run it.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import psycopg
import pytest
import uvicorn
from psycopg.rows import dict_row

from devserver.app import build_api_app
from lifecycle.service import run_pass
from livekit_local import LiveKitServer, ManualClock, Session
from meet_common import deps
from meet_common.db import Database
from meet_common.livekit_rooms import DEPARTURE_TIMEOUT_SECONDS, EMPTY_TIMEOUT_SECONDS, RoomService
from meet_common.settings import get_settings
from tests.conftest import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET

pytestmark = pytest.mark.usefixtures("db")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class WebhookGate:
    """The service's ASGI app, with a switch to lose chosen webhook deliveries: it
    answers them 503, so LiveKit retries and then gives up, as it does when the
    service is unreachable. Everything else goes straight through."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lose: Callable[[dict[str, Any]], bool] = lambda event: False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/api/livekit/webhook":
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if self.lose(json.loads(body)):
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


@dataclass
class Stack:
    livekit: LiveKitServer
    clock: ManualClock
    service: httpx.Client
    gate: WebhookGate
    db: Database
    database_url: str

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock.now(), UTC)

    def settle(self) -> None:
        """Every webhook LiveKit queued has been delivered (or given up)."""
        self.livekit.notifier.wait_idle(timeout=20)

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        time.sleep(0.05)  # let the model's loop run the timers' effects
        self.settle()

    def run_pass(self) -> dict[str, int]:
        return run_pass(self.db, RoomService(), now=self.now()).counts()

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.service.request(
            method, path, headers={"Authorization": f"Bearer {ADMIN_KEY}"}, **kwargs
        )
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    def token(self, meeting: dict[str, Any], name: str) -> dict[str, Any]:
        response = self.service.post(
            f"/api/meetings/{meeting['id']}/token",
            json={"password": meeting["password"], "name": name},
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def join(self, meeting: dict[str, Any], name: str) -> tuple[dict[str, Any], Session]:
        issued = self.token(meeting, name)
        session = self.livekit.connect(issued["token"])
        self.settle()
        return issued, session

    def meeting(self, meeting_id: str) -> dict[str, Any]:
        return dict(self.admin("GET", f"/api/meetings/{meeting_id}"))

    def attendance(self, meeting_id: str) -> list[tuple[str, bool]]:
        """(identity, still in) per entry, in join order."""
        entries = self.admin("GET", f"/api/meetings/{meeting_id}/attendance")["attendance"]
        return [(e["identity"], e["leftAt"] is None) for e in entries]

    def expect(
        self, meeting_id: str, status: str, count: int, attendance: list[tuple[str, bool]]
    ) -> dict[str, Any]:
        """The meeting's status, participantCount and attendance, all at once."""
        current = self.meeting(meeting_id)
        assert (current["status"], current["participantCount"]) == (status, count)
        assert self.attendance(meeting_id) == attendance
        return current

    def row(self, meeting_id: str) -> dict[str, Any]:
        with psycopg.connect(self.database_url, row_factory=dict_row) as conn:
            found = conn.execute("SELECT * FROM meetings WHERE id = %s", (meeting_id,)).fetchone()
        assert found is not None
        return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def stack(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    clock = ManualClock()
    port = _free_port()
    livekit = LiveKitServer(
        LIVEKIT_KEY,
        LIVEKIT_SECRET,
        clock=clock,
        webhook_urls=[f"http://127.0.0.1:{port}/api/livekit/webhook"],
    )
    livekit.start()
    monkeypatch.setenv("LIVEKIT_URL", livekit.url)
    get_settings.cache_clear()

    app = build_api_app()
    served_db = Database(lambda: database_url, pool_size=4)

    async def database() -> Database:
        return served_db

    async def model_time() -> datetime:
        return datetime.fromtimestamp(clock.now(), UTC)

    # The service lives on the model's clock, so meeting times, webhook times and the
    # lifecycle pass agree however far the test moves it.
    app.dependency_overrides[deps.database] = database
    app.dependency_overrides[deps.utc_now] = model_time
    gate = WebhookGate(app)
    server = uvicorn.Server(
        uvicorn.Config(gate, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    pass_db = Database(lambda: database_url)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        yield Stack(livekit, clock, client, gate, pass_db, database_url)
    server.should_exit = True
    thread.join(timeout=10)
    livekit.stop()
    served_db.close()
    pass_db.close()
    get_settings.cache_clear()  # monkeypatch puts LIVEKIT_URL back after this


def _lose(kind: str, sid: str) -> Callable[[dict[str, Any]], bool]:
    return lambda event: (
        event.get("event") == kind and event.get("participant", {}).get("sid") == sid
    )


def _give_up_retries(stack: Stack, kind: str, sid: str) -> None:
    """Move the clock through LiveKit's retries of the lost delivery until it gives up,
    then let deliveries through again."""
    outcomes: list[str] = []
    for _ in range(100):
        outcomes = [
            d.outcome
            for d in stack.livekit.notifier.deliveries
            if d.event.event == kind and d.event.participant.sid == sid
        ]
        if outcomes == ["failed"]:
            stack.gate.lose = lambda event: False
            stack.settle()
            return
        stack.clock.advance(1)
        time.sleep(0.05)
    raise AssertionError(f"the {kind} of {sid} was never given up: {outcomes}")


def test_an_instant_meeting_through_livekit(stack: Stack) -> None:
    # --- created: LiveKit creates its room with the meeting's limits ----------------------
    meeting = stack.admin(
        "POST", "/api/meetings/instant", json={"title": "Drop-in", "maxParticipants": 5}
    )
    mid, room = meeting["id"], meeting["roomName"]
    stack.settle()
    created = stack.livekit.rooms[room]
    assert (created.max_participants, created.empty_timeout, created.departure_timeout) == (
        5,
        EMPTY_TIMEOUT_SECONDS,
        DEPARTURE_TIMEOUT_SECONDS,
    )
    assert stack.expect(mid, "ACTIVE", 0, [])["startedAt"] is None

    # --- idle past empty_timeout: LiveKit closes the room; the meeting goes on ------------
    stack.advance(EMPTY_TIMEOUT_SECONDS + 1)
    assert room not in stack.livekit.rooms
    assert [e.event for e in stack.livekit.model.events(room=room)] == [
        "room_started",
        "room_finished",
    ]
    assert stack.expect(mid, "ACTIVE", 0, [])["startedAt"] is None
    assert stack.row(mid)["room_closed_at"] is not None
    assert stack.run_pass()["ended"] == 0
    assert stack.expect(mid, "ACTIVE", 0, [])["startedAt"] is None

    # --- joined: the join re-creates the room from the token's configuration --------------
    joined_at = stack.now()
    ada, ada_session = stack.join(meeting, "Ada")
    recreated = stack.livekit.rooms[room]
    assert (recreated.max_participants, recreated.departure_timeout) == (
        5,
        DEPARTURE_TIMEOUT_SECONDS,
    )
    stack.advance(5)
    bob, bob_session = stack.join(meeting, "Bob")
    current = stack.expect(mid, "ACTIVE", 2, [(ada["identity"], True), (bob["identity"], True)])
    started_at = datetime.fromisoformat(current["startedAt"])
    assert abs((started_at - joined_at).total_seconds()) < 0.01  # Ada's join, not room_started

    # --- a reconnect: same identity, new SID; the old session is kicked -------------------
    stack.advance(30)
    old_sid = ada_session.sid
    ada_session = ada_session.reconnect()  # with the token LiveKit last refreshed
    stack.settle()
    assert ada_session.sid != old_sid
    stack.expect(
        mid,
        "ACTIVE",
        2,
        [(ada["identity"], False), (bob["identity"], True), (ada["identity"], True)],
    )

    # --- a lost leave: Bob goes, LiveKit's participant_left never arrives ------------------
    stack.advance(30)
    stack.gate.lose = _lose("participant_left", bob_session.sid)
    bob_session.leave()
    _give_up_retries(stack, "participant_left", bob_session.sid)
    stack.expect(  # the service has not heard
        mid,
        "ACTIVE",
        2,
        [(ada["identity"], False), (bob["identity"], True), (ada["identity"], True)],
    )
    repaired = stack.run_pass()
    assert (repaired["attendanceChecked"], repaired["leavesRepaired"]) == (1, 1)
    stack.expect(
        mid,
        "ACTIVE",
        1,
        [(ada["identity"], False), (bob["identity"], False), (ada["identity"], True)],
    )

    # --- everyone gone past departure_timeout: LiveKit closes the room again ---------------
    stack.advance(10)
    ada_session.leave()
    stack.settle()
    everyone_out = [(ada["identity"], False), (bob["identity"], False), (ada["identity"], False)]
    stack.expect(mid, "ACTIVE", 0, everyone_out)
    stack.advance(DEPARTURE_TIMEOUT_SECONDS + 1)
    assert room not in stack.livekit.rooms
    assert len(stack.livekit.model.events("room_finished", room)) == 2
    stack.run_pass()
    stack.expect(mid, "ACTIVE", 0, everyone_out)

    # --- rejoined: the same link works; the room comes back with the meeting's limits -----
    stack.advance(60)
    cat, cat_session = stack.join(meeting, "Cat")
    assert stack.livekit.rooms[room].max_participants == 5
    current = stack.expect(mid, "ACTIVE", 1, [*everyone_out, (cat["identity"], True)])
    assert datetime.fromisoformat(current["startedAt"]) == started_at

    # --- ended by the organiser: the room is deleted, everyone is out ----------------------
    stack.advance(60)
    ended = stack.admin("POST", f"/api/meetings/{mid}/end")
    stack.settle()
    assert (ended["status"], ended["participantCount"]) == ("ENDED", 0)
    assert room not in stack.livekit.rooms
    assert cat_session.closed
    stack.expect(mid, "ENDED", 0, [*everyone_out, (cat["identity"], False)])
    refused = stack.service.post(
        f"/api/meetings/{mid}/token", json={"password": meeting["password"], "name": "Late"}
    )
    assert refused.status_code == 410


def test_an_instant_meeting_everyone_left_ends_after_the_idle_minutes(stack: Stack) -> None:
    meeting = stack.admin("POST", "/api/meetings/instant", json={"title": "Quick chat"})
    mid, room = meeting["id"], meeting["roomName"]
    _, ada_session = stack.join(meeting, "Ada")
    stack.advance(60)
    ada_session.leave()
    stack.settle()
    stack.advance(DEPARTURE_TIMEOUT_SECONDS + 1)
    assert room not in stack.livekit.rooms

    idle = get_settings().instant_idle_end_minutes * 60
    stack.advance(idle - DEPARTURE_TIMEOUT_SECONDS - 30)
    assert stack.run_pass()["endedIdle"] == 0
    assert stack.meeting(mid)["status"] == "ACTIVE"

    stack.advance(31)
    counts = stack.run_pass()
    assert counts["endedIdle"] == 1
    current = stack.meeting(mid)
    assert (current["status"], current["participantCount"]) == ("ENDED", 0)


def test_a_connection_that_never_became_active_is_not_attendance(stack: Stack) -> None:
    meeting = stack.admin("POST", "/api/meetings/instant", json={"title": "Flaky"})
    mid = meeting["id"]
    issued = stack.token(meeting, "Dan")
    stack.livekit.connect(issued["token"], activate=False)
    stack.settle()
    # livekit-server removes a participant not active a minute after joining, and
    # reports participant_connection_aborted instead of participant_left.
    stack.advance(61)
    assert [e.event for e in stack.livekit.model.events(room=meeting["roomName"])][-1:] == [
        "participant_connection_aborted"
    ]
    current = stack.meeting(mid)
    assert (current["participantCount"], current["startedAt"]) == (0, None)
    assert stack.attendance(mid) == []


def test_chat_accepts_the_token_livekit_refreshed_during_the_call(stack: Stack) -> None:
    from livekit_local.driver import recording

    meeting = stack.admin("POST", "/api/meetings/instant", json={"title": "Long call"})
    ada, session = stack.join(meeting, "Ada")

    def exp(token: str) -> int:
        return int(jwt.decode(token, options={"verify_signature": False})["exp"])

    # LiveKit sends a refreshed token as soon as the session starts: the service's
    # API takes it like the one it issued.
    [first_refresh] = recording(session).tokens
    assert first_refresh != ada["token"]
    sent = stack.service.post(
        "/api/messages",
        headers={"Authorization": f"Bearer {first_refresh}"},
        json={"roomName": meeting["roomName"], "text": "still here"},
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["identity"] == ada["identity"]

    # Every 5 minutes another, always valid 10 more minutes: from the third on they
    # outlive the first token, which is why the page uses the newest one.
    stack.advance(10 * 60)
    tokens = recording(session).tokens
    assert len(tokens) == 3
    assert exp(tokens[-1]) > exp(ada["token"])


def test_a_lost_join_is_repaired_by_the_pass(stack: Stack) -> None:
    meeting = stack.admin("POST", "/api/meetings/instant", json={"title": "Unheard"})
    mid = meeting["id"]
    issued = stack.token(meeting, "Ada")
    session = stack.livekit.connect(issued["token"], activate=False)
    stack.gate.lose = _lose("participant_joined", session.sid)
    session.activate()
    _give_up_retries(stack, "participant_joined", session.sid)
    assert stack.meeting(mid)["participantCount"] == 0

    counts = stack.run_pass()

    assert (counts["attendanceChecked"], counts["joinsRepaired"]) == (0, 0)  # nobody to ask about
    # The pass asks about meetings it believes someone is in, or is about to end; a
    # lost join is repaired once one of those holds, e.g. when the next join arrives.
    _, bob = stack.join(meeting, "Bob")
    counts = stack.run_pass()
    assert counts["joinsRepaired"] == 1
    current = stack.meeting(mid)
    assert current["participantCount"] == 2
    assert current["startedAt"] is not None
    assert sorted(identity for identity, _ in stack.attendance(mid)) == sorted(
        [issued["identity"], bob.identity]
    )


def test_an_idle_instant_meeting_is_not_ended_while_livekit_lists_someone(stack: Stack) -> None:
    meeting = stack.admin("POST", "/api/meetings/instant", json={"title": "Quiet"})
    mid = meeting["id"]
    _, ada = stack.join(meeting, "Ada")
    stack.advance(30)
    ada.leave()
    stack.settle()
    # Bob comes in, but LiveKit's participant_joined never reaches the service.
    issued = stack.token(meeting, "Bob")
    bob = stack.livekit.connect(issued["token"], activate=False)
    stack.gate.lose = _lose("participant_joined", bob.sid)
    bob.activate()
    _give_up_retries(stack, "participant_joined", bob.sid)
    stack.advance(get_settings().instant_idle_end_minutes * 60)

    counts = stack.run_pass()

    assert (counts["endedIdle"], counts["joinsRepaired"]) == (0, 1)
    current = stack.meeting(mid)
    assert (current["status"], current["participantCount"]) == ("ACTIVE", 1)
    assert stack.attendance(mid)[-1] == (issued["identity"], True)
