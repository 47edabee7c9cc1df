"""A room created ahead of the lifecycle pass (by an instant launch or a join that
activated its meeting) is recorded, so the pass does not create it again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lifecycle.service import run_pass
from livekit_local.server import LiveKitServer
from meet_common.db import Database
from meet_common.livekit_rooms import RoomService
from tests.support.meetings_api import ask_token, create_meeting, instant_meeting

pytestmark = pytest.mark.usefixtures("db")


def test_an_instant_meetings_room_is_created_once(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, db: Database
) -> None:
    meeting = instant_meeting(admin_headers)
    run_pass(db, RoomService(), now=datetime.now(UTC))

    assert [c.request.name for c in fake_livekit.calls_to("CreateRoom")] == [meeting["roomName"]]


def test_a_room_opened_by_a_join_is_created_once(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, db: Database
) -> None:
    meeting = create_meeting(admin_headers)  # started five minutes ago, not yet activated
    assert ask_token(meeting).status == 200
    run_pass(db, RoomService(), now=datetime.now(UTC))

    assert [c.request.name for c in fake_livekit.calls_to("CreateRoom")] == [meeting["roomName"]]
