"""The lifecycle pass against PostgreSQL and the fake LiveKit server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from lifecycle import rooms as room_work
from lifecycle.service import run_pass
from livekit_local.server import LiveKitServer
from meet_common.db import Database
from meet_common.livekit_rooms import RoomService
from meet_common.repo import admissions
from meet_common.settings import get_settings
from tests.support.meeting_rows import (
    attendance_rows,
    count_rows,
    insert_attendance,
    insert_meeting,
    insert_meetings,
    meeting_row,
)

ZEROS = {
    "activated": 0,
    "ended": 0,
    "roomsCreated": 0,
    "roomsDeleted": 0,
    "roomCallsFailed": 0,
    "roomCallsDeferred": 0,
    "reconciled": 0,
    "webhookEventsPurged": 0,
}


def only(counts: dict[str, int], **nonzero: int) -> bool:
    """The counts this issue's steps report are zero except ``nonzero`` (later steps
    may add counts of their own)."""
    return {key: counts[key] for key in ZEROS} == {**ZEROS, **nonzero}


def now() -> datetime:
    return datetime.now(UTC)


def run(db: Database, when: datetime | None = None) -> dict[str, int]:
    return run_pass(db, RoomService(), now=when or now()).counts()


def created_rooms(fake: LiveKitServer) -> list[str]:
    return sorted(call.request.name for call in fake.calls_to("CreateRoom"))


def deleted_rooms(fake: LiveKitServer) -> list[str]:
    return sorted(call.request.room for call in fake.calls_to("DeleteRoom"))


# --- activation --------------------------------------------------------------------------


def test_a_due_meeting_is_activated_and_its_room_created_with_its_limit(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    due = insert_meeting(
        database_url,
        status="SCHEDULED",
        start_time=now() - timedelta(seconds=5),
        max_participants=7,
    )
    later = insert_meeting(
        database_url,
        status="SCHEDULED",
        start_time=now() + timedelta(hours=1),
        end_time=now() + timedelta(hours=2),
    )

    counts = run(db)

    assert only(counts, activated=1, roomsCreated=1), counts
    [call] = fake_livekit.calls_to("CreateRoom")
    assert (call.request.name, call.request.max_participants) == (due["room_name"], 7)
    assert due["room_name"] in fake_livekit.rooms
    stored = meeting_row(database_url, due["id"])
    assert stored["status"] == "ACTIVE"
    assert stored["room_created_at"] is not None
    assert stored["room_work_until"] is None
    assert meeting_row(database_url, later["id"])["status"] == "SCHEDULED"


def test_a_second_pass_reports_zeros_and_calls_livekit_no_more(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    insert_meetings(database_url, 3)
    insert_meetings(database_url, 2, status="ACTIVE", end_time=now() - timedelta(seconds=1))
    first = run(db)
    calls = len(fake_livekit.calls)

    second = run(db)

    assert (first["activated"], first["ended"], first["roomsCreated"]) == (3, 2, 3)
    assert first["roomsDeleted"] == 2  # rooms LiveKit never had count as gone
    assert set(second.values()) == {0}, second
    assert len(fake_livekit.calls) == calls


def test_a_failed_create_room_is_retried_by_the_next_pass(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    [meeting_id] = insert_meetings(database_url, 1)
    fake_livekit.fail_next("CreateRoom", "unavailable")

    first = run(db)

    assert (first["activated"], first["roomsCreated"], first["roomCallsFailed"]) == (1, 0, 1)
    stored = meeting_row(database_url, meeting_id)
    assert (stored["status"], stored["room_created_at"]) == ("ACTIVE", None)
    assert stored["room_work_until"] is None  # released for the next pass

    second = run(db)

    assert (second["activated"], second["roomsCreated"]) == (0, 1)
    assert stored["room_name"] in fake_livekit.rooms
    assert meeting_row(database_url, meeting_id)["room_created_at"] is not None


def test_an_active_meeting_without_a_confirmed_room_gets_one(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    # An instant meeting whose launch could not create its room, or one the tokens
    # function activated on the spot.
    meeting = insert_meeting(database_url, is_instant=True, max_participants=3)

    counts = run(db)

    assert (counts["activated"], counts["roomsCreated"]) == (0, 1)
    assert fake_livekit.rooms[meeting["room_name"]].max_participants == 3


# --- ending ------------------------------------------------------------------------------


def test_an_expired_meeting_is_ended_and_its_room_deleted(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    start = now() - timedelta(hours=1)
    meeting = insert_meeting(
        database_url,
        start_time=start,
        end_time=now() - timedelta(seconds=1),
        room_created_at=start,
        participant_count=1,
    )
    insert_attendance(database_url, meeting["id"], "ada-1", joined_at=start)
    fake_livekit.add_participant(meeting["room_name"], "ada-1")
    when = now()

    counts = run(db, when)

    assert only(counts, ended=1, roomsDeleted=1), counts
    assert deleted_rooms(fake_livekit) == [meeting["room_name"]]
    assert meeting["room_name"] not in fake_livekit.rooms
    stored = meeting_row(database_url, meeting["id"])
    assert (stored["status"], stored["ended_at"], stored["participant_count"]) == (
        "ENDED",
        when,
        0,
    )
    assert stored["ended_by"] == "schedule"
    assert stored["room_deleted_at"] is not None
    assert [r["left_at"] for r in attendance_rows(database_url, meeting["id"])] == [when]


def test_a_scheduled_meeting_whose_whole_slot_passed_is_ended_without_a_room(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    missed = insert_meeting(
        database_url,
        status="SCHEDULED",
        start_time=now() - timedelta(hours=2),
        end_time=now() - timedelta(hours=1),
    )

    counts = run(db)

    assert (counts["activated"], counts["ended"], counts["roomsCreated"]) == (0, 1, 0)
    assert fake_livekit.calls_to("CreateRoom") == []
    stored = meeting_row(database_url, missed["id"])
    assert (stored["status"], stored["ended_by"]) == ("ENDED", "schedule")


def test_a_failed_delete_room_is_retried_by_the_next_pass(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = insert_meeting(database_url, end_time=now() - timedelta(seconds=1))
    fake_livekit.add_participant(meeting["room_name"], "ada-1")
    fake_livekit.fail_next("DeleteRoom")

    first = run(db)

    assert (first["ended"], first["roomsDeleted"], first["roomCallsFailed"]) == (1, 0, 1)
    assert meeting["room_name"] in fake_livekit.rooms
    assert meeting_row(database_url, meeting["id"])["room_deleted_at"] is None

    second = run(db)

    assert (second["ended"], second["roomsDeleted"], second["roomCallsFailed"]) == (0, 1, 0)
    assert meeting["room_name"] not in fake_livekit.rooms
    assert meeting_row(database_url, meeting["id"])["room_deleted_at"] is not None
    assert len(fake_livekit.calls_to("DeleteRoom")) == 2


def test_a_meeting_a_host_ended_stays_ended_by_the_host_past_its_end_time(
    db: Database, database_url: str
) -> None:
    ended_at = now() - timedelta(minutes=5)
    meeting = insert_meeting(
        database_url,
        status="ENDED",
        ended_at=ended_at,
        ended_by="host",
        end_time=now() - timedelta(seconds=1),
    )

    assert run(db)["ended"] == 0

    stored = meeting_row(database_url, meeting["id"])
    assert (stored["status"], stored["ended_at"], stored["ended_by"]) == (
        "ENDED",
        ended_at,
        "host",
    )


def test_rooms_of_meetings_ended_or_cancelled_elsewhere_are_cleaned_up(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    cancelled = insert_meeting(database_url, status="CANCELLED", ended_at=now())
    ended = insert_meeting(database_url, status="ENDED", ended_at=now())
    done = insert_meeting(database_url, status="ENDED", ended_at=now(), room_deleted_at=now())
    fake_livekit.add_participant(ended["room_name"], "ada-1")

    counts = run(db)

    assert counts["roomsDeleted"] == 2  # the cancelled one's room never existed: done too
    assert deleted_rooms(fake_livekit) == sorted([cancelled["room_name"], ended["room_name"]])
    assert done["room_name"] not in deleted_rooms(fake_livekit)


# --- reconcile -----------------------------------------------------------------------------


def test_open_rows_livekit_no_longer_lists_are_closed_one_list_call_per_meeting(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    joined = now() - timedelta(minutes=10)
    gone = insert_meeting(database_url, room_created_at=joined)  # LiveKit closed its room
    live = insert_meeting(database_url, room_created_at=joined)
    idle = insert_meeting(database_url, room_created_at=joined)  # nobody: not asked about
    for meeting in (gone, live):
        insert_attendance(database_url, meeting["id"], "a", joined_at=joined, updated_at=joined)
        insert_attendance(database_url, meeting["id"], "b", joined_at=joined, updated_at=joined)
    # a is still there (its row has the sid LiveKit gave it); b's leave was lost.
    present = fake_livekit.add_participant(live["room_name"], "a")
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "UPDATE attendance SET participant_sid = %s WHERE meeting_id = %s AND identity = 'a'",
            (present.sid, live["id"]),
        )
    when = now()

    counts = run(db, when)

    assert counts["attendanceChecked"] == 2
    assert counts["leavesRepaired"] == 3
    assert counts["reconciled"] == 2
    assert meeting_row(database_url, gone["id"])["participant_count"] == 0
    assert [r["left_at"] for r in attendance_rows(database_url, gone["id"])] == [when, when]
    assert meeting_row(database_url, live["id"])["participant_count"] == 1
    assert [(r["identity"], r["left_at"]) for r in attendance_rows(database_url, live["id"])] == [
        ("a", None),
        ("b", when),
    ]
    asked = sorted(c.request.room for c in fake_livekit.calls_to("ListParticipants"))
    assert asked == sorted([gone["room_name"], live["room_name"]])
    assert idle["room_name"] not in asked
    again = run(db)
    assert (again["attendanceChecked"], again["leavesRepaired"]) == (1, 0)


def test_a_row_written_after_livekit_was_asked_is_left_for_the_next_pass(
    db: Database, database_url: str
) -> None:
    from meet_common.repo import attendance

    meeting = insert_meeting(database_url)
    asked_at = now()
    insert_attendance(database_url, meeting["id"], "a", joined_at=asked_at)  # written after

    with db.transaction() as conn:
        closed = attendance.close_missing(conn, meeting["id"], [], asked_at=asked_at, at=now())

    assert closed == []
    assert [r["left_at"] for r in attendance_rows(database_url, meeting["id"])] == [None]


def test_a_failed_list_call_is_counted_and_retried_by_the_next_pass(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = insert_meeting(database_url, room_created_at=now())
    earlier = now() - timedelta(minutes=1)
    insert_attendance(database_url, meeting["id"], "a", joined_at=earlier, updated_at=earlier)
    fake_livekit.add_participant("elsewhere", "x")  # LiveKit is up; this room is not there
    fake_livekit.fail_next("ListParticipants", "unavailable")

    counts = run(db)

    assert (counts["attendanceCheckFailed"], counts["leavesRepaired"]) == (1, 0)
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1
    assert meeting_row(database_url, meeting["id"])["reconcile_until"] is None  # released
    counts = run(db)
    assert (counts["attendanceChecked"], counts["leavesRepaired"]) == (1, 1)
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 0


def test_a_meeting_another_pass_is_checking_is_skipped(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    earlier = now() - timedelta(minutes=1)
    meeting = insert_meeting(
        database_url, room_created_at=earlier, reconcile_until=now() + timedelta(minutes=1)
    )
    insert_attendance(database_url, meeting["id"], "a", joined_at=earlier, updated_at=earlier)

    counts = run(db)

    assert counts["attendanceChecked"] == 0
    assert fake_livekit.calls_to("ListParticipants") == []
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1


# --- concurrency and retries -------------------------------------------------------------


@pytest.fixture
def second_db(database_url: str) -> Iterator[Database]:
    other = Database(lambda: database_url)
    yield other
    other.close()


def test_two_passes_at_once_apply_each_change_once(
    db: Database, second_db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    insert_meetings(database_url, 40)
    insert_meetings(database_url, 20, status="ACTIVE", end_time=now() - timedelta(seconds=1))
    fake_livekit.latency_seconds = 0.01
    start = threading.Barrier(2)
    results: list[dict[str, int]] = []

    def one_pass(database: Database) -> None:
        start.wait()
        results.append(run(database))

    threads = [threading.Thread(target=one_pass, args=(d,)) for d in (db, second_db)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    total = {key: sum(r[key] for r in results) for key in ZEROS}
    assert (total["activated"], total["ended"]) == (40, 20)
    assert (total["roomsCreated"], total["roomsDeleted"]) == (40, 20)
    assert len(fake_livekit.calls_to("CreateRoom")) == 40
    assert len(fake_livekit.calls_to("DeleteRoom")) == 20
    assert count_rows(database_url, "meetings", "status = 'SCHEDULED'") == 0
    assert count_rows(database_url, "meetings", "room_work_until IS NOT NULL") == 0


def test_room_calls_run_concurrently_within_the_bound(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    insert_meetings(database_url, 48)
    fake_livekit.latency_seconds = 0.05

    counts = run(db)

    assert counts["roomsCreated"] == 48
    assert 1 < fake_livekit.peak_in_flight <= room_work.ROOM_CALL_CONCURRENCY


def test_calls_not_started_within_the_budget_are_left_for_the_next_pass(
    db: Database, database_url: str, fake_livekit: LiveKitServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert_meetings(database_url, 5)
    monkeypatch.setattr(room_work, "ROOM_CALL_BUDGET_SECONDS", 0.0)

    first = run(db)

    assert (first["activated"], first["roomsCreated"], first["roomCallsDeferred"]) == (5, 0, 5)
    assert fake_livekit.calls_to("CreateRoom") == []
    monkeypatch.undo()
    assert run(db)["roomsCreated"] == 5


def test_a_pass_that_cannot_reach_livekit_fails_no_meeting_change(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    [meeting_id] = insert_meetings(database_url, 1)
    unreachable = get_settings().model_copy(update={"livekit_url": "ws://127.0.0.1:9"})

    counts = run_pass(db, RoomService(unreachable), now=now()).counts()

    assert (counts["activated"], counts["roomCallsFailed"]) == (1, 1)
    stored = meeting_row(database_url, meeting_id)
    assert (stored["status"], stored["room_created_at"], stored["room_work_until"]) == (
        "ACTIVE",
        None,
        None,
    )
    assert run(db)["roomsCreated"] == 1


def test_a_room_created_for_a_meeting_that_ended_meanwhile_is_owed_a_delete(
    db: Database, database_url: str
) -> None:
    from meet_common.repo import meetings as repo

    meeting = insert_meeting(database_url, status="ENDED", ended_at=now(), room_deleted_at=now())

    with db.transaction() as conn:
        repo.record_room_work(conn, now(), created=[meeting["id"]])

    stored = meeting_row(database_url, meeting["id"])
    assert stored["room_created_at"] is not None
    assert stored["room_deleted_at"] is None


# --- statements and housekeeping ----------------------------------------------------------


class CountingCursor(psycopg.Cursor[Any]):
    executed = 0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        CountingCursor.executed += 1
        return super().execute(*args, **kwargs)


class CountingDatabase(Database):
    def _connect(self) -> Any:
        conn = super()._connect()
        conn.cursor_factory = CountingCursor
        return conn


def statements_for_a_pass(database_url: str, due: int, expired: int) -> int:
    insert_meetings(database_url, due)
    insert_meetings(database_url, expired, status="ACTIVE", end_time=now() - timedelta(seconds=1))
    counting = CountingDatabase(lambda: database_url)
    CountingCursor.executed = 0
    try:
        counts = run_pass(counting, RoomService(), now=now()).counts()
    finally:
        counting.close()
    assert (counts["activated"], counts["ended"]) == (due, expired)
    return CountingCursor.executed


def test_the_number_of_statements_does_not_grow_with_the_number_of_meetings(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    few = statements_for_a_pass(database_url, due=2, expired=1)
    with psycopg.connect(database_url) as conn:
        conn.execute("TRUNCATE meetings CASCADE")

    many = statements_for_a_pass(database_url, due=60, expired=30)

    assert few == many
    assert many <= 12


def test_old_webhook_event_ids_are_forgotten(db: Database, database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "INSERT INTO webhook_events (id, event, room_name, occurred_at, received_at) "
            "VALUES ('old', 'room_started', 'r', now(), now() - interval '8 days'), "
            "('new', 'room_started', 'r', now(), now() - interval '1 day')"
        )

    counts = run(db)

    assert counts["webhookEventsPurged"] == 1
    assert count_rows(database_url, "webhook_events") == 1


@pytest.mark.parametrize("step", ["activate_due", "end_expired"])
def test_a_step_skips_rows_another_pass_holds_and_never_reapplies_them(
    db: Database, database_url: str, step: str
) -> None:
    from psycopg.rows import dict_row

    from meet_common.repo import meetings as repo

    insert_meetings(database_url, 3)
    insert_meetings(database_url, 2, status="ACTIVE", end_time=now() - timedelta(seconds=1))
    apply = getattr(repo, step)
    when = now()
    with (
        psycopg.connect(database_url, row_factory=dict_row) as first,
        psycopg.connect(database_url, row_factory=dict_row) as second,
    ):
        second.execute("SET lock_timeout = '2s'")
        held = apply(first, when)  # first pass's transaction, not yet committed

        assert held
        assert apply(second, when) == []  # skipped, not waited for
        second.rollback()
        first.commit()

        assert apply(second, when) == []  # and once committed, nothing is left to do


# --- instant meetings nobody is in --------------------------------------------------------


def test_an_instant_meeting_everyone_left_ends_after_the_idle_minutes(
    db: Database, database_url: str
) -> None:
    idle = timedelta(minutes=get_settings().instant_idle_end_minutes)
    assert idle == timedelta(minutes=15)  # the documented default
    when = now()
    long_ago = when - idle - timedelta(minutes=1)

    def instant(**values: Any) -> dict[str, Any]:
        return insert_meeting(
            database_url,
            is_instant=True,
            start_time=when - timedelta(hours=1),
            end_time=when + timedelta(hours=1),
            **values,
        )

    left = instant(started_at=long_ago - timedelta(minutes=5))
    insert_attendance(database_url, left["id"], "a", joined_at=long_ago, left_at=long_ago)
    recently = instant(started_at=long_ago)
    insert_attendance(database_url, recently["id"], "a", joined_at=long_ago, left_at=long_ago)
    insert_attendance(
        database_url, recently["id"], "b", joined_at=long_ago, left_at=when - idle / 2
    )
    still_in = instant(started_at=long_ago)
    insert_attendance(database_url, still_in["id"], "a", joined_at=long_ago)
    never_joined = instant()  # the shared link waits for its first guest
    scheduled = insert_meeting(database_url, started_at=long_ago)
    insert_attendance(database_url, scheduled["id"], "a", joined_at=long_ago, left_at=long_ago)

    counts = run(db, when)

    assert (counts["ended"], counts["endedIdle"]) == (1, 1)
    ended = meeting_row(database_url, left["id"])
    assert (ended["status"], ended["ended_at"], ended["ended_by"]) == ("ENDED", when, "empty")
    for meeting in (recently, still_in, never_joined, scheduled):
        running = meeting_row(database_url, meeting["id"])
        assert (running["status"], running["ended_by"]) == ("ACTIVE", None)
    assert run(db, when)["endedIdle"] == 0


def test_the_pass_expires_admission_requests_nobody_polls(
    db: Database, database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = insert_meeting(database_url)
    now = datetime.now(UTC)
    with db.transaction() as conn:
        stale = admissions.create(
            conn,
            meeting["id"],
            secret_hash=b"x" * 32,
            identity="guest-1",
            name="Guest",
            email=None,
            at=now - timedelta(seconds=31),
        )

    counts = run_pass(db, RoomService(), now=now).counts()

    with db.transaction() as conn:
        stored = admissions.get(conn, meeting["id"], stale.id)
    assert counts["admissionRequestsExpired"] == 1
    assert stored is not None
    assert stored.status == "expired"
