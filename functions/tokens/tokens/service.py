"""The rules of joining: who gets a LiveKit token for which room, and when.

A token request is checked in this order, and the first failing check answers:

1. unknown meeting → 404 ``meeting_not_found`` (nothing to count a failure against);
2. too many failed attempts from this client on this meeting → 429
   ``too_many_attempts`` with Retry-After, even with the right credentials, so a
   guesser learns nothing;
3. ENDED, CANCELLED or past its end time → 410 ``meeting_over`` (LiveKit would
   otherwise re-create the room for the token);
4. wrong password → 401 ``wrong_password``, then a wrong host key (when one is
   given) → 401 ``wrong_host_key``;
5. private meeting: no email → 422 ``email_required``, an email not on the
   allowlist → 403 ``not_invited``; a valid host key stands in for the allowlist;
5b. a host locked the meeting → 403 ``meeting_locked``, unless a valid host key
   is given (the host still gets in);
6. SCHEDULED and more than JOIN_EARLY_MINUTES before the start → 409
   ``not_started`` (with ``startTime`` and ``joinOpensAt``).

A guest (no host key) who passes them all on a waiting-room meeting gets no token:
an admission request is made instead (202), and the hosts in the room are told
(see ``tokens.admission`` for the rest of its life).

Only the failures of step 4 and 5 (bad password, bad host key, not invited) count
towards the limiter. Steps 1 to 6 run in one transaction holding the client's
advisory lock (see ``repo.join_attempts``), so concurrent guesses from one client
take turns. A SCHEDULED meeting that passes step 6 is activated on the spot; its
LiveKit room is created after the commit.
"""

from __future__ import annotations

import asyncio
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from meet_common import rate_limits, waiting_room
from meet_common.auth import constant_time_equals
from meet_common.db import Database
from meet_common.db_async import AsyncConnection
from meet_common.errors import (
    EmailRequired,
    MeetError,
    MeetingLocked,
    MeetingNotFound,
    MeetingOver,
    NotInvited,
    NotStarted,
    RoomNotFound,
    TooManyAttempts,
    WrongHostKey,
    WrongPassword,
)
from meet_common.invitees import normalise_email
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync
from meet_common.meeting_status import FINISHED, MeetingStatus
from meet_common.observability import logger
from meet_common.repo import admissions, identities, joins
from meet_common.repo import join_attempts as attempts
from meet_common.repo import meetings as repo
from meet_common.repo.admissions import AdmissionRecord
from meet_common.repo.join_attempts import FailureReason
from meet_common.repo.meetings import MeetingRecord
from meet_common.secrets import livekit_credentials
from meet_common.settings import Settings
from tokens.identity import new_identity
from tokens.livekit_token import mint_join_token
from tokens.models import TokenRequest


@dataclass(frozen=True)
class IssuedToken:
    jwt: str
    identity: str
    expires_at: datetime
    meeting: MeetingRecord
    is_host: bool
    cohosts: tuple[str, ...]


@dataclass(frozen=True)
class PendingAdmission:
    """A guest who must wait for a host: the request and its secret (shown once)."""

    record: AdmissionRecord
    secret: str
    host_present: bool


@dataclass(frozen=True)
class _Refusal:
    reason: FailureReason
    error: MeetError


def room_summary(
    db: Database, room_name: str, *, client_ip: str, now: datetime, settings: Settings
) -> MeetingRecord:
    """The meeting behind a room name. A client that has asked for too many names that
    do not exist is refused every lookup (429) until its window ends, so room names
    cannot be guessed by trying them."""
    misses = rate_limits.room_lookup_misses(settings)
    with db.transaction() as conn:
        misses.check(conn, client_ip, now)
        meeting = repo.get_by_room(conn, room_name)
        if meeting is None:
            misses.record(conn, client_ip, now)
    if meeting is None:
        raise RoomNotFound()
    return meeting


def issue_token(
    db: Database,
    meeting_id: uuid.UUID,
    request: TokenRequest,
    *,
    client_ip: str,
    now: datetime,
    rooms: RoomService,
    settings: Settings,
) -> IssuedToken | PendingAdmission:
    """``issue`` for callers without an event loop (scripts, thread-per-caller tests)."""
    return run_sync(
        issue(db, meeting_id, request, client_ip=client_ip, now=now, rooms=rooms, settings=settings)
    )


async def issue(
    db: Database,
    meeting_id: uuid.UUID,
    request: TokenRequest,
    *,
    client_ip: str,
    now: datetime,
    rooms: RoomService,
    settings: Settings,
) -> IssuedToken | PendingAdmission:
    """The checks above, then a token or an admission request. Its SQL is awaited on
    ``db.aio``: the route runs on the event loop, with no worker thread."""
    refusal: _Refusal | None = None
    admission: AdmissionRecord | None = None
    secret = waiting_room.new_secret()
    cohosts: list[str] = []
    activated = False
    is_host = False
    identity = new_identity(request.name)
    email = normalise_email(request.email) if request.email is not None else None
    window = timedelta(seconds=settings.join_failure_window_seconds)
    # The lock and the read travel with BEGIN in one round trip: the lock needs only
    # the id from the path, and the read is a statement of its own, so its snapshot
    # is taken once the lock is granted and it sees every failure the client's
    # previous attempt committed. A granted join ends with one more: its record and
    # COMMIT.
    opening = (
        attempts.lock(meeting_id, client_ip),
        joins.read(
            meeting_id,
            client_ip=client_ip,
            since=now - window,
            failure_limit=settings.join_failure_limit,
            email=email,
        ),
    )
    async with db.aio.transaction(*opening) as tx:
        conn = tx.conn
        facts = joins.facts(tx.opened)
        if facts is None:
            raise MeetingNotFound()
        meeting = facts.meeting
        _check_not_blocked(facts.nth_failure_at, now=now, window=window)
        check_still_open(meeting, now)
        refusal = _check_credentials(meeting, request, invited=facts.invited)
        if refusal is not None:
            await attempts.record_failure(conn, meeting.id, client_ip, refusal.reason, now=now)
            await attempts.prune(conn, older_than=now - window)
        else:
            is_host = bool(request.host_key)
            if meeting.locked_at is not None and not is_host:
                # Not a failed guess: the guest had the right credentials.
                raise MeetingLocked()
            meeting, activated = await _open_for_joining(conn, meeting, now, settings)
            if meeting.waiting_room and not is_host:
                admission = await admissions.acreate(
                    conn,
                    meeting.id,
                    secret_hash=waiting_room.secret_hash(secret),
                    identity=identity,
                    name=request.name,
                    email=email,
                    at=now,
                )
            else:
                # The token carries no email (the whole room would see it): the service
                # keeps who it issued this identity to, for attendance and withdrawals.
                # The same statement reads the co-hosts: the page learns them only
                # from the service (see participants host_controls).
                recorded = await tx.commit_with(
                    identities.record_issued_with_cohosts(
                        meeting.id,
                        identity=identity,
                        name=request.name,
                        email=email,
                        is_host=is_host,
                        at=now,
                    )
                )
                cohosts = identities.identities_of(recorded)
    if refusal is not None:
        # Committed above: the failure counts even though the request fails.
        logger.info(
            "join refused",
            extra={"meeting_id": str(meeting.id), "reason": refusal.reason, "client": client_ip},
        )
        raise refusal.error
    # The rare paths after the commit (a first join, a waiting room) call LiveKit and
    # the database with the service's sync helpers, on a worker thread.
    if activated:
        await asyncio.to_thread(_create_room, db, rooms, meeting, now)
    if admission is not None:
        present = await asyncio.to_thread(
            waiting_room.tell_hosts, db, rooms, meeting.id, meeting.room_name
        )
        logger.info(
            "guest waiting for admission",
            extra={"meeting_id": str(meeting.id), "admission_id": str(admission.id)},
        )
        return PendingAdmission(admission, secret, present)
    return grant_token(
        settings, meeting, identity=identity, name=request.name, is_host=is_host, cohosts=cohosts
    )


def grant_token(
    settings: Settings,
    meeting: MeetingRecord,
    *,
    identity: str,
    name: str,
    is_host: bool,
    cohosts: list[str],
) -> IssuedToken:
    """The join token for ``identity``: the token route's, and an admitted guest's."""
    token = mint_join_token(
        settings,
        livekit_credentials(),
        room=meeting.room_name,
        identity=identity,
        name=name,
        room_admin=is_host,
        max_participants=meeting.max_participants,
    )
    # DEBUG: the request's own log line already records the success (status 200);
    # a second INFO line per join cost as much CPU as the SQL.
    logger.debug(
        "token issued",
        extra={"meeting_id": str(meeting.id), "identity": identity, "host": is_host},
    )
    return IssuedToken(token.jwt, identity, token.expires_at, meeting, is_host, tuple(cohosts))


def _check_not_blocked(
    nth_failure_at: datetime | None, *, now: datetime, window: timedelta
) -> None:
    """Refuse while the client has the limit's number of failures inside the window;
    it may try again once the limit-th newest of them leaves the window."""
    if nth_failure_at is None:
        return
    until = nth_failure_at + window
    raise TooManyAttempts(
        retry_after_seconds=math.ceil((until - now).total_seconds()),
    )


def check_still_open(meeting: MeetingRecord, now: datetime) -> None:
    if meeting.status in FINISHED:
        raise MeetingOver(f"The meeting is {meeting.status.lower()}.")
    if now >= meeting.end_time:
        raise MeetingOver()


def _check_credentials(
    meeting: MeetingRecord, request: TokenRequest, *, invited: bool
) -> _Refusal | None:
    if not constant_time_equals(request.password, meeting.password):
        return _Refusal("password", WrongPassword())
    if request.host_key:
        if not constant_time_equals(request.host_key, meeting.host_key):
            return _Refusal("host_key", WrongHostKey())
        return None  # the host's key stands in for the allowlist
    if meeting.is_public:
        return None
    if request.email is None:
        raise EmailRequired(
            details=[{"loc": ["body", "email"], "msg": "Field required", "type": "missing"}],
        )
    if not invited:
        return _Refusal("allowlist", NotInvited())
    return None


def join_opens_at(meeting: MeetingRecord, settings: Settings) -> datetime:
    return meeting.start_time - timedelta(minutes=settings.join_early_minutes)


async def _open_for_joining(
    conn: AsyncConnection, meeting: MeetingRecord, now: datetime, settings: Settings
) -> tuple[MeetingRecord, bool]:
    """The meeting ready to join, and whether this request activated it."""
    if meeting.status != MeetingStatus.SCHEDULED:
        return meeting, False
    opens_at = join_opens_at(meeting, settings)
    if now < opens_at:
        raise NotStarted(meeting.start_time.isoformat(), opens_at.isoformat())
    activated = await repo.activate_if_scheduled(conn, meeting.id)
    if activated is not None:
        return activated, True
    # Someone else changed it first: the lifecycle pass (fine) or an admin (maybe not).
    current = await repo.aget(conn, meeting.id)
    if current is None:
        raise MeetingNotFound()
    check_still_open(current, now)
    return current, False


def _create_room(db: Database, rooms: RoomService, meeting: MeetingRecord, now: datetime) -> None:
    """Create the room with the meeting's limits; LiveKit would create it on the first
    join anyway (without them), so a failure is logged and the join goes ahead (the
    lifecycle pass retries the creation). A success is recorded so the pass skips it."""
    try:
        run_sync(rooms.create_room(meeting.room_name, max_participants=meeting.max_participants))
        with db.transaction() as conn:
            repo.record_room_work(conn, now, created=[meeting.id])
    except RoomServiceError as exc:
        logger.warning(
            "room not created on activation; LiveKit creates it on first join",
            extra={"meeting_id": str(meeting.id), "error": str(exc)},
        )
