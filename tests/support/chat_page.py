"""What the chat browser tests share: joining, the chat panel, and test instrumentation
run in a page through ``page.evaluate`` (nothing in the production pages exists for
it: the LiveKit Room is found the way React devtools find it, on the fiber of the
meeting's root element, under the RoomContext provider)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.support.meeting_harness import Attendee, join_meeting
from tests.support.meeting_harness import connected as connected_banner

# Joining, publishing and subscribing on two shared cores can take a while.
CALL_TIMEOUT_MS = 30_000
NewContext = Callable[..., Any]

# The page's livekit-client Room: the value of the RoomContext provider above .meeting.
FIND_ROOM_JS = """
() => {
  const root = document.querySelector(".meeting");
  const key = root && Object.keys(root).find((k) => k.startsWith("__reactFiber$"));
  for (let fiber = key ? root[key] : null; fiber; fiber = fiber.return) {
    const value = fiber.memoizedProps && fiber.memoizedProps.value;
    if (value && typeof value.localParticipant?.publishData === "function") return value;
  }
  throw new Error("no LiveKit Room on this page");
}
"""

# Records every data packet the page's Room emits: topic, the participant livekit-client
# resolved (null for none) and the sender identity LiveKit stamped on it ("" for none).
RECORD_PACKETS_JS = f"""
() => {{
  const room = ({FIND_ROOM_JS})();
  window.__packets = [];
  room.on("dataReceived", (payload, participant, kind, topic, encryption, identity) => {{
    window.__packets.push({{
      topic: topic ?? null,
      participant: participant ? participant.identity : null,
      identity: identity ?? "",
      text: new TextDecoder().decode(payload),
    }});
  }});
}}
"""

# Publishes `body` (JSON) as a reliable data packet on the chat topic from this page's
# participant, as anyone in the meeting can from the browser console.
PUBLISH_CHAT_JS = f"""
async (body) => {{
  const room = ({FIND_ROOM_JS})();
  await room.localParticipant.publishData(new TextEncoder().encode(body), {{
    reliable: true,
    topic: "chat",
  }});
}}
"""


def join(new_context: NewContext, url: str, name: str, **options: Any) -> Attendee:
    """``name`` joins from a browser profile of their own (at ``viewport=`` if given)
    and is connected."""
    viewport = options.pop("viewport", None)
    context = new_context(viewport) if viewport else new_context()
    person = join_meeting(context, url, name, **options)
    expect(connected_banner(person)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    return person


def people_count(person: Attendee, count: int) -> Any:
    controls = person.page.get_by_role("group", name="Meeting controls")
    return controls.get_by_role("button", name=f"People {count} in the meeting")


def chat_button(person: Attendee) -> Any:
    controls = person.page.get_by_role("group", name="Meeting controls")
    return controls.get_by_role("button", name=re.compile("^Chat"))


def open_chat(person: Attendee) -> Any:
    button = chat_button(person)
    if button.get_attribute("aria-pressed") != "true":
        button.click()
    return person.page.get_by_role("complementary", name="Chat")


def close_chat(person: Attendee) -> None:
    button = chat_button(person)
    if button.get_attribute("aria-pressed") == "true":
        button.click()


def chat_messages(person: Attendee) -> Any:
    return person.page.get_by_role("list", name="Messages").locator("li:not(.chat-empty)")


def send_chat(person: Attendee, text: str) -> None:
    open_chat(person)
    box = person.page.get_by_label("Message", exact=True)
    box.fill(text)
    box.press("Enter")
    expect(box).to_have_value("")


def record_packets(person: Attendee) -> None:
    person.page.evaluate(RECORD_PACKETS_JS)


def packets(person: Attendee) -> list[dict[str, Any]]:
    return list(person.page.evaluate("() => window.__packets"))


def history_requests(person: Attendee) -> list[str]:
    """From now on, the URL of every chat history request the page makes."""
    seen: list[str] = []
    person.page.on(
        "request",
        lambda request: (
            seen.append(request.url)
            if "/api/messages?" in request.url and request.method == "GET"
            else None
        ),
    )
    return seen
