"""The webhook function through its real Lambda entry point: signed the way LiveKit
signs, against PostgreSQL."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from meet_common import deps
from meet_common.db import Database
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support import livekit_webhooks as lk
from tests.support.apigw import LambdaResponse, invoke
from tests.support.meeting_rows import attendance_rows, count_rows, insert_meeting, meeting_row
from webhook.app import app
from webhook.handler import handler

pytestmark = pytest.mark.usefixtures("db")

PATH = "/api/livekit/webhook"
T0 = int(datetime(2026, 5, 4, 9, 0, tzinfo=UTC).timestamp())


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(T0 + seconds, UTC)


def deliver(message: Any, **kwargs: Any) -> LambdaResponse:
    sent = lk.delivery(message, LIVEKIT_KEY, LIVEKIT_SECRET)
    return invoke(handler, "POST", PATH, raw_body=sent.body, headers=sent.headers, **kwargs)


# --- signature -------------------------------------------------------------------------


def test_signed_room_started_activates_a_scheduled_meeting_but_nobody_started_it(
    database_url: str,
) -> None:
    meeting = insert_meeting(database_url, status="SCHEDULED")

    response = deliver(lk.event("room_started", meeting["room_name"], created_at=T0))

    assert response.status == 200, response.body
    assert response.json() == {"event": "room_started", "outcome": "applied"}
    stored = meeting_row(database_url, meeting["id"])
    assert stored["status"] == "ACTIVE"
    # LiveKit starts a room on CreateRoom, before anyone is in it.
    assert stored["started_at"] is None


def test_base64_body_and_lower_case_headers_are_verified_over_the_raw_bytes(
    database_url: str,
) -> None:
    meeting = insert_meeting(database_url)
    sent = lk.delivery(
        lk.event("participant_joined", meeting["room_name"], identity="ada-1", name="Ada"),
        LIVEKIT_KEY,
        LIVEKIT_SECRET,
    )
    headers = {name.lower(): value for name, value in sent.headers.items()}

    response = invoke(handler, "POST", PATH, raw_body=sent.body, headers=headers, base64_body=True)

    assert response.status == 200, response.body
    assert response.json()["outcome"] == "applied"
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1


def test_a_bearer_prefix_on_the_signature_is_accepted(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    sent = lk.delivery(lk.event("room_started", meeting["room_name"]), LIVEKIT_KEY, LIVEKIT_SECRET)
    headers = {**sent.headers, "Authorization": "Bearer " + sent.headers["Authorization"]}

    response = invoke(handler, "POST", PATH, raw_body=sent.body, headers=headers)

    assert response.status == 200, response.body


def _rejected(response: LambdaResponse, database_url: str, meeting_id: uuid.UUID) -> None:
    assert response.status == 401, response.body
    assert response.json()["error"]["code"] == "webhook_signature_invalid"
    assert count_rows(database_url, "webhook_events") == 0
    assert meeting_row(database_url, meeting_id)["started_at"] is None


def test_a_webhook_signed_with_another_secret_is_rejected(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    body = lk.body_of(lk.event("room_started", meeting["room_name"]))
    forged = lk.sign(body, LIVEKIT_KEY, "not-the-livekit-secret-at-all-000")

    response = invoke(handler, "POST", PATH, raw_body=body, headers={"Authorization": forged})

    _rejected(response, database_url, meeting["id"])


def test_a_body_changed_after_signing_is_rejected(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    other = insert_meeting(database_url)
    sent = lk.delivery(lk.event("room_started", meeting["room_name"]), LIVEKIT_KEY, LIVEKIT_SECRET)
    tampered = sent.body.replace(meeting["room_name"], other["room_name"])

    response = invoke(handler, "POST", PATH, raw_body=tampered, headers=sent.headers)

    _rejected(response, database_url, other["id"])


def test_an_unsigned_webhook_is_rejected(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    body = lk.body_of(lk.event("room_started", meeting["room_name"]))

    response = invoke(
        handler,
        "POST",
        PATH,
        raw_body=body,
        headers={"Content-Type": "application/webhook+json"},
    )

    _rejected(response, database_url, meeting["id"])


def test_an_expired_signature_is_rejected(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    body = lk.body_of(lk.event("room_started", meeting["room_name"]))
    expired = lk.sign(body, LIVEKIT_KEY, LIVEKIT_SECRET, ttl=timedelta(minutes=-10))

    response = invoke(handler, "POST", PATH, raw_body=body, headers={"Authorization": expired})

    _rejected(response, database_url, meeting["id"])


def test_a_token_without_a_body_hash_is_rejected(database_url: str) -> None:
    from livekit import api

    meeting = insert_meeting(database_url)
    body = lk.body_of(lk.event("room_started", meeting["room_name"]))
    no_hash = api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET).to_jwt()

    response = invoke(handler, "POST", PATH, raw_body=body, headers={"Authorization": no_hash})

    _rejected(response, database_url, meeting["id"])


def test_a_signed_body_that_is_not_an_event_is_a_400() -> None:
    body = '{"event": ["not", "a", "string"]}'
    response = invoke(
        handler,
        "POST",
        PATH,
        raw_body=body,
        headers={"Authorization": lk.sign(body, LIVEKIT_KEY, LIVEKIT_SECRET)},
    )

    assert response.status == 400, response.body
    assert response.json()["error"]["code"] == "webhook_event_invalid"


# --- applied once ----------------------------------------------------------------------


def test_a_redelivered_event_changes_nothing(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    joined = lk.event("participant_joined", meeting["room_name"], identity="ada-1")
    left = lk.event("participant_left", meeting["room_name"], identity="ada-1", created_at=T0 + 60)

    first = deliver(joined)
    deliver(left)
    again = deliver(joined)

    assert first.json()["outcome"] == "applied"
    assert again.status == 200
    assert again.json()["outcome"] == "duplicate"
    rows = attendance_rows(database_url, meeting["id"])
    assert len(rows) == 1
    assert rows[0]["left_at"] == at(60)
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0


@pytest.fixture
def connection_per_thread(database_url: str) -> Iterator[None]:
    """Each request thread gets its own connection, as concurrent Lambdas would."""
    local = threading.local()
    opened: list[Database] = []

    def per_thread() -> Database:
        if not hasattr(local, "db"):
            local.db = Database(lambda: database_url)
            opened.append(local.db)
        return local.db  # type: ignore[no-any-return]

    app.dependency_overrides[deps.database] = per_thread
    yield
    app.dependency_overrides.pop(deps.database, None)
    for db in opened:
        db.close()


@pytest.mark.usefixtures("connection_per_thread")
def test_five_concurrent_deliveries_of_one_event_are_applied_once(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    sent = lk.delivery(
        lk.event("participant_joined", meeting["room_name"], identity="ada-1", name="Ada"),
        LIVEKIT_KEY,
        LIVEKIT_SECRET,
    )
    start = threading.Barrier(5)
    responses: list[LambdaResponse] = []

    def deliver_once() -> None:
        loop = asyncio.new_event_loop()  # Mangum runs the app on the thread's loop
        asyncio.set_event_loop(loop)
        start.wait()
        responses.append(invoke(handler, "POST", PATH, raw_body=sent.body, headers=sent.headers))
        loop.close()

    threads = [threading.Thread(target=deliver_once) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status for r in responses) == [200] * 5
    outcomes = sorted(r.json()["outcome"] for r in responses)
    assert outcomes == ["applied", "duplicate", "duplicate", "duplicate", "duplicate"]
    assert len(attendance_rows(database_url, meeting["id"])) == 1
    assert count_rows(database_url, "webhook_events") == 1
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1


# --- attendance and participant count --------------------------------------------------


def test_join_and_leave_keep_attendance_and_the_participant_count(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]

    deliver(
        lk.event(
            "participant_joined", room, identity="alex-a1", name="Alex", joined_at=T0, created_at=T0
        )
    )
    deliver(
        lk.event("participant_joined", room, identity="alex-b2", name="Alex", created_at=T0 + 5)
    )
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 2

    deliver(
        lk.event("participant_left", room, identity="alex-a1", joined_at=T0, created_at=T0 + 90)
    )
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1
    deliver(lk.event("participant_left", room, identity="alex-b2", created_at=T0 + 95))

    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0
    rows = attendance_rows(database_url, meeting["id"])
    assert [(r["identity"], r["name"]) for r in rows] == [("alex-a1", "Alex"), ("alex-b2", "Alex")]
    assert [(r["joined_at"], r["left_at"]) for r in rows] == [(at(0), at(90)), (at(5), at(95))]


def test_the_first_join_sets_started_at_whatever_order_the_joins_arrive_in(
    database_url: str,
) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]
    deliver(lk.event("room_started", room, created_at=T0 - 300))
    assert meeting_row(database_url, meeting["id"])["started_at"] is None

    deliver(lk.event("participant_joined", room, identity="b", joined_at=T0 + 60))
    deliver(lk.event("participant_joined", room, identity="a", joined_at=T0))

    assert meeting_row(database_url, meeting["id"])["started_at"] == at(0)


def test_a_reconnect_whose_leave_was_lost_is_one_person_in_the_meeting(
    database_url: str,
) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]
    deliver(lk.event("participant_joined", room, identity="ada", sid="PA_1", joined_at=T0))
    # The first connection's participant_left never arrives; the reconnect has a new sid.
    deliver(lk.event("participant_joined", room, identity="ada", sid="PA_2", joined_at=T0 + 30))

    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1
    rows = attendance_rows(database_url, meeting["id"])
    assert [(r["participant_sid"], r["left_at"]) for r in rows] == [
        ("PA_1", at(30)),
        ("PA_2", None),
    ]

    # The lost leave turning up late moves the first row's leave earlier, never reopens it.
    deliver(lk.event("participant_left", room, identity="ada", sid="PA_1", created_at=T0 + 20))
    rows = attendance_rows(database_url, meeting["id"])
    assert [(r["participant_sid"], r["left_at"]) for r in rows] == [
        ("PA_1", at(20)),
        ("PA_2", None),
    ]
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1


def test_an_earlier_connections_join_arriving_late_does_not_reopen_it(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]
    deliver(lk.event("participant_joined", room, identity="ada", sid="PA_2", joined_at=T0 + 30))
    deliver(lk.event("participant_joined", room, identity="ada", sid="PA_1", joined_at=T0))

    rows = attendance_rows(database_url, meeting["id"])
    assert [(r["participant_sid"], r["left_at"]) for r in rows] == [
        ("PA_1", at(30)),
        ("PA_2", None),
    ]
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1


def test_an_aborted_connection_is_not_attendance_but_ends_the_identitys_older_session(
    database_url: str,
) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]
    deliver(lk.event("participant_joined", room, identity="ada", sid="PA_1", joined_at=T0))
    deliver(lk.event("participant_joined", room, identity="bob", sid="PA_9", joined_at=T0))
    # A new session of ada (which replaced PA_1 when it started) never became active.
    deliver(
        lk.event(
            "participant_connection_aborted",
            room,
            identity="ada",
            sid="PA_2",
            joined_at=T0 + 40,
            created_at=T0 + 50,
        )
    )
    # A connection that never got anywhere at all.
    deliver(lk.event("participant_connection_aborted", room, identity="cat", sid="PA_5"))
    # Bob had joined; should LiveKit report his leave as aborted, he still left then.
    deliver(
        lk.event(
            "participant_connection_aborted",
            room,
            identity="bob",
            sid="PA_9",
            joined_at=T0,
            created_at=T0 + 70,
        )
    )

    rows = attendance_rows(database_url, meeting["id"])
    assert [(r["identity"], r["participant_sid"], r["left_at"]) for r in rows] == [
        ("ada", "PA_1", at(40)),
        ("bob", "PA_9", at(70)),
    ]
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0


def test_a_leave_delivered_before_its_join_still_leaves_a_closed_record(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]

    deliver(lk.event("participant_left", room, identity="kim-1", joined_at=T0, created_at=T0 + 300))
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0

    late_join = deliver(
        lk.event("participant_joined", room, identity="kim-1", name="Kim", created_at=T0)
    )

    assert late_join.json()["outcome"] == "applied"
    rows = attendance_rows(database_url, meeting["id"])
    assert len(rows) == 1
    assert (rows[0]["joined_at"], rows[0]["left_at"], rows[0]["name"]) == (at(0), at(300), "Kim")
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0


def test_a_leave_without_a_join_time_is_corrected_by_the_late_join(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]

    deliver(lk.event("participant_left", room, identity="kim-1", created_at=T0 + 300))
    deliver(lk.event("participant_joined", room, identity="kim-1", joined_at=T0, created_at=T0))

    [row] = attendance_rows(database_url, meeting["id"])
    assert (row["joined_at"], row["left_at"]) == (at(0), at(300))


def test_the_count_never_goes_negative(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    for identity in ("a", "b"):
        deliver(lk.event("participant_left", meeting["room_name"], identity=identity))

    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0


def test_a_join_to_a_finished_meeting_is_recorded_but_not_counted(database_url: str) -> None:
    meeting = insert_meeting(database_url, status="ENDED", ended_at=at(600))

    deliver(lk.event("participant_joined", meeting["room_name"], identity="late", created_at=T0))

    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0
    [row] = attendance_rows(database_url, meeting["id"])
    assert (row["joined_at"], row["left_at"]) == (at(0), at(600))


# --- rooms -------------------------------------------------------------------------------


def test_room_finished_never_ends_an_instant_meeting(database_url: str) -> None:
    # LiveKit closes an idle room 300 s after creating it and an emptied one
    # departure_timeout after the last leave: the shared link must keep working.
    meeting = insert_meeting(database_url, is_instant=True)
    room = meeting["room_name"]
    deliver(lk.event("participant_joined", room, identity="ada-1", created_at=T0))

    deliver(lk.event("room_finished", room, created_at=T0 + 600))

    stored = meeting_row(database_url, meeting["id"])
    assert (stored["status"], stored["ended_at"], stored["participant_count"]) == (
        "ACTIVE",
        None,
        0,
    )
    assert stored["room_closed_at"] == at(600)
    assert stored["room_deleted_at"] is None
    [row] = attendance_rows(database_url, meeting["id"])
    assert row["left_at"] == at(600)

    deliver(lk.event("room_started", room, created_at=T0 + 900))  # a join re-created it
    assert meeting_row(database_url, meeting["id"])["room_closed_at"] is None


def test_room_finished_of_a_finished_meeting_means_its_room_is_gone(database_url: str) -> None:
    meeting = insert_meeting(database_url, status="ENDED", ended_at=at(0))

    deliver(lk.event("room_finished", meeting["room_name"], created_at=T0 + 60))

    assert meeting_row(database_url, meeting["id"])["room_deleted_at"] == at(60)


def test_room_finished_empties_a_scheduled_meeting_without_ending_it(database_url: str) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]
    deliver(lk.event("participant_joined", room, identity="ada-1", created_at=T0))

    deliver(lk.event("room_finished", room, created_at=T0 + 600))

    stored = meeting_row(database_url, meeting["id"])
    assert (stored["status"], stored["ended_at"], stored["participant_count"]) == (
        "ACTIVE",
        None,
        0,
    )


def test_a_finished_meetings_room_that_starts_again_is_owed_a_delete(database_url: str) -> None:
    meeting = insert_meeting(database_url, status="ENDED", ended_at=at(0), room_deleted_at=at(0))

    deliver(lk.event("room_started", meeting["room_name"], created_at=T0 + 60))

    stored = meeting_row(database_url, meeting["id"])
    assert stored["status"] == "ENDED"
    assert stored["room_deleted_at"] is None


def test_events_for_an_unknown_room_are_accepted_and_ignored(database_url: str) -> None:
    response = deliver(lk.event("participant_joined", "not-ours-1234", identity="x"))

    assert response.status == 200
    assert response.json() == {"event": "participant_joined", "outcome": "ignored"}
    assert count_rows(database_url, "webhook_events") == 0
    assert count_rows(database_url, "attendance") == 0


def test_event_kinds_the_service_does_not_use_are_ignored(database_url: str) -> None:
    meeting = insert_meeting(database_url)

    response = deliver(lk.event("track_published", meeting["room_name"], identity="ada-1"))

    assert response.status == 200
    assert response.json()["outcome"] == "ignored"
    assert count_rows(database_url, "webhook_events") == 0


def test_a_signed_event_with_nul_characters_is_applied_not_lost(database_url: str) -> None:
    # PostgreSQL text cannot hold NUL; refusing the event with a 4xx would lose it.
    meeting = insert_meeting(database_url)
    joined = deliver(
        lk.event(
            "participant_joined",
            meeting["room_name"],
            identity="ne\x00ro",
            name="Ne\x00ro",
            created_at=T0,
        )
    )
    odd_room = deliver(lk.event("room_started", "room\x00name", created_at=T0))

    assert joined.status == 200
    assert joined.json()["outcome"] == "applied"
    assert odd_room.status == 200
    assert odd_room.json()["outcome"] == "ignored"
    rows = attendance_rows(database_url, meeting["id"])
    assert [(r["identity"], r["name"]) for r in rows] == [("nero", "Nero")]
