"""Participant tokens are accepted and refused exactly as livekit-api's TokenVerifier
accepts and refuses them, though the check no longer goes through the SDK class."""

from __future__ import annotations

import time
import warnings
from typing import Any

import jwt
import pytest
from livekit import api

from meet_common import participant_auth
from meet_common.errors import ParticipantTokenInvalid, WrongRoom
from meet_common.participant_auth import Participant, verify_participant_token
from meet_common.secrets import LiveKitCredentials

KEY, SECRET = "unit-key", "unit-secret-that-is-long-enough-for-hs256"
ROOM = "team-sync-a1b2"
NOW = int(time.time())
# The tokens are made when the module is collected, which may be many minutes before
# their tests run: "later" must stay in the future however long the run takes.
LATER = NOW + 24 * 3600


def signed(claims: dict[str, Any], *, secret: str = SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=algorithm)


def base(**changes: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "sub": "alex-0123",
        "name": "Alex",
        "iss": KEY,
        "nbf": NOW,
        "exp": LATER,
        "video": {"roomJoin": True, "room": ROOM},
    }
    for key, value in changes.items():
        if value is _DROP:
            claims.pop(key, None)
        else:
            claims[key] = value
    return claims


_DROP = object()

TOKENS: dict[str, str] = {
    "valid": signed(base()),
    "host": signed(base(video={"roomJoin": True, "room": ROOM, "roomAdmin": True})),
    "no name": signed(base(name=_DROP)),
    "empty name": signed(base(name="")),
    "expired within the leeway": signed(base(exp=NOW - 30)),
    "expired beyond the leeway": signed(base(exp=NOW - 90)),
    "no exp": signed(base(exp=_DROP)),
    "exp as text": signed(base(exp="soon")),
    "not yet valid within the leeway": signed(base(nbf=NOW + 30)),
    "not yet valid beyond the leeway": signed(base(nbf=LATER)),
    "issued in the future": signed(base(iat=LATER)),
    "another issuer": signed(base(iss="another-key")),
    "no issuer": signed(base(iss=_DROP)),
    "another secret": signed(base(), secret="another-secret-that-is-long-enough-x"),
    "HS512": "",  # below: PyJWT warns that the key is short for SHA-512
    "alg none": jwt.encode(base(), "", algorithm="none"),
    "an audience": signed(base(aud="someone")),
    "no sub": signed(base(sub=_DROP)),
    "sub not text": signed(base(sub=123)),
    "jti not text": signed(base(jti=5)),
    "no video": signed(base(video=_DROP)),
    "video null": signed(base(video=None)),
    "video a list": signed(base(video=[1])),
    "no roomJoin": signed(base(video={"room": ROOM})),
    "roomJoin false": signed(base(video={"roomJoin": False, "room": ROOM})),
    "roomJoin as text": signed(base(video={"roomJoin": "yes", "room": ROOM})),
    "snake-case grants": signed(base(video={"room_join": True, "room": ROOM})),
    "both spellings, the last wins": signed(
        base(video={"roomJoin": True, "room_join": False, "room": ROOM})
    ),
    "another room": signed(base(video={"roomJoin": True, "room": "other"})),
    "no room": signed(base(video={"roomJoin": True})),
    "sip null": signed(base(sip=None)),
    "sip an object": signed(base(sip={"admin": True})),
    "sip text": signed(base(sip="x")),
    "inference a list": signed(base(inference=[])),
    "observability null": signed(base(observability=None)),
    "agent null": signed(base(agent=None)),
    "agent a list": signed(base(agent=[1])),
    "agentThread text": signed(base(agentThread="x")),
    "roomConfig an object": signed(base(roomConfig={"emptyTimeout": 300})),
    "roomConfig a list": signed(base(roomConfig=[1])),
    "roomConfig empty text": signed(base(roomConfig="")),
    "not a jwt": "not-a-jwt",
    "two parts": "a.b",
    "payload not an object": jwt.api_jws.encode(b"[1, 2]", SECRET, algorithm="HS256"),
}

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    TOKENS["HS512"] = signed(base(), algorithm="HS512")


def sdk_answer(token: str) -> Participant | str:
    """What the service answered when it checked with the SDK's TokenVerifier."""
    try:
        claims = api.TokenVerifier(KEY, SECRET).verify(token)
    except Exception:
        return "invalid"
    video = claims.video
    if video is None or not video.room_join or not claims.identity:
        return "invalid"
    if video.room != ROOM:
        return "wrong room"
    return Participant(
        identity=claims.identity,
        name=claims.name or claims.identity,
        room=video.room,
        is_admin=bool(video.room_admin),
    )


def our_answer(token: str) -> Participant | str:
    try:
        return verify_participant_token(token, ROOM)
    except ParticipantTokenInvalid:
        return "invalid"
    except WrongRoom:
        return "wrong room"


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        participant_auth, "livekit_credentials", lambda: LiveKitCredentials(KEY, SECRET)
    )


@pytest.mark.parametrize("case", list(TOKENS))
def test_answers_as_the_sdk_verifier_does(case: str) -> None:
    token = TOKENS[case]
    assert our_answer(token) == sdk_answer(token)


def test_the_cases_cover_acceptance_and_both_refusals() -> None:
    answers = [sdk_answer(token) for token in TOKENS.values()]
    assert "invalid" in answers
    assert "wrong room" in answers
    assert any(isinstance(answer, Participant) for answer in answers)


def test_a_token_minted_by_the_sdk_is_accepted() -> None:
    grants = api.VideoGrants(room_join=True, room=ROOM, room_admin=True)
    token = (
        api.AccessToken(KEY, SECRET)
        .with_identity("ada")
        .with_name("Ada")
        .with_grants(grants)
        .with_room_config(api.RoomConfiguration(empty_timeout=300))
        .to_jwt()
    )
    assert verify_participant_token(token, ROOM) == Participant("ada", "Ada", ROOM, True)


def test_no_token_is_refused() -> None:
    for token in (None, ""):
        with pytest.raises(ParticipantTokenInvalid):
            verify_participant_token(token, ROOM)
