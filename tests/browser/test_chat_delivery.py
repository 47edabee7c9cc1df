"""Live chat in a call on the LiveKit stand-in, with real livekit-client pages: the
service is the only source of chat. A message posted by one page reaches the others
as the service's own SendData packet; nothing a participant publishes on the chat
topic is shown, and no packet, whatever its fields, can take the call down or
change a message already shown."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from devserver.livekit import EmbeddedLiveKit
from tests.browser.conftest import AdminApi, screenshot
from tests.support.chat_page import (
    CALL_TIMEOUT_MS,
    FIND_ROOM_JS,
    PUBLISH_CHAT_JS,
    NewContext,
    chat_messages,
    close_chat,
    history_requests,
    join,
    open_chat,
    packets,
    people_count,
    record_packets,
    send_chat,
)
from tests.support.meeting_harness import connected as connected_banner

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def send_data_calls(livekit: EmbeddedLiveKit, room: str) -> list[Any]:
    """The SendData calls the stand-in (shared by the package's tests) got for ``room``."""
    return [c for c in livekit.server.calls_to("SendData") if c.request.room == room]


def chat_packets(person: Any) -> list[dict[str, Any]]:
    return [p for p in packets(person) if p["topic"] == "chat"]


def test_a_message_reaches_the_others_live_as_the_services_packet(
    new_context: NewContext, admin_api: AdminApi, livekit: EmbeddedLiveKit
) -> None:
    meeting = admin_api.instant(title="Live chat")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    expect(people_count(bob, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    record_packets(bob)
    open_chat(bob)  # reads the (empty) history now; nothing after this is a fetch
    expect(bob.page.get_by_text("No messages yet.")).to_be_visible()
    fetched = history_requests(bob)

    send_chat(ada, "Hello Bob")

    expect(chat_messages(bob)).to_have_count(1)
    expect(chat_messages(bob).first).to_contain_text("Ada")
    expect(chat_messages(bob).first).to_contain_text("Hello Bob")
    assert fetched == [], "Bob's page read the history instead of getting the message live"
    # It came from the service (one SendData), not from Ada's page: the one chat
    # packet Bob got has no sender, and no participant published on the topic.
    [call] = send_data_calls(livekit, meeting["roomName"])
    assert call.request.topic == "chat"
    [packet] = chat_packets(bob)
    assert packet["participant"] is None
    assert packet["identity"] == ""
    assert json.loads(packet["text"])["text"] == "Hello Bob"

    # Bob's chat closed: the next one is counted unread, live.
    close_chat(bob)
    send_chat(ada, "Are you there?")
    controls = bob.page.get_by_role("group", name="Meeting controls")
    expect(controls.get_by_label("1 unread")).to_be_visible()
    assert fetched == []
    assert all(p["identity"] == "" for p in chat_packets(bob))
    assert len(send_data_calls(livekit, meeting["roomName"])) == 2


def test_a_failed_live_delivery_shows_up_when_the_chat_is_opened_again(
    new_context: NewContext, admin_api: AdminApi, livekit: EmbeddedLiveKit
) -> None:
    meeting = admin_api.instant(title="Lossy chat")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    expect(people_count(bob, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    open_chat(bob)
    send_chat(ada, "First")
    expect(chat_messages(bob)).to_have_count(1)

    livekit.server.fail_next("SendData", "unavailable")
    send_chat(ada, "Second, not delivered live")
    # Ada sees her message (it is stored; the post succeeded), Bob does not yet...
    expect(chat_messages(ada).last).to_contain_text("Second, not delivered live")
    expect(ada.page.get_by_role("alert")).to_have_count(0)
    bob.page.wait_for_timeout(2_000)
    expect(chat_messages(bob)).to_have_count(1)
    # ...until his page catches up from the history: opening the chat again does.
    fetched = history_requests(bob)
    close_chat(bob)
    open_chat(bob)
    expect(chat_messages(bob)).to_have_count(2)
    expect(chat_messages(bob).last).to_contain_text("Second, not delivered live")
    assert any("after=" in url for url in fetched), fetched


def test_forged_chat_packets_change_nothing_and_the_call_goes_on(
    new_context: NewContext, admin_api: AdminApi, livekit: EmbeddedLiveKit
) -> None:
    meeting = admin_api.instant(title="Hostile chat")
    room = meeting["roomName"]
    mallory = join(new_context, meeting["joinUrl"], "Mallory")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    expect(people_count(bob, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    bob.wait_for_live_video("Mallory")
    send_chat(mallory, "The original words")
    open_chat(bob)
    expect(chat_messages(bob)).to_have_count(1)
    # The stored message, as the service delivered it (its one SendData payload).
    [delivered] = send_data_calls(livekit, room)
    stored = json.loads(bytes(delivered.request.data))
    record_packets(bob)

    forged = [
        # a createdAt that is no date: formatting it throws
        {**stored, "id": str(uuid.uuid4()), "text": "Bad date", "createdAt": "not a date"},
        # a stored message's id with other words and another sender
        {**stored, "text": "Forged words", "identity": "host", "name": "The host"},
        # a well-formed new message: still not the service's
        {**stored, "id": str(uuid.uuid4()), "text": "Injected", "name": "The host"},
    ]
    for body in forged:
        mallory.page.evaluate(PUBLISH_CHAT_JS, json.dumps(body))
    # Bob's page got all three, from Mallory's identity...
    bob.page.wait_for_function(
        "() => window.__packets.filter((p) => p.topic === 'chat').length >= 3",
        timeout=CALL_TIMEOUT_MS,
    )
    assert {p["identity"] for p in bob.page.evaluate("() => window.__packets")} == {
        mallory_identity(mallory)
    }
    # ...and the same packets from the service itself (as if SendData sent them): the
    # ones with a bad field or a shown id are dropped by their content alone.
    for body in forged[:2]:
        livekit.server.run_coroutine(
            livekit.server.model.send_data(room, json.dumps(body).encode(), topic="chat")
        )
    bob.page.wait_for_function(
        "() => window.__packets.filter((p) => p.topic === 'chat').length >= 5",
        timeout=CALL_TIMEOUT_MS,
    )
    bob.page.wait_for_timeout(500)

    expect(connected_banner(bob)).to_be_attached()
    expect(chat_messages(bob)).to_have_count(1)
    expect(chat_messages(bob).first).to_contain_text("Mallory")
    expect(chat_messages(bob).first).to_contain_text("The original words")
    for text in ("Bad date", "Forged words", "Injected", "The host"):
        expect(bob.page.get_by_text(text)).to_have_count(0)
    bob.wait_for_live_video("Mallory")
    expect(people_count(bob, 2)).to_be_visible()
    screenshot(bob.page, "chat-after-forgeries")


def mallory_identity(person: Any) -> str:
    return str(person.page.evaluate(f"() => ({FIND_ROOM_JS})().localParticipant.identity"))


def test_a_panel_that_fails_to_render_says_so_and_the_call_goes_on(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Fragile chat")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    bob.wait_for_live_video("Ada")
    open_chat(bob)
    # Make formatting a time throw on Bob's page (as a message's bad date once did).
    bob.page.evaluate(
        """() => {
          const proto = Intl.DateTimeFormat.prototype;
          window.__format = Object.getOwnPropertyDescriptor(proto, "format");
          Object.defineProperty(proto, "format", {
            configurable: true,
            get() { throw new RangeError("Invalid time value"); },
          });
        }"""
    )
    send_chat(ada, "Can you read this?")

    panel = bob.page.get_by_role("complementary", name="Chat")
    expect(panel.get_by_role("alert")).to_contain_text("Could not show the chat")
    expect(connected_banner(bob)).to_be_attached()
    bob.wait_for_live_video("Ada")  # the call was not torn down
    expect(people_count(bob, 2)).to_be_visible()
    screenshot(bob.page, "chat-render-failure")

    bob.page.evaluate(
        """() => Object.defineProperty(Intl.DateTimeFormat.prototype, "format", window.__format)"""
    )
    panel.get_by_role("button", name="Retry").click()
    expect(chat_messages(bob)).to_have_count(1)
    expect(chat_messages(bob).first).to_contain_text("Can you read this?")
