"""Live chat delivery: the messages function stores a post, then sends it to the room
itself with LiveKit's RoomService SendData (checked on the LiveKit stand-in, which
records every RoomService call and delivers the packet to connected clients)."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest
from livekit.protocol import models

from livekit_local import LiveKitServer
from livekit_local.driver import recording
from meet_common.db import Database
from tests.support.messages_api import add_meeting, get, mint, post, send, texts

pytestmark = pytest.mark.usefixtures("db")


def chat_packets(packets: list[models.DataPacket]) -> list[models.DataPacket]:
    return [p for p in packets if p.HasField("user") and p.user.topic == "chat"]


def test_a_post_is_sent_once_to_its_room_as_the_stored_message(
    db: Database, fake_livekit: LiveKitServer
) -> None:
    room = add_meeting(db)
    ada = fake_livekit.connect(fake_livekit.token(room, "ada-1", "Ada"))
    bob = fake_livekit.connect(fake_livekit.token(room, "bob-1", "Bob"))

    sent = send(mint(room, identity="ada-1", name="Ada"), room, "  Hello everyone  ")

    [call] = fake_livekit.calls_to("SendData")
    assert call.request.room == room
    assert call.request.topic == "chat"
    assert call.request.kind == models.DataPacket.Kind.RELIABLE
    assert list(call.request.destination_identities) == []  # everyone in the room
    [stored] = get(mint(room, identity="bob-1", name="Bob"), room).json()["messages"]
    assert json.loads(call.request.data) == stored == sent
    assert stored["text"] == "Hello everyone"
    # Every participant, the sender included, gets it from the server: no sender on it.
    for session in (ada, bob):
        [packet] = chat_packets(recording(session).data)
        assert packet.participant_identity == ""
        assert packet.user.participant_identity == ""
        assert json.loads(packet.user.payload) == stored


def test_a_retry_of_a_stored_message_is_not_delivered_again(
    db: Database, fake_livekit: LiveKitServer
) -> None:
    room = add_meeting(db)
    fake_livekit.connect(fake_livekit.token(room, "bob-1", "Bob"))
    token = mint(room)
    body = {"roomName": room, "text": "once", "id": "0b8f8c1e-3c2a-4d51-9b1e-2f4c2a7d9e10"}
    assert post(token, body).status == 201
    assert post(token, body).status == 200
    assert len(fake_livekit.calls_to("SendData")) == 1


def test_a_failed_delivery_still_stores_the_message_and_is_logged(
    db: Database, fake_livekit: LiveKitServer, caplog: pytest.LogCaptureFixture
) -> None:
    room = add_meeting(db)
    bob = fake_livekit.connect(fake_livekit.token(room, "bob-1", "Bob"))
    fake_livekit.fail_next("SendData", "internal")
    caplog.set_level(logging.INFO, logger="livekit-meet")

    response = post(mint(room), {"roomName": room, "text": "Can anyone hear me?"})

    assert response.status == 201, response.body
    message: dict[str, Any] = response.json()
    assert len(fake_livekit.calls_to("SendData")) == 1
    assert chat_packets(recording(bob).data) == []
    # Stored: the others get it from the history.
    assert texts(get(mint(room, identity="bob-1"), room)) == ["Can anyone hear me?"]
    [record] = [r for r in caplog.records if "not delivered live" in r.getMessage()]
    assert record.levelno == logging.WARNING
    assert getattr(record, "message_id", None) == message["id"]
    assert "Can anyone hear me?" not in f"{record.getMessage()} {record.__dict__}"


def test_a_room_nobody_is_in_is_not_sent_to_and_the_post_is_prompt(
    db: Database, fake_livekit: LiveKitServer
) -> None:
    """SendData to a room LiveKit does not host would wait for its RPC timeout."""
    room = add_meeting(db)
    started = time.monotonic()
    send(mint(room), room, "anyone?")
    assert time.monotonic() - started < 2
    assert fake_livekit.calls_to("SendData") == []
    assert [c.request.names for c in fake_livekit.calls_to("ListRooms")] == [[room]]
