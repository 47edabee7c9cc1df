"""A small LiveKit server for tests: the RoomService over real Twirp.

It listens on loopback and answers ``POST /twirp/livekit.RoomService/<Method>``
with protobuf bodies, checks the bearer JWT with the SDK's ``TokenVerifier`` and
the grant each method needs, keeps rooms and participants in memory, and records
every call so tests can assert what reached LiveKit. Errors are Twirp JSON
(``{"code": "not_found", "msg": ...}``) with Twirp's HTTP statuses.

Any other request (a browser's ``/rtc?access_token=...`` connection attempt, say)
is recorded in ``http_requests`` and answered 404.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from google.protobuf.message import Message
from livekit import api
from livekit.protocol import models, room

TWIRP_PREFIX = "/twirp/livekit.RoomService/"
_STATUS = {
    "invalid_argument": 400,
    "malformed": 400,
    "unauthenticated": 401,
    "permission_denied": 403,
    "not_found": 404,
    "bad_route": 404,
    "already_exists": 409,
    "resource_exhausted": 429,
    "internal": 500,
    "unavailable": 503,
}


class TwirpFailure(Exception):
    def __init__(self, code: str, msg: str) -> None:
        super().__init__(msg)
        self.code, self.msg = code, msg


@dataclass
class Call:
    method: str
    request: Any  # the decoded protobuf request of ``method``
    identity: str
    at: float = field(default_factory=time.time)
    # The bearer token the call came with (without "Bearer ").
    token: str = ""


@dataclass
class HttpRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


def _room_for(request: Message) -> str:
    return str(getattr(request, "room", ""))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default listen backlog (5) drops the SYNs of a burst of concurrent clients,
    # which then wait a second to retry.
    request_queue_size = 128


class FakeLiveKit:
    """State and behaviour; ``serve()`` puts it on a port."""

    def __init__(self, api_key: str = "devkey", api_secret: str = "secret") -> None:
        self.api_key, self.api_secret = api_key, api_secret
        self.verifier = api.TokenVerifier(api_key, api_secret)
        self.rooms: dict[str, models.Room] = {}
        self.participants: dict[str, dict[str, models.ParticipantInfo]] = {}
        self.calls: list[Call] = []
        self.http_requests: list[HttpRequest] = []
        self.latency_seconds = 0.0
        # Twirp requests being answered right now, and the most seen at once.
        self.in_flight = 0
        self.peak_in_flight = 0
        self._failures: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._methods: dict[str, tuple[type[Message], Callable[[Any], Message], str]] = {
            "CreateRoom": (room.CreateRoomRequest, self._create_room, "room_create"),
            "ListRooms": (room.ListRoomsRequest, self._list_rooms, "room_list"),
            "DeleteRoom": (room.DeleteRoomRequest, self._delete_room, "room_create"),
            "ListParticipants": (
                room.ListParticipantsRequest,
                self._list_participants,
                "room_admin",
            ),
            "GetParticipant": (room.RoomParticipantIdentity, self._get_participant, "room_admin"),
            "RemoveParticipant": (
                room.RoomParticipantIdentity,
                self._remove_participant,
                "room_admin",
            ),
            "MutePublishedTrack": (room.MuteRoomTrackRequest, self._mute_track, "room_admin"),
        }

    # --- what tests use -------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "call serve() first"
        host, port = self._server.server_address[:2]
        return f"ws://{host!s}:{port}"

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def fail_next(self, method: str, code: str = "internal", times: int = 1) -> None:
        """Make the next ``times`` calls to ``method`` fail with a Twirp error."""
        with self._lock:
            self._failures.setdefault(method, []).extend([code] * times)

    def add_participant(
        self, room_name: str, identity: str, name: str = "", track_sids: tuple[str, ...] = ()
    ) -> models.ParticipantInfo:
        with self._lock:
            self._ensure_room(room_name)
            info = models.ParticipantInfo(
                sid=f"PA_{identity}",
                identity=identity,
                name=name,
                state=models.ParticipantInfo.State.ACTIVE,
                tracks=[
                    models.TrackInfo(sid=sid, type=models.TrackType.AUDIO) for sid in track_sids
                ],
            )
            self.participants[room_name][identity] = info
            self.rooms[room_name].num_participants = len(self.participants[room_name])
            return info

    def reset(self) -> None:
        with self._lock:
            self.rooms.clear()
            self.participants.clear()
            self.calls.clear()
            self.http_requests.clear()
            self._failures.clear()
            self.latency_seconds = 0.0
            self.peak_in_flight = 0

    def serve(self) -> FakeLiveKit:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; without TCP_NODELAY the second
            # waits for the client's delayed ACK (~40 ms a call on Linux).
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if not self.path.startswith(TWIRP_PREFIX):
                    fake._record_http(self)
                    self._reply(404, b"", "text/plain")
                    return
                status, payload, content_type = fake.handle_twirp(
                    self.path[len(TWIRP_PREFIX) :],
                    self.headers.get("Authorization", ""),
                    self.headers.get("Content-Type", ""),
                    body,
                )
                self._reply(status, payload, content_type)

            def do_GET(self) -> None:
                fake._record_http(self)
                self._reply(404, b"", "text/plain")

            def _reply(self, status: int, payload: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- protocol ---------------------------------------------------------------------

    def handle_twirp(
        self, method: str, authorization: str, content_type: str, body: bytes
    ) -> tuple[int, bytes, str]:
        with self._lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            return self._answer_twirp(method, authorization, content_type, body)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer_twirp(
        self, method: str, authorization: str, content_type: str, body: bytes
    ) -> tuple[int, bytes, str]:
        try:
            if method not in self._methods:
                raise TwirpFailure("bad_route", f"no such method: {method}")
            if content_type.split(";")[0].strip() != "application/protobuf":
                raise TwirpFailure("malformed", "this fake speaks protobuf only")
            request_type, action, grant = self._methods[method]
            request = request_type.FromString(body)
            identity = self._authorize(authorization, grant, _room_for(request))
            with self._lock:
                self.calls.append(
                    Call(method, request, identity, token=authorization.removeprefix("Bearer "))
                )
                failures = self._failures.get(method)
                failure = failures.pop(0) if failures else None
            if self.latency_seconds:
                time.sleep(self.latency_seconds)
            if failure:
                raise TwirpFailure(failure, "injected failure")
            with self._lock:
                response = action(request)
            return 200, response.SerializeToString(), "application/protobuf"
        except TwirpFailure as exc:
            payload = json.dumps({"code": exc.code, "msg": exc.msg}).encode()
            return _STATUS.get(exc.code, 500), payload, "application/json"

    def _authorize(self, authorization: str, grant: str, room_name: str) -> str:
        if not authorization.startswith("Bearer "):
            raise TwirpFailure("unauthenticated", "missing bearer token")
        try:
            claims = self.verifier.verify(authorization[len("Bearer ") :])
        except Exception as exc:  # the SDK raises jwt errors of several kinds
            raise TwirpFailure("unauthenticated", f"invalid token: {type(exc).__name__}") from exc
        video = claims.video
        if video is None or not getattr(video, grant):
            raise TwirpFailure("permission_denied", f"token lacks {grant}")
        if grant == "room_admin" and video.room != room_name:
            raise TwirpFailure("permission_denied", "token is for another room")
        return claims.identity

    def _record_http(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.http_requests.append(
                HttpRequest(handler.command, parts.path, query, dict(handler.headers.items()))
            )

    # --- RoomService (called with the lock held) -------------------------------------

    def _ensure_room(self, name: str, max_participants: int = 0) -> models.Room:
        if name not in self.rooms:
            self.rooms[name] = models.Room(
                sid=f"RM_{name}",
                name=name,
                max_participants=max_participants,
                creation_time=int(time.time()),
            )
            self.participants[name] = {}
        return self.rooms[name]

    def _create_room(self, request: room.CreateRoomRequest) -> models.Room:
        if not request.name:
            raise TwirpFailure("invalid_argument", "room name is required")
        existing = self.rooms.get(request.name)
        if existing is not None:
            return existing  # LiveKit returns the existing room
        created = self._ensure_room(request.name, request.max_participants)
        created.empty_timeout = request.empty_timeout
        created.departure_timeout = request.departure_timeout
        return created

    def _list_rooms(self, request: room.ListRoomsRequest) -> room.ListRoomsResponse:
        names = set(request.names)
        return room.ListRoomsResponse(
            rooms=[r for n, r in self.rooms.items() if not names or n in names]
        )

    def _delete_room(self, request: room.DeleteRoomRequest) -> room.DeleteRoomResponse:
        if request.room not in self.rooms:
            raise TwirpFailure("not_found", "requested room does not exist")
        del self.rooms[request.room]
        self.participants.pop(request.room, None)
        return room.DeleteRoomResponse()

    def _participants_of(self, room_name: str) -> dict[str, models.ParticipantInfo]:
        if room_name not in self.rooms:
            raise TwirpFailure("not_found", "requested room does not exist")
        return self.participants[room_name]

    def _list_participants(
        self, request: room.ListParticipantsRequest
    ) -> room.ListParticipantsResponse:
        return room.ListParticipantsResponse(
            participants=list(self._participants_of(request.room).values())
        )

    def _get_participant(self, request: room.RoomParticipantIdentity) -> models.ParticipantInfo:
        found = self._participants_of(request.room).get(request.identity)
        if found is None:
            raise TwirpFailure("not_found", "participant does not exist")
        return found

    def _remove_participant(
        self, request: room.RoomParticipantIdentity
    ) -> room.RemoveParticipantResponse:
        people = self._participants_of(request.room)
        if people.pop(request.identity, None) is None:
            raise TwirpFailure("not_found", "participant does not exist")
        self.rooms[request.room].num_participants = len(people)
        return room.RemoveParticipantResponse()

    def _mute_track(self, request: room.MuteRoomTrackRequest) -> room.MuteRoomTrackResponse:
        person = self._participants_of(request.room).get(request.identity)
        if person is None:
            raise TwirpFailure("not_found", "participant does not exist")
        for track in person.tracks:
            if track.sid == request.track_sid:
                track.muted = request.muted
                return room.MuteRoomTrackResponse(track=track)
        raise TwirpFailure("not_found", "track does not exist")
