"""History order against real PostgreSQL: a message whose insert is still running
can never be passed by a reader and then appear behind it.

These tests hold one insert transaction open on purpose, which the HTTP layer
cannot do, so they drive the service with connections of their own.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from meet_common.db import Database
from meet_common.participant_auth import Participant
from meet_common.repo import meetings as meetings_repo
from meet_common.repo import messages as repo
from meet_common.settings import Settings
from messages import service
from messages.models import MessageCreate


def add_meeting(db: Database) -> tuple[uuid.UUID, str]:
    now = datetime.now(UTC)
    meeting_id, room = uuid.uuid4(), f"order-{secrets.token_hex(3)}"
    with db.transaction() as conn:
        meetings_repo.insert(
            conn,
            {
                "id": meeting_id,
                "title": "Ordering",
                "room_name": room,
                "status": "ACTIVE",
                "start_time": now,
                "end_time": now + timedelta(hours=1),
                "password": "pw-123456",
                "host_key": "hk-123456",
            },
        )
    return meeting_id, room


@pytest.fixture
def other_db(db: Database, database_url: str) -> Iterator[Database]:
    """A second connection, as a second Lambda execution environment would have."""
    second = Database(lambda: database_url)
    yield second
    second.close()


# These tests are about order under concurrency, not the rate limits.
UNLIMITED_CHAT = Settings(chat_participant_limit=10**9, chat_meeting_limit=10**9)


def participant(room: str, identity: str) -> Participant:
    return Participant(identity=identity, name=identity, room=room, is_admin=False)


def post(db: Database, room: str, identity: str, text: str) -> str:
    record, _ = service.post_message(
        db,
        participant(room, identity),
        MessageCreate(room_name=room, text=text),
        now=datetime.now(UTC),
        settings=UNLIMITED_CHAT,
    )
    return record.text


def read_all_after(db: Database, room: str, after: str | None) -> list[repo.MessageRecord]:
    return service.list_messages(db, participant(room, "reader"), after=after, limit=200)


def test_a_later_writer_waits_so_a_reader_never_skips_the_slower_one(
    db: Database, other_db: Database, database_url: str
) -> None:
    """The slow writer takes its place first and is still inside its transaction when
    a second writer sends. With a plain sequence, the second message would commit
    first with the higher number, the reader would page past it, and the slow
    message would later appear behind the reader's position: lost to that reader."""
    _, room = add_meeting(db)
    slow_meeting_holds = threading.Event()
    release_slow = threading.Event()
    slow_done = threading.Event()

    def slow_writer(conn_db: Database) -> None:
        with conn_db.transaction() as conn:
            meeting = meetings_repo.get_by_room(conn, room)
            assert meeting is not None
            repo.insert(
                conn,
                repo.MessageRecord(
                    id=uuid.uuid4(),
                    meeting_id=meeting.id,
                    room_name=room,
                    seq=repo.next_seq(conn, meeting.id),
                    identity="slow",
                    name="slow",
                    text="first",
                    created_at=datetime.now(UTC),
                ),
            )
            slow_meeting_holds.set()
            release_slow.wait(10)
        slow_done.set()

    reader_db = Database(lambda: database_url)
    slow = threading.Thread(target=slow_writer, args=(db,))
    slow.start()
    assert slow_meeting_holds.wait(10)
    fast = threading.Thread(target=post, args=(other_db, room, "fast", "second"))
    fast.start()
    fast.join(0.5)  # gives the second writer every chance to commit ahead

    try:
        first_page = read_all_after(reader_db, room, None)
        release_slow.set()
        slow.join(10)
        fast.join(10)
        after = str(first_page[-1].id) if first_page else None
        second_page = read_all_after(reader_db, room, after)
    finally:
        release_slow.set()
        reader_db.close()

    seen = [m.text for m in first_page + second_page]
    assert seen == ["first", "second"]
    assert slow_done.is_set()


def test_positions_are_dense_and_per_meeting(db: Database) -> None:
    meeting_a, room_a = add_meeting(db)
    meeting_b, room_b = add_meeting(db)
    for text in ("a1", "a2", "a3"):
        post(db, room_a, "ada", text)
    post(db, room_b, "bob", "b1")

    with db.transaction() as conn:
        a = repo.list_after(conn, meeting_a, after_seq=0, limit=10)
        b = repo.list_after(conn, meeting_b, after_seq=0, limit=10)
    assert [(m.seq, m.text) for m in a] == [(1, "a1"), (2, "a2"), (3, "a3")]
    assert [(m.seq, m.text) for m in b] == [(1, "b1")]


def test_a_rolled_back_insert_gives_its_position_back(db: Database) -> None:
    meeting_id, room = add_meeting(db)

    class Abort(Exception):
        pass

    def take_a_position_then_fail() -> None:
        with db.transaction() as conn:
            assert repo.next_seq(conn, meeting_id) == 1
            raise Abort

    with pytest.raises(Abort):
        take_a_position_then_fail()
    post(db, room, "ada", "kept")

    with db.transaction() as conn:
        [kept] = repo.list_after(conn, meeting_id, after_seq=0, limit=10)
    assert kept.seq == 1
