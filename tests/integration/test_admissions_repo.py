"""admission_requests in PostgreSQL: decisions race safely, and stale requests expire."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from meet_common.db import Database
from meet_common.repo import admissions
from meet_common.repo.admissions import AdmissionRecord, Decision
from tests.support.meeting_rows import insert_meeting

pytestmark = pytest.mark.usefixtures("db")


def new_request(db: Database, meeting_id: uuid.UUID, at: datetime) -> AdmissionRecord:
    with db.transaction() as conn:
        return admissions.create(
            conn,
            meeting_id,
            secret_hash=uuid.uuid4().bytes,
            identity=f"guest-{uuid.uuid4().hex[:12]}",
            name="Guest",
            email=None,
            at=at,
        )


def race(database_url: str, work: list[Any]) -> list[Any]:
    """Each callable on its own thread and its own connection, released together."""
    start = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        own = Database(lambda: database_url)
        start.wait()
        results[index] = work[index](own)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_admit_and_deny_at_once_leave_exactly_one_outcome(db: Database, database_url: str) -> None:
    meeting = insert_meeting(database_url)
    now = datetime.now(UTC)
    cutoff = now - timedelta(seconds=30)

    for _ in range(15):
        request = new_request(db, meeting["id"], now)

        def deciding(decision: Decision, request_id: uuid.UUID = request.id) -> Any:
            def work(own: Database) -> AdmissionRecord | None:
                with own.transaction() as conn:
                    return admissions.decide(
                        conn, meeting["id"], request_id, decision, by="h", at=now, cutoff=cutoff
                    )

            return work

        results = race(database_url, [deciding("admitted"), deciding("denied")])

        winners = [r for r in results if r is not None]
        assert len(winners) == 1, results
        with db.transaction() as conn:
            stored = admissions.get(conn, meeting["id"], request.id)
        assert stored is not None
        assert stored.status == winners[0].status


def test_two_admits_at_once_admit_once(db: Database, database_url: str) -> None:
    meeting = insert_meeting(database_url)
    now = datetime.now(UTC)
    request = new_request(db, meeting["id"], now)

    def admit(own: Database) -> AdmissionRecord | None:
        with own.transaction() as conn:
            return admissions.decide(
                conn,
                meeting["id"],
                request.id,
                "admitted",
                by="h",
                at=now,
                cutoff=now - timedelta(seconds=30),
            )

    results = race(database_url, [admit, admit, admit])

    assert sum(r is not None for r in results) == 1


def test_stale_requests_expire_and_old_ones_are_forgotten(db: Database, database_url: str) -> None:
    meeting = insert_meeting(database_url)
    now = datetime.now(UTC)
    fresh = new_request(db, meeting["id"], now)
    stale = new_request(db, meeting["id"], now - timedelta(seconds=40))
    ancient = new_request(db, meeting["id"], now - timedelta(days=2))

    with db.transaction() as conn:
        changed = admissions.expire_stale(
            conn, cutoff=now - timedelta(seconds=30), forget_before=now - timedelta(days=1)
        )
        left = {r.id: r.status for r in admissions.waiting(conn, meeting["id"], cutoff=now)}
        stale_now = admissions.get(conn, meeting["id"], stale.id)
        ancient_now = admissions.get(conn, meeting["id"], ancient.id)

    assert changed == 2  # stale expired, ancient deleted
    assert left == {fresh.id: "waiting"}
    assert stale_now is not None
    assert stale_now.status == "expired"
    assert ancient_now is None
