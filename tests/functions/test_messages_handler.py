"""The messages function through its real Lambda entry point, against PostgreSQL.

Callers authenticate with LiveKit tokens minted here with the SDK, as the tokens
function would mint them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

import jwt
import pytest
from livekit import api

from meet_common import db as db_module
from meet_common.db import Connection, Database
from meet_common.repo import meetings as meetings_repo
from messages.handler import handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import invoke
from tests.support.messages_api import (
    add_meeting,
    bearer,
    get,
    mint,
    post,
    send,
    stored_rows,
    texts,
)

pytestmark = pytest.mark.usefixtures("db")


# --- sending -----------------------------------------------------------------------


def test_message_is_stored_with_sender_taken_from_the_token(
    db: Database, database_url: str
) -> None:
    room = add_meeting(db)
    token = mint(room, identity="ada-7f3a", name="Ada Lovelace")

    response = post(
        token,
        {"roomName": room, "text": "hello", "identity": "mallory", "name": "The Boss"},
    )

    assert response.status == 201, response.body
    message = response.json()
    assert set(message) == {"id", "roomName", "identity", "name", "text", "createdAt"}
    assert message["identity"] == "ada-7f3a"
    assert message["name"] == "Ada Lovelace"
    assert message["roomName"] == room
    assert uuid.UUID(message["id"])
    assert datetime.fromisoformat(message["createdAt"]).tzinfo is not None
    [row] = stored_rows(database_url, room)
    assert (row["identity"], row["name"], row["text"]) == ("ada-7f3a", "Ada Lovelace", "hello")
    assert str(row["id"]) == message["id"]


def test_a_token_without_a_name_sends_under_its_identity(db: Database) -> None:
    room = add_meeting(db)
    token = (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity("anon-1")
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .to_jwt()
    )
    assert send(token, room, "hi")["name"] == "anon-1"


def test_text_is_trimmed_and_keeps_inner_newlines_and_tabs(db: Database) -> None:
    room = add_meeting(db)
    message = send(mint(room), room, "  line one\r\n\tline two\n\n")
    assert message["text"] == "line one\n\tline two"


@pytest.mark.parametrize(
    "body",
    [
        {"text": "no room"},
        {"roomName": "ROOM", "text": ""},
        {"roomName": "ROOM", "text": "   \n\t "},
        {"roomName": "ROOM", "text": "x" * 2001},
        {"roomName": "ROOM", "text": " " + "x" * 2001 + " "},
        {"roomName": "ROOM", "text": 42},
        {"roomName": "ROOM", "text": None},
        {"roomName": "ROOM", "text": ["hi"]},
        {"roomName": "ROOM"},
        {"roomName": 7, "text": "hi"},
        {"roomName": "ROOM", "text": "bell \x07"},
        {"roomName": "ROOM", "text": "nul \x00 byte"},
        {"roomName": "ROOM", "text": "c1 \x85 control"},
        {"roomName": "ROOM", "text": "hi", "id": "not-a-uuid"},
        {"roomName": "ROOM", "text": "hi", "id": 12},
    ],
    ids=[
        "missing-room",
        "empty",
        "whitespace-only",
        "2001-chars",
        "2001-chars-padded",
        "number",
        "null",
        "list",
        "missing-text",
        "room-not-string",
        "bell",
        "nul",
        "c1-control",
        "id-not-uuid",
        "id-number",
    ],
)
def test_bad_message_bodies_are_422_and_store_nothing(
    db: Database, database_url: str, body: dict[str, Any]
) -> None:
    room = add_meeting(db)
    body = {k: (room if v == "ROOM" else v) for k, v in body.items()}

    response = post(mint(room), body)

    assert response.status == 422, response.body
    error = response.json()["error"]
    # A well-formed body whose text breaks the chat's own rules has a code of its own.
    well_formed = set(body) == {"roomName", "text"} and all(
        isinstance(v, str) for v in body.values()
    )
    assert error["code"] == ("invalid_message_text" if well_formed else "validation_error")
    assert error["details"]
    assert stored_rows(database_url, room) == []


def test_a_lone_surrogate_is_a_422_not_a_500(db: Database, database_url: str) -> None:
    room = add_meeting(db)
    raw = '{"roomName": "' + room + '", "text": "broken \\ud800 pair"}'
    response = post(mint(room), raw_body=raw, headers={"Content-Type": "application/json"})
    assert response.status == 422, response.body
    assert stored_rows(database_url, room) == []


def test_exactly_2000_characters_are_accepted(db: Database) -> None:
    room = add_meeting(db)
    text = "é" * 1999 + "😀"
    assert send(mint(room), room, text)["text"] == text


# --- who may read and write --------------------------------------------------------


def expired_token(room: str) -> str:
    # The SDK allows a minute of clock skew; this one expired five minutes ago.
    return mint(room, ttl=timedelta(minutes=-5))


def forged_token(room: str) -> str:
    return mint(room, secret="not-the-livekit-secret-at-all-0123")


def token_without_exp(room: str) -> str:
    claims = {"iss": LIVEKIT_KEY, "sub": "ada-1", "video": {"roomJoin": True, "room": room}}
    return jwt.encode(claims, LIVEKIT_SECRET, algorithm="HS256")


def garbage_token(room: str) -> str:
    return "not.a.jwt"


def token_without_join_grant(room: str) -> str:
    return (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity("ada-1")
        .with_grants(api.VideoGrants(room_list=True, room=room))
        .to_jwt()
    )


BAD_TOKENS: dict[str, Callable[[str], str]] = {
    "expired": expired_token,
    "forged": forged_token,
    "no-exp": token_without_exp,
    "no-join-grant": token_without_join_grant,
    "garbage": garbage_token,
}


@pytest.mark.parametrize("kind", [None, *BAD_TOKENS])
def test_no_bad_or_expired_token_is_a_401(
    db: Database, database_url: str, kind: str | None
) -> None:
    room = add_meeting(db)
    send(mint(room), room, "already here")
    token = BAD_TOKENS[kind](room) if kind else None

    sent = post(token, {"roomName": room, "text": "let me in"})
    read = get(token, room)

    assert (sent.status, read.status) == (401, 401), (sent.body, read.body)
    assert sent.json()["error"]["code"] == "participant_token_invalid"
    assert sent.headers.get("www-authenticate") == "Bearer"
    assert "already here" not in read.body
    assert [r["text"] for r in stored_rows(database_url, room)] == ["already here"]


def test_no_token_is_a_401_even_for_a_bad_body(db: Database) -> None:
    room = add_meeting(db)
    assert post(None, {"roomName": room, "text": ""}).status == 401
    assert post(None, {"text": 5}).status == 401
    assert invoke(handler, "GET", "/api/messages", query={"limit": "0"}).status == 401


def test_a_token_for_another_room_is_a_403(db: Database, database_url: str) -> None:
    room, other = add_meeting(db), add_meeting(db)
    send(mint(room), room, "private to this room")
    outsider = mint(other, identity="eve-1")

    sent = post(outsider, {"roomName": room, "text": "sneaking in"})
    read = get(outsider, room)

    assert (sent.status, read.status) == (403, 403)
    assert read.json()["error"]["code"] == "wrong_room"
    assert "private to this room" not in read.body
    assert stored_rows(database_url, other) == []
    assert len(stored_rows(database_url, room)) == 1


def test_a_room_with_no_meeting_is_a_404(db: Database) -> None:
    token = mint("no-such-room")
    assert post(token, {"roomName": "no-such-room", "text": "anyone?"}).status == 404
    assert get(token, "no-such-room").status == 404


@pytest.mark.parametrize("status", ["ENDED", "CANCELLED"])
def test_a_finished_meeting_takes_no_messages_but_its_history_stays_readable(
    db: Database, database_url: str, status: str
) -> None:
    room = add_meeting(db)
    token = mint(room)
    send(token, room, "before the end")
    with db.transaction() as conn:
        conn.execute(
            "UPDATE meetings SET status = %s, ended_at = now() WHERE room_name = %s",
            (status, room),
        )

    late = post(token, {"roomName": room, "text": "after the end"})

    assert late.status == 410, late.body
    assert late.json()["error"]["code"] == "meeting_over"
    assert texts(get(token, room)) == ["before the end"]
    assert len(stored_rows(database_url, room)) == 1


def test_a_scheduled_meeting_with_a_valid_token_takes_messages(db: Database) -> None:
    # Tokens are issued inside the join window, before the lifecycle pass has run.
    room = add_meeting(db, status="SCHEDULED")
    assert send(mint(room), room, "early")["text"] == "early"


# --- reading and paging ------------------------------------------------------------


def test_history_is_oldest_first_from_every_sender(db: Database) -> None:
    room = add_meeting(db)
    ada, bob = mint(room, "ada-1", "Ada"), mint(room, "bob-1", "Bob")
    send(ada, room, "one")
    send(bob, room, "two")
    send(ada, room, "three")

    messages = get(bob, room).json()["messages"]

    assert [(m["name"], m["text"]) for m in messages] == [
        ("Ada", "one"),
        ("Bob", "two"),
        ("Ada", "three"),
    ]
    assert all(m["roomName"] == room for m in messages)


def test_history_pages_with_after_and_limit(db: Database) -> None:
    room = add_meeting(db)
    token = mint(room)
    sent = [send(token, room, f"m{i}") for i in range(7)]

    first = get(token, room, limit=3).json()["messages"]
    second = get(token, room, limit=3, after=first[-1]["id"]).json()["messages"]
    third = get(token, room, limit=3, after=second[-1]["id"]).json()["messages"]
    done = get(token, room, limit=3, after=third[-1]["id"]).json()["messages"]

    assert [m["id"] for m in first + second + third] == [m["id"] for m in sent]
    assert (len(first), len(second), len(third), done) == (3, 3, 1, [])


def test_history_of_other_rooms_is_not_mixed_in(db: Database) -> None:
    room, other = add_meeting(db), add_meeting(db)
    send(mint(room), room, "here")
    send(mint(other), other, "there")
    assert texts(get(mint(room), room)) == ["here"]


def test_default_page_is_100_and_limit_goes_up_to_200(db: Database) -> None:
    room = add_meeting(db)
    with db.transaction() as conn:
        meeting = meetings_repo.get_by_room(conn, room)
        assert meeting is not None
        conn.execute(
            "INSERT INTO messages (id, meeting_id, room_name, seq, identity, name, text) "
            "SELECT gen_random_uuid(), %s, %s, n, 'ada-1', 'Ada', 'm' || n "
            "FROM generate_series(1, 250) AS n",
            (meeting.id, room),
        )
        conn.execute(
            "INSERT INTO message_counters (meeting_id, last_seq) VALUES (%s, 250)",
            (meeting.id,),
        )
    token = mint(room)

    assert texts(get(token, room))[-1] == "m100"
    assert len(texts(get(token, room, limit=200))) == 200
    assert send(token, room, "next")["text"] == "next"
    assert texts(get(token, room, limit=200))[0] == "m1"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"limit": "0"}, "validation_error"),
        ({"limit": "201"}, "validation_error"),
        ({"limit": "ten"}, "validation_error"),
        ({"after": "not-a-uuid"}, "invalid_cursor"),
    ],
)
def test_bad_paging_parameters_are_422(db: Database, query: dict[str, str], code: str) -> None:
    room = add_meeting(db)
    response = get(mint(room), room, **query)
    assert response.status == 422, response.body
    assert response.json()["error"]["code"] == code


def test_after_must_name_a_message_of_the_same_room(db: Database) -> None:
    room, other = add_meeting(db), add_meeting(db)
    elsewhere = send(mint(other), other, "there")
    token = mint(room)
    send(token, room, "here")

    assert get(token, room, after=elsewhere["id"]).status == 422
    assert get(token, room, after=str(uuid.uuid4())).status == 422


def test_missing_room_name_on_read_is_a_422(db: Database) -> None:
    room = add_meeting(db)
    response = invoke(handler, "GET", "/api/messages", headers=bearer(mint(room)))
    assert response.status == 422


# --- idempotent retries ------------------------------------------------------------


def test_a_retried_message_id_stores_one_message(db: Database, database_url: str) -> None:
    room = add_meeting(db)
    token = mint(room)
    message_id = str(uuid.uuid4())
    body = {"roomName": room, "text": "only once", "id": message_id}

    first = post(token, body)
    again = post(token, body)

    assert (first.status, again.status) == (201, 200)
    assert first.json() == again.json()
    assert first.json()["id"] == message_id
    assert [str(r["id"]) for r in stored_rows(database_url, room)] == [message_id]


def test_a_retry_is_answered_even_after_the_meeting_ended(db: Database) -> None:
    room = add_meeting(db)
    token = mint(room)
    body = {"roomName": room, "text": "sent just in time", "id": str(uuid.uuid4())}
    assert post(token, body).status == 201
    with db.transaction() as conn:
        conn.execute("UPDATE meetings SET status = 'ENDED' WHERE room_name = %s", (room,))

    assert post(token, body).status == 200


@pytest.mark.parametrize("change", ["text", "identity", "room"])
def test_a_reused_id_with_other_content_is_a_409(
    db: Database, database_url: str, change: str
) -> None:
    room, other = add_meeting(db), add_meeting(db)
    message_id = str(uuid.uuid4())
    send(mint(room, "ada-1"), room, "original", id=message_id)
    token, body = mint(room, "ada-1"), {"roomName": room, "text": "original", "id": message_id}
    if change == "text":
        body["text"] = "edited"
    elif change == "identity":
        token = mint(room, "bob-1", "Bob")
    else:
        token, body["roomName"] = mint(other, "ada-1"), other

    response = post(token, body)

    assert response.status == 409, response.body
    assert response.json()["error"]["code"] == "message_id_conflict"
    assert "original" not in response.body
    [row] = stored_rows(database_url, room)
    assert (row["text"], row["identity"]) == ("original", "ada-1")
    assert stored_rows(database_url, other) == []


# --- concurrency -------------------------------------------------------------------


# The "execution environment" a request runs in; the route runs on a worker thread,
# which inherits the context of the thread that invoked the handler.
_environment: ContextVar[str] = ContextVar("environment", default="main")


class PerEnvironmentDatabase(Database):
    """One connection per invoking thread, as each Lambda execution environment has its
    own; the process-wide Database would hand one connection to one request at a time."""

    def __init__(self, url: str) -> None:
        super().__init__(lambda: url)
        self._url_string = url
        self._own: dict[str, Database] = {}
        self._own_lock = threading.Lock()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self._own_lock:
            own = self._own.get(_environment.get())
            if own is None:
                url = self._url_string
                own = self._own[_environment.get()] = Database(lambda: url)
        with own.transaction() as conn:
            yield conn

    def close(self) -> None:
        for own in self._own.values():
            own.close()


@pytest.fixture
def per_thread_db(db: Database, database_url: str) -> Iterator[Database]:
    concurrent = PerEnvironmentDatabase(database_url)
    db_module.set_database(concurrent)
    try:
        yield concurrent
    finally:
        db_module.set_database(db)
        concurrent.close()


def in_own_loop(work: Any) -> threading.Thread:
    """A thread standing for one execution environment: its own event loop (Mangum
    needs one per thread) and its own database connection."""

    def run() -> None:
        _environment.set(threading.current_thread().name)
        asyncio.set_event_loop(asyncio.new_event_loop())
        try:
            work()
        finally:
            asyncio.get_event_loop().close()

    return threading.Thread(target=run)


@pytest.mark.slow
@pytest.mark.usefixtures("rate_limits_lifted")
def test_paging_while_others_write_sees_every_message_once_in_order(
    per_thread_db: Database, database_url: str
) -> None:
    room = add_meeting(per_thread_db)
    writers, per_writer = 4, 40
    failures: list[str] = []
    writing = threading.Event()
    writing.set()

    def writer(n: int) -> None:
        token = mint(room, f"writer-{n}", f"Writer {n}")
        for i in range(per_writer):
            response = post(token, {"roomName": room, "text": f"w{n}-{i}"})
            if response.status != 201:
                failures.append(response.body)

    seen: list[dict[str, Any]] = []

    def reader() -> None:
        token, after = mint(room, "reader-1", "Reader"), None
        while True:
            still_writing = writing.is_set()
            query = {"limit": 7, **({"after": after} if after else {})}
            response = get(token, room, **query)
            if response.status != 200:
                failures.append(response.body)
                return
            page = response.json()["messages"]
            seen.extend(page)
            if page:
                after = page[-1]["id"]
            elif not still_writing:
                return

    threads = [in_own_loop(lambda n=n: writer(n)) for n in range(writers)]
    reading = in_own_loop(reader)
    reading.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    writing.clear()
    reading.join(timeout=60)

    assert failures == []
    stored = stored_rows(database_url, room)
    assert len(stored) == writers * per_writer
    # Every message exactly once, in the order the history keeps.
    assert [m["id"] for m in seen] == [str(r["id"]) for r in stored]
    # Each writer's messages appear in the order that writer sent them.
    for n in range(writers):
        mine = [m["text"] for m in seen if m["identity"] == f"writer-{n}"]
        assert mine == [f"w{n}-{i}" for i in range(per_writer)]


def test_a_retry_racing_its_original_stores_one_message(
    per_thread_db: Database, database_url: str
) -> None:
    room = add_meeting(per_thread_db)
    token = mint(room)
    body = {"roomName": room, "text": "double click", "id": str(uuid.uuid4())}
    statuses: list[int] = []
    start = threading.Barrier(4)

    def attempt() -> None:
        start.wait()
        statuses.append(post(token, body).status)

    threads = [in_own_loop(attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 200, 200, 201]
    assert len(stored_rows(database_url, room)) == 1


# --- secrets and docs --------------------------------------------------------------


def test_tokens_and_the_api_secret_never_reach_the_logs(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    room = add_meeting(db)
    token, forged, other = mint(room), forged_token(room), mint(add_meeting(db))
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="livekit-meet")

    send(token, room, "hello")
    get(token, room)
    post(forged, {"roomName": room, "text": "x"})
    get(other, room)
    post(token, {"roomName": room, "text": ""})

    # Every attribute of every record, extras included, as the JSON formatter would see it.
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "/api/messages" in logged  # the request log is on
    for secret in (token, forged, other, LIVEKIT_SECRET):
        assert secret not in logged
    assert token.split(".")[2] not in logged  # not even the signature


def test_openapi_documents_the_messages_routes() -> None:
    from devserver.app import build_api_app

    document = build_api_app().openapi()
    routes = document["paths"]["/api/messages"]
    assert {"get", "post"} <= set(routes)
    after = next(p for p in routes["get"]["parameters"] if p["name"] == "after")
    assert "id of the last message" in after["description"]
    assert {"200", "201", "401", "403", "409", "410", "422"} <= set(routes["post"]["responses"])
    schema = json.dumps(document["components"]["schemas"]["Message"])
    for field in ("id", "roomName", "identity", "name", "text", "createdAt"):
        assert f'"{field}"' in schema
