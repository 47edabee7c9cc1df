"""Chat history on demand: a late joiner reads only the newest page, loads earlier
ones when asked (keeping what was on screen in place), and a page that reconnects
catches up with what came after the newest message it shows."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from devserver.livekit import EmbeddedLiveKit
from meet_common.db import Database
from meet_common.repo import messages as messages_repo
from meet_common.repo.messages import MessageRecord
from tests.browser.conftest import AdminApi, screenshot
from tests.support.chat_page import (
    CALL_TIMEOUT_MS,
    NewContext,
    chat_messages,
    history_requests,
    join,
    open_chat,
    people_count,
    send_chat,
)
from tests.support.meeting_harness import connected as connected_banner
from tests.support.meeting_harness import join_meeting
from tests.support.signalling import SignallingSockets

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def store_messages(db: Database, meeting: dict[str, Any], count: int) -> None:
    """``count`` messages from Ann, "Message 001" first, a second apart, as if posted."""
    start = datetime.now(UTC) - timedelta(minutes=30)
    with db.transaction() as conn:
        for n in range(1, count + 1):
            messages_repo.insert(
                conn,
                MessageRecord(
                    id=uuid.uuid4(),
                    meeting_id=uuid.UUID(meeting["id"]),
                    room_name=meeting["roomName"],
                    seq=messages_repo.next_seq(conn, uuid.UUID(meeting["id"])),
                    identity="ann-1",
                    name="Ann",
                    text=f"Message {n:03d}",
                    created_at=start + timedelta(seconds=n),
                ),
            )


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_late_joiner_sees_the_newest_fifty_and_loads_earlier_ones_on_demand(
    new_context: NewContext, admin_api: AdminApi, db: Database
) -> None:
    meeting = admin_api.instant(title="Busy chat")
    store_messages(db, meeting, 120)
    context = new_context()
    fetched: list[str] = []
    context.on(
        "request",
        lambda r: fetched.append(r.url) if "/api/messages?" in r.url else None,
    )
    bob = join_meeting(context, meeting["joinUrl"], "Bob")
    expect(connected_banner(bob)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    panel = open_chat(bob)
    messages = chat_messages(bob)

    expect(messages).to_have_count(50)
    expect(messages.first).to_contain_text("Message 071")
    expect(messages.last).to_contain_text("Message 120")
    first = query(fetched[0])
    assert first["latest"] == ["true"]
    assert first["limit"] == ["50"]
    # The list opens at its end.
    expect(messages.last).to_be_in_viewport()

    # Scrolled to the top, the reader asks for more; what they read stays put.
    bob.page.get_by_role("list", name="Messages").evaluate("(el) => { el.scrollTop = 0; }")
    anchor = messages.filter(has_text="Message 071")
    top_before = anchor.bounding_box()
    assert top_before is not None
    earlier = panel.get_by_role("button", name="Load earlier messages")
    earlier.click()
    expect(messages).to_have_count(100)
    expect(messages.first).to_contain_text("Message 021")
    top_after = anchor.bounding_box()
    assert top_after is not None
    assert abs(top_after["y"] - top_before["y"]) < 2, (top_before, top_after)
    assert "before" in query(fetched[-1])
    screenshot(bob.page, "chat-earlier")

    earlier.click()
    expect(messages).to_have_count(120)
    expect(messages.first).to_contain_text("Message 001")
    # Twenty left were the last of them: no more to load.
    expect(earlier).to_have_count(0)
    texts = messages.all_inner_texts()
    assert [t.splitlines()[-1] for t in texts] == [f"Message {n:03d}" for n in range(1, 121)]


def test_after_a_reconnection_the_page_catches_up_from_its_newest_message(
    new_context: NewContext, admin_api: AdminApi, livekit: EmbeddedLiveKit
) -> None:
    meeting = admin_api.instant(title="Catching up")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    sockets = SignallingSockets(bob.page)
    bob.page.reload()  # rejoin through the watch
    expect(connected_banner(bob)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    expect(people_count(ada, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    open_chat(bob)
    send_chat(ada, "Before the drop")
    expect(chat_messages(bob)).to_have_count(1)

    # The next message misses Bob live (its delivery fails)...
    livekit.server.fail_next("SendData", "unavailable")
    send_chat(ada, "While Bob was away")
    bob.page.wait_for_timeout(1_000)
    expect(chat_messages(bob)).to_have_count(1)
    # ...and his page gets it once it has reconnected, asking for what came after
    # the newest message it had.
    fetched = history_requests(bob)
    first = sockets.count()
    sockets.drop_from_server()
    sockets.wait_for(first + 1)
    expect(connected_banner(bob)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    expect(chat_messages(bob)).to_have_count(2, timeout=CALL_TIMEOUT_MS)
    expect(chat_messages(bob).last).to_contain_text("While Bob was away")
    [newest_shown, _missed] = [
        json.loads(bytes(c.request.data))["id"]
        for c in livekit.server.calls_to("SendData")
        if c.request.room == meeting["roomName"]
    ]
    afters = [query(url)["after"] for url in fetched if "after" in query(url)]
    assert afters, fetched
    assert afters[0] == [newest_shown]
    expect(bob.page.get_by_role("alert")).to_have_count(0)
