"""The RoomService over Twirp, as livekit-server serves it (an aiohttp sub-app).

``POST /twirp/livekit.RoomService/<Method>`` with a protobuf or JSON body.
Authentication follows pkg/service/auth.go: a malformed ``Authorization``
header or a token that does not verify is refused by the middleware with a
plain-text 401 before Twirp sees it; a request without a token, or whose
grants do not allow the method, gets Twirp ``unauthenticated`` (401, roomservice.go
``twirpAuthError``). Errors are Twirp JSON ``{"code", "msg"}``.

Besides the protocol, ``RoomServiceRecorder`` keeps what tests need: every
authorised call with its decoded request and token, injected failures,
artificial latency and the number of calls in flight.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from google.protobuf.message import DecodeError, Message
from livekit import api
from livekit.api.access_token import Claims
from livekit.protocol import models
from livekit.protocol import room as room_pb

from livekit_local.errors import TWIRP_STATUS, TwirpError
from livekit_local.model import LiveKitModel

PREFIX = "/twirp/livekit.RoomService/"


@dataclass
class Call:
    """One authorised RoomService call."""

    method: str
    request: Any  # the decoded protobuf request of ``method``
    identity: str  # the bearer token's identity (``sub``)
    at: float = field(default_factory=time.time)
    token: str = ""  # the bearer token, without "Bearer "


class RoomServiceRecorder:
    """Test controls a real server lacks: recorded calls, injected failures, latency."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.latency_seconds = 0.0
        self.in_flight = 0
        self.peak_in_flight = 0
        self._failures: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def fail_next(self, method: str, code: str = "internal", times: int = 1) -> None:
        """Make the next ``times`` authorised calls to ``method`` fail with Twirp ``code``."""
        with self._lock:
            self._failures.setdefault(method, []).extend([code] * times)

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self._failures.clear()
            self.latency_seconds = 0.0
            self.peak_in_flight = 0

    def _record(self, call: Call) -> str | None:
        with self._lock:
            self.calls.append(call)
            failures = self._failures.get(call.method)
            return failures.pop(0) if failures else None

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


Grant = Callable[[api.VideoGrants, Message], bool]


def _create(video: api.VideoGrants, _: Message) -> bool:
    return bool(video.room_create)


def _list(video: api.VideoGrants, _: Message) -> bool:
    return bool(video.room_list)


def _admin(video: api.VideoGrants, request: Message) -> bool:
    # auth.go EnsureAdminPermission: roomAdmin for exactly the request's room.
    return bool(video.room_admin) and video.room == getattr(request, "room", None)


Handler = Callable[[LiveKitModel, Any], Awaitable[Message]]


async def _create_room(model: LiveKitModel, r: room_pb.CreateRoomRequest) -> Message:
    return model.create_room(r)


async def _list_rooms(model: LiveKitModel, r: room_pb.ListRoomsRequest) -> Message:
    return room_pb.ListRoomsResponse(rooms=model.list_rooms(r.names))


async def _delete_room(model: LiveKitModel, r: room_pb.DeleteRoomRequest) -> Message:
    model.delete_room(r.room)
    return room_pb.DeleteRoomResponse()


async def _list_participants(model: LiveKitModel, r: room_pb.ListParticipantsRequest) -> Message:
    return room_pb.ListParticipantsResponse(participants=model.list_participants(r.room))


async def _get_participant(model: LiveKitModel, r: room_pb.RoomParticipantIdentity) -> Message:
    return model.get_participant(r.room, r.identity)


async def _remove_participant(model: LiveKitModel, r: room_pb.RoomParticipantIdentity) -> Message:
    model.remove_participant(r.room, r.identity)
    return room_pb.RemoveParticipantResponse()


async def _mute(model: LiveKitModel, r: room_pb.MuteRoomTrackRequest) -> Message:
    track = await model.mute_published_track(r.room, r.identity, r.track_sid, r.muted)
    return room_pb.MuteRoomTrackResponse(track=track) if track else room_pb.MuteRoomTrackResponse()


async def _update_participant(model: LiveKitModel, r: room_pb.UpdateParticipantRequest) -> Message:
    return model.update_participant(
        r.room,
        r.identity,
        name=r.name,
        metadata=r.metadata,
        attributes=dict(r.attributes),
        permission=r.permission if r.HasField("permission") else None,
    )


async def _send_data(model: LiveKitModel, r: room_pb.SendDataRequest) -> Message:
    await model.send_data(
        r.room,
        r.data,
        r.kind,
        list(r.destination_identities),
        r.topic if r.HasField("topic") else None,
        r.nonce,
        list(r.destination_sids),
    )
    return room_pb.SendDataResponse()


async def _update_room_metadata(
    model: LiveKitModel, r: room_pb.UpdateRoomMetadataRequest
) -> Message:
    return model.update_room_metadata(r.room, r.metadata)


METHODS: dict[str, tuple[type[Message], Grant, Handler]] = {
    "CreateRoom": (room_pb.CreateRoomRequest, _create, _create_room),
    "ListRooms": (room_pb.ListRoomsRequest, _list, _list_rooms),
    "DeleteRoom": (room_pb.DeleteRoomRequest, _create, _delete_room),
    "ListParticipants": (room_pb.ListParticipantsRequest, _admin, _list_participants),
    "GetParticipant": (room_pb.RoomParticipantIdentity, _admin, _get_participant),
    "RemoveParticipant": (room_pb.RoomParticipantIdentity, _admin, _remove_participant),
    "MutePublishedTrack": (room_pb.MuteRoomTrackRequest, _admin, _mute),
    "UpdateParticipant": (room_pb.UpdateParticipantRequest, _admin, _update_participant),
    "SendData": (room_pb.SendDataRequest, _admin, _send_data),
    "UpdateRoomMetadata": (room_pb.UpdateRoomMetadataRequest, _admin, _update_room_metadata),
}


def _twirp_error(error: TwirpError) -> web.Response:
    return web.Response(
        status=error.status,
        body=json.dumps({"code": error.code, "msg": error.msg}).encode(),
        content_type="application/json",
    )


def _plain(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text)


class RoomServiceApp:
    """The Twirp RoomService handler on top of a model."""

    def __init__(self, model: LiveKitModel, recorder: RoomServiceRecorder) -> None:
        self.model, self.recorder = model, recorder

    def _claims(self, request: web.Request) -> tuple[Claims | None, str, web.Response | None]:
        """auth.go APIKeyAuthMiddleware: (claims or None, token, refusal)."""
        header = request.headers.get("Authorization", "")
        if header:
            if not header.startswith("Bearer "):
                return (
                    None,
                    "",
                    _plain(401, "invalid authorization header. Must start with Bearer "),
                )
            token = header[len("Bearer ") :]
        else:
            token = request.query.get("access_token", "")
        if not token:
            return None, "", None
        try:
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError:
            return None, token, _plain(401, "invalid authorization token")
        if issuer != self.model.config.api_key:
            return None, token, _plain(401, "invalid API key")
        try:
            return self.model.verify(token), token, None
        except jwt.PyJWTError as exc:
            return None, token, _plain(401, f"invalid authorization token: {exc}")

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.recorder._enter()
        try:
            return await self._handle(request)
        finally:
            self.recorder._leave()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        claims, token, refusal = self._claims(request)
        if refusal is not None:
            return refusal
        method = request.path[len(PREFIX) :]
        content_type = request.content_type
        if request.method != "POST" or method not in METHODS:
            return _twirp_error(TwirpError("bad_route", f"no handler for path {request.path!r}"))
        if content_type not in ("application/protobuf", "application/json"):
            return _twirp_error(
                TwirpError("bad_route", f"unexpected Content-Type: {content_type!r}")
            )
        request_type, grant, handler = METHODS[method]
        body = await request.read()
        try:
            if content_type == "application/json":
                decoded = ParseDict(
                    json.loads(body or b"{}"), request_type(), ignore_unknown_fields=True
                )
            else:
                decoded = request_type.FromString(body)
        except (DecodeError, ParseError, ValueError):
            return _twirp_error(TwirpError("malformed", "the request could not be decoded"))
        video = claims.video if claims is not None else None
        if claims is None or video is None or not grant(video, decoded):
            return _twirp_error(TwirpError("unauthenticated", "permissions denied"))
        failure = self.recorder._record(Call(method, decoded, claims.identity, token=token))
        if self.recorder.latency_seconds:
            await asyncio.sleep(self.recorder.latency_seconds)
        try:
            if failure:
                raise TwirpError(failure, "injected failure")
            response = await handler(self.model, decoded)
        except TwirpError as error:
            return _twirp_error(error)
        if content_type == "application/json":
            # Twirp's JSON: proto field names, defaults included.
            payload = MessageToDict(
                response,
                preserving_proto_field_name=True,
                always_print_fields_with_no_presence=True,
            )
            return web.json_response(payload)
        return web.Response(body=response.SerializeToString(), content_type="application/protobuf")


__all__ = [
    "METHODS",
    "PREFIX",
    "TWIRP_STATUS",
    "Call",
    "RoomServiceApp",
    "RoomServiceRecorder",
    "models",
]
