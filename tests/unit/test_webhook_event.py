"""The webhook's own reading of a delivery: the JWT checked with PyJWT as livekit-api's
TokenVerifier checks it, and the body read without building the protobuf message,
both to the same answers as the SDK's WebhookReceiver and protobuf's json_format."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest
from google.protobuf import json_format
from livekit import api
from livekit.protocol import models
from livekit.protocol.webhook import WebhookEvent

from meet_common.errors import WebhookEventInvalid, WebhookSignatureInvalid
from meet_common.settings import get_settings
from tests.support import livekit_webhooks as lk
from webhook import event as webhook_event
from webhook import service, signature

KEY, SECRET = "devkey", "unit-test-secret-long-enough-for-hs256"


@pytest.fixture(autouse=True)
def livekit_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LIVEKIT_API_KEY", KEY)
    monkeypatch.setenv("LIVEKIT_API_SECRET", SECRET)
    monkeypatch.delenv("LIVEKIT_SECRET_ARN", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _digest(body: bytes) -> str:
    return base64.b64encode(hashlib.sha256(body).digest()).decode()


def _token(claims: dict[str, Any], secret: str = SECRET, **header: Any) -> str:
    now = int(time.time())
    return jwt.encode(
        {"iss": KEY, "nbf": now, "exp": now + 300, **claims},
        secret,
        algorithm="HS256",
        headers=header or None,
    )


def _realistic(kind: str = "participant_left") -> bytes:
    """What livekit-server sends for a publishing participant (compact protojson)."""
    now = time.time()
    message = WebhookEvent(
        event=kind,
        id="EV_real1234567",
        created_at=int(now),
        room=models.Room(
            sid="RM_x",
            name="room-1",
            empty_timeout=300,
            creation_time=int(now),
            creation_time_ms=int(now * 1000),
            num_participants=3,
        ),
        participant=models.ParticipantInfo(
            sid="PA_x",
            identity="ada-1",
            name="Ada",
            state=models.ParticipantInfo.State.ACTIVE,
            joined_at=int(now),
            joined_at_ms=int(now * 1000),
            version=2,
            is_publisher=True,
            attributes={"role": "guest"},
            permission=models.ParticipantPermission(can_publish=True, can_subscribe=True),
            tracks=[
                models.TrackInfo(
                    sid="TR_v",
                    type=models.TrackType.VIDEO,
                    source=models.TrackSource.CAMERA,
                    width=1280,
                    height=720,
                    simulcast=True,
                    layers=[models.VideoLayer(width=320, height=180, bitrate=150_000)],
                )
            ],
        ),
    )
    return json.dumps(json_format.MessageToDict(message), separators=(",", ":")).encode()


def _by_protobuf(text: str) -> webhook_event.Event | str:
    try:
        parsed = json_format.Parse(text, WebhookEvent(), ignore_unknown_fields=True)
    except json_format.ParseError:
        return "ParseError"
    return webhook_event.from_message(parsed)


def _by_parse(text: str) -> webhook_event.Event | str:
    try:
        return webhook_event.parse(text)
    except json_format.ParseError:
        return "ParseError"


# --- signatures --------------------------------------------------------------------------


def test_a_forged_signature_is_refused() -> None:
    body = _realistic()
    forged = _token({"sha256": _digest(body)}, secret="not-the-livekit-secret-at-all-000")

    with pytest.raises(WebhookSignatureInvalid):
        signature.verify(body, forged)


def test_a_body_whose_sha256_differs_from_the_claim_is_refused() -> None:
    body = _realistic()
    token = _token({"sha256": _digest(body + b" ")})

    with pytest.raises(WebhookSignatureInvalid):
        signature.verify(body, token)


def _sdk_answer(body: bytes, token: str) -> str:
    receiver = api.WebhookReceiver(api.TokenVerifier(KEY, SECRET))
    try:
        receiver.receive(body.decode(), token)
    except json_format.ParseError:
        return "400"
    except Exception:
        return "401"
    return "200"


def _our_answer(body: bytes, token: str) -> str:
    try:
        signature.verify(body, token)
    except WebhookEventInvalid:
        return "400"
    except WebhookSignatureInvalid:
        return "401"
    return "200"


def _tokens(body: bytes) -> dict[str, str]:
    good = _digest(body)
    now = int(time.time())
    return {
        "webhook token": _token({"sha256": good}),
        "with sub and iat": _token({"sha256": good, "sub": "", "iat": now}),
        "no sha256": _token({}),
        "empty sha256": _token({"sha256": ""}),
        "sha256 not a string": _token({"sha256": 5}),
        "sha256 with junk characters": _token({"sha256": "!" + good}),
        "sha256 with bad padding": _token({"sha256": good.rstrip("=")}),
        "expired": _token({"sha256": good, "exp": now - 120}),
        "expired within the leeway": _token({"sha256": good, "exp": now - 30}),
        "not yet valid": _token({"sha256": good, "nbf": now + 120}),
        "no exp": jwt.encode({"iss": KEY, "sha256": good}, SECRET, algorithm="HS256"),
        "another issuer": _token({"sha256": good, "iss": "someone-else"}),
        "an audience": _token({"sha256": good, "aud": "somewhere"}),
        "HS512": jwt.encode(
            {"iss": KEY, "exp": now + 60, "sha256": good}, SECRET + "-" * 40, algorithm="HS512"
        ),
        "a video grant": _token({"sha256": good, "video": {"roomJoin": True, "room": "r"}}),
        "a video grant that is not an object": _token({"sha256": good, "video": "x"}),
        "a null sip grant": _token({"sha256": good, "sip": None}),
        "an agent grant": _token({"sha256": good, "agent": {"admin": True}}),
        "a bad room configuration": _token(
            {"sha256": good, "roomConfig": {"maxParticipants": "many"}}
        ),
        "a room configuration": _token({"sha256": good, "roomConfig": {"maxParticipants": 5}}),
        "attributes and metadata": _token(
            {"sha256": good, "attributes": {"a": "b"}, "metadata": "m", "name": "n"}
        ),
    }


@pytest.mark.parametrize("case", list(_tokens(b"{}")))
def test_each_token_gets_the_answer_livekits_receiver_gives(case: str) -> None:
    for body in (_realistic(), b'{"event": ["not", "a", "string"]}'):
        token = _tokens(body)[case]

        assert _our_answer(body, token) == _sdk_answer(body, token), case


# --- reading the body ----------------------------------------------------------------------


def test_int64_values_arrive_as_strings_and_are_read_as_numbers() -> None:
    body = (
        '{"event":"participant_joined","id":"EV_1","createdAt":"1796157375",'
        '"room":{"name":"room-1","creationTime":"1796157300"},'
        '"participant":{"identity":"ada","sid":"PA_1","joinedAt":"1796157370",'
        '"joinedAtMs":"1796157370123"}}'
    )

    event = webhook_event.parse(body)

    assert (event.created_at, event.participant.joined_at, event.participant.joined_at_ms) == (
        1_796_157_375,
        1_796_157_370,
        1_796_157_370_123,
    )
    assert service.event_time(event, datetime(2026, 1, 1, tzinfo=UTC)) == datetime.fromtimestamp(
        1_796_157_375, UTC
    )


def test_an_event_livekit_sends_is_read_without_building_the_protobuf_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = _realistic().decode()
    expected = _by_protobuf(body)

    def no_protobuf(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("json_format.Parse was called")

    monkeypatch.setattr(json_format, "Parse", no_protobuf)

    assert webhook_event.parse(body) == expected


def test_an_unknown_event_type_is_read_and_then_ignored() -> None:
    body = '{"event":"egress_started","id":"EV_2","room":{"name":"room-1"},"egressInfo":{}}'

    event = webhook_event.parse(body)

    assert (event.event, event.room.name) == ("egress_started", "room-1")
    # Ignored before any SQL: no database is needed to say so.
    outcome = service.apply_event(
        None,  # type: ignore[arg-type]
        event,
        event_id=event.id,
        received_at=datetime.now(UTC),
    )
    assert outcome == "ignored"


EDGE_BODIES = [
    "{}",
    "[]",
    "1",
    "null",
    "{not json",
    '{"event": ["not", "a", "string"]}',
    '{"createdAt": "12"}',
    '{"createdAt": 12}',
    '{"createdAt": "1e3"}',
    '{"createdAt": 1.0}',
    '{"createdAt": 1.5}',
    '{"createdAt": " 12"}',
    '{"createdAt": "+12"}',
    '{"createdAt": true}',
    '{"created_at": "5"}',
    '{"createdAt": "5", "created_at": "6"}',
    '{"event": "a", "event": "b"}',
    '{"room": {"name": "a", "name": "b"}}',
    '{"room": null}',
    '{"room": []}',
    '{"room": {"name": null}}',
    '{"room": {"name": 5}}',
    '{"room": {"name": "\\ud800"}}',
    '{"room": {"name": "\\ud83d\\ude00"}}',
    '{"room": {"maxParticipants": -1}}',
    '{"room": {"maxParticipants": 4294967295}}',
    '{"room": {"maxParticipants": 4294967296}}',
    '{"participant": {"joinedAt": "9223372036854775807"}}',
    '{"participant": {"joinedAt": "9223372036854775808"}}',
    '{"participant": {"state": "DISCONNECTED"}}',
    '{"participant": {"state": "NOPE"}}',
    '{"participant": {"state": 1}}',
    '{"participant": {"state": 99}}',
    '{"participant": {"attributes": {"a": "b"}}}',
    '{"participant": {"attributes": {"a": 1}}}',
    '{"participant": {"attributes": {"a": null}}}',
    '{"participant": {"attributes": []}}',
    '{"participant": {"tracks": [null]}}',
    '{"participant": {"tracks": {}}}',
    '{"participant": {"tracks": [{"layers": [{"width": "x"}]}]}}',
    '{"participant": {"isPublisher": "true"}}',
    '{"participant": {"clientProtocol": 1}}',
    '{"[livekit.ext]": 1}',
    '{"unknownField": {"anything": [1, null, "x"]}}',
    '{"numDropped": 2147483648}',
    '{"event": "room_started", "room": {"name": "r"}, "id": "EV_1", "createdAt": 10}',
]


@pytest.mark.parametrize("body", EDGE_BODIES)
def test_a_body_reads_as_protobuf_reads_it(body: str) -> None:
    assert _by_parse(body) == _by_protobuf(body)


def test_altered_events_read_as_protobuf_reads_them() -> None:
    """Each value of a real event replaced, one at a time, by values of other kinds."""
    rng = random.Random(20261201)
    original = json.loads(_realistic())
    replacements: list[Any] = [None, 0, -1, 1.5, "x", "12", True, [], {}, [None], 2**40, "ACTIVE"]

    def alter(node: Any) -> None:
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
            if rng.random() < 0.4:
                node[key] = rng.choice(replacements)
            else:
                alter(node[key])
        elif isinstance(node, list) and node:
            index = rng.randrange(len(node))
            if rng.random() < 0.4:
                node[index] = rng.choice(replacements)
            else:
                alter(node[index])

    for _ in range(300):
        document = json.loads(json.dumps(original))
        alter(document)
        body = json.dumps(document)
        assert _by_parse(body) == _by_protobuf(body), body


def test_the_test_helpers_event_reads_the_same_both_ways() -> None:
    message = lk.event("participant_joined", "room-1", identity="ada-1", name="Ada", joined_at=7)
    body = lk.body_of(message)

    assert _by_parse(body) == _by_protobuf(body) == webhook_event.from_message(message)


def test_the_webhook_function_loads_without_the_room_service_client() -> None:
    """Checking a delivery needs PyJWT and the protobuf descriptors, not livekit.api
    (and its aiohttp): that is loaded only for a token with grant claims."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, webhook.handler; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()

    assert not {"livekit.api", "aiohttp"} & set(loaded)
