"""The waiting room's shared rules: request secrets, expiry, and telling hosts.

A guest waiting to be let in holds a random request secret (returned once, in the
body of the 202); the service keeps only its SHA-256. The guest's page polls the
request's status with it; a request not polled for ``EXPIRY`` is expired.

Hosts are told of every change to the waiting list with one reliable packet from
the server (RoomService SendData, topic ``waiting-room``) sent only to the hosts in
the room (``destination_identities``). The packet names nobody: a host's page
fetches the list itself, with its own token. Who is a host is the service's own
record (``issued_identities.is_host``): LiveKit's ParticipantInfo carries no
room_admin grant.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from meet_common.db import Database
from meet_common.errors import AdmissionNotFound
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync
from meet_common.observability import logger
from meet_common.repo import identities

TOPIC = "waiting-room"
# A request whose page stopped polling this long ago is expired (the guest left).
EXPIRY = timedelta(seconds=30)
# How often a waiting page polls; well inside EXPIRY, so a slow poll never expires one.
POLL_AFTER_SECONDS = 2
PACKET = b'{"type":"admissions-changed"}'


def parse_admission_id(raw: str) -> uuid.UUID:
    """The UUID a path names; anything else names no request (404, never a 422)."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise AdmissionNotFound("No admission request has that id.") from None


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def live_since(now: datetime) -> datetime:
    """Requests last seen before this are expired."""
    return now - EXPIRY


async def _hosts(db: Database, rooms: RoomService, meeting_id: uuid.UUID, room: str) -> list[str]:
    async with rooms.session() as session:
        people = await session.list_participants(room)
    present = [person.identity for person in people]
    with db.transaction() as conn:
        return identities.hosts_among(conn, meeting_id, present)


def hosts_present(db: Database, rooms: RoomService, meeting_id: uuid.UUID, room: str) -> bool:
    """Whether a host is connected to the room now (ListParticipants of a room that is
    not live is empty). A room-service failure counts as "a host may be there": the
    guest is told they are waiting rather than that nobody is coming."""
    try:
        return bool(run_sync(_hosts(db, rooms, meeting_id, room)))
    except RoomServiceError as exc:
        logger.warning("could not list the room's hosts", extra={"room": room, "error": str(exc)})
        return True


def tell_hosts(db: Database, rooms: RoomService, meeting_id: uuid.UUID, room: str) -> bool:
    """Send the hosts in the room the "waiting list changed" packet; whether any host
    was there. Never raises for LiveKit: hosts' pages also re-read the list now and
    then, so a lost packet only delays them."""

    async def send() -> bool:
        hosts = await _hosts(db, rooms, meeting_id, room)
        if hosts:
            async with rooms.session() as session:
                await session.send_data(room, PACKET, topic=TOPIC, destination_identities=hosts)
        return bool(hosts)

    try:
        return run_sync(send())
    except RoomServiceError as exc:
        logger.warning("could not tell the hosts", extra={"room": room, "error": str(exc)})
        return True
