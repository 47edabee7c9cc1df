"""Shared pieces of the reliability tests: a live meeting and LiveKit tokens for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from livekit import api

from meet_common.db import Database
from meet_common.errors import error_classes
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.meeting_rows import insert_meeting


def livekit_token(
    room: str,
    *,
    identity: str = "guest-1",
    admin: bool = False,
    ttl: timedelta = timedelta(minutes=15),
    secret: str = LIVEKIT_SECRET,
) -> str:
    """A join token as the tokens function issues it (host tokens carry room_admin)."""
    grants = api.VideoGrants(room_join=True, room=room, room_admin=admin)
    return (
        api.AccessToken(LIVEKIT_KEY, secret)
        .with_identity(identity)
        .with_name(identity.title())
        .with_grants(grants)
        .with_ttl(ttl)
        .to_jwt()
    )


@dataclass
class LiveMeeting:
    row: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def room(self) -> str:
        return str(self.row["room_name"])

    def guest_token(self) -> str:
        return livekit_token(self.room)

    def host_token(self) -> str:
        return livekit_token(self.room, identity="host-1", admin=True)


@pytest.fixture(autouse=True)
def _limits_lifted(rate_limits_lifted: None) -> None:
    """These tests send, from one client, the traffic of many."""


@pytest.fixture
def live_meeting(db: Database, database_url: str) -> LiveMeeting:
    """An ACTIVE meeting with a known password and host key."""
    return LiveMeeting(
        insert_meeting(database_url, password="pw-live-1234", host_key="hk-live-5678")
    )


def assert_error_shape(body: Any) -> None:
    """``{"error": {"code", "message", "details"?}}`` and nothing else but the fields
    the error class with that code declares."""
    assert isinstance(body, dict), body
    assert set(body) == {"error"}, body
    error = body["error"]
    own = {cls.code: set(cls.fields_schema) for cls in error_classes()}.get(
        error.get("code"), set()
    )
    assert set(error) <= {"code", "message", "details"} | own, body
    assert isinstance(error["code"], str), body
    assert error["code"], body
    assert isinstance(error["message"], str), body
    assert error["message"], body
