"""A host's controls over the whole meeting, seen by the people in it, each in a
browser of their own on the embedded LiveKit stand-in: ending it for everyone,
muting everyone, locking it, making a co-host, and the "ends in 5 minutes" banner
that an extension moves for everyone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from participants import host_controls
from tests.browser.conftest import AdminApi, screenshot
from tests.browser.test_call import open_panel
from tests.conftest import ADMIN_KEY
from tests.support.chat_page import (
    CALL_TIMEOUT_MS,
    FIND_ROOM_JS,
    RECORD_PACKETS_JS,
    NewContext,
    join,
    people_count,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def controls(person: Any) -> Any:
    return person.page.get_by_role("group", name="Meeting controls")


def host_tools(person: Any) -> Any:
    """Opens the host tools (if closed) and returns their group."""
    button = person.page.get_by_role("button", name="Host tools")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    return person.page.get_by_role("group", name="Host tools")


def room_summary(live_server: str, room: str) -> dict[str, Any]:
    response = httpx.get(f"{live_server}/api/rooms/{room}", timeout=10)
    assert response.status_code == 200, response.text
    return dict(response.json())


def meeting_packets(person: Any) -> list[str]:
    """The service's packets on the meeting topic that this page got since
    RECORD_PACKETS_JS ran in it."""
    packets: list[dict[str, Any]] = person.page.evaluate("window.__packets")
    return [p["text"] for p in packets if p["topic"] == "meeting"]


def end_for_everyone(host: Any) -> None:
    controls(host).get_by_role("button", name="Leave").click()
    dialog = host.page.get_by_role("dialog", name="Leave the meeting?")
    dialog.get_by_role("button", name="End for everyone").click()


def meeting_status(live_server: str, meeting_id: str) -> str:
    response = httpx.get(
        f"{live_server}/api/meetings/{meeting_id}",
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        timeout=10,
    )
    return str(response.json()["status"])


def test_the_host_ends_the_meeting_for_everyone(
    new_context: NewContext, admin_api: AdminApi, live_server: str
) -> None:
    meeting = admin_api.instant(title="Wrap up")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    expect(people_count(host, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)

    # A guest's Leave just leaves; a host's asks first.
    leave = controls(host).get_by_role("button", name="Leave")
    leave.click()
    dialog = host.page.get_by_role("dialog", name="Leave the meeting?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    host.page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(leave).to_be_focused()

    leave.click()
    screenshot(host.page, "host-leave-dialog")
    dialog.get_by_role("button", name="End for everyone").click()

    for person in (guest, host):
        expect(person.page.get_by_role("heading", name="The host ended the meeting")).to_be_visible(
            timeout=CALL_TIMEOUT_MS
        )
        expect(person.page.get_by_role("button", name="Rejoin")).to_have_count(0)
    assert meeting_status(live_server, meeting["id"]) == "ENDED"
    assert room_summary(live_server, meeting["roomName"])["endedBy"] == "host"
    screenshot(guest.page, "host-ended-guest")


def test_pages_the_leave_reaches_before_the_ended_packet_still_say_the_host_ended_it(
    new_context: NewContext,
    admin_api: AdminApi,
    live_server: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The packet rides the data channel and the room's deletion the signalling socket,
    # so the deletion may come first; here the packet never comes at all.
    held: list[dict[str, Any]] = []
    announce = host_controls._announce

    def hold_the_ended_packet(rooms: Any, room: str, message: dict[str, Any]) -> None:
        if message.get("type") == "ended":
            held.append(message)
        else:
            announce(rooms, room, message)

    monkeypatch.setattr(host_controls, "_announce", hold_the_ended_packet)
    meeting = admin_api.instant(title="Quiet exit")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    expect(people_count(host, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    for person in (host, guest):
        person.page.evaluate(RECORD_PACKETS_JS)

    end_for_everyone(host)

    for person in (guest, host):
        expect(person.page.get_by_role("heading", name="The host ended the meeting")).to_be_visible(
            timeout=CALL_TIMEOUT_MS
        )
        expect(person.page.get_by_role("button", name="Rejoin")).to_have_count(0)
        assert meeting_packets(person) == []
    assert held == [{"type": "ended", "by": "host"}]


def test_a_meeting_the_organiser_ends_says_only_that_it_ended(
    new_context: NewContext, admin_api: AdminApi, live_server: str
) -> None:
    meeting = admin_api.instant(title="Cut short")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    guest.page.evaluate(RECORD_PACKETS_JS)

    admin_api.end(meeting["id"])  # no packet: only LiveKit's leave reaches the page

    expect(guest.page.get_by_role("heading", name="The meeting has ended")).to_be_visible(
        timeout=CALL_TIMEOUT_MS
    )
    expect(guest.page.get_by_role("heading", name="The host ended the meeting")).to_have_count(0)
    assert meeting_packets(guest) == []
    assert room_summary(live_server, meeting["roomName"])["endedBy"] == "organiser"


def test_mute_everyone_mutes_the_guests_microphone(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Quiet please")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    guest_mic = controls(guest).get_by_role("button", name="Microphone", exact=True)
    host_mic = controls(host).get_by_role("button", name="Microphone", exact=True)
    expect(guest_mic).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)
    expect(host_mic).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)
    row = open_panel(host, "People").locator("li.person").filter(has_text="Gus")
    expect(row).to_contain_text("Mic on", timeout=CALL_TIMEOUT_MS)
    # Guests have no host tools.
    expect(guest.page.get_by_role("button", name="Host tools")).to_have_count(0)

    tools = host_tools(host)
    screenshot(host.page, "host-tools")
    tools.get_by_role("button", name="Mute everyone").click()

    expect(tools.get_by_role("status")).to_have_text("Muted 1 person.")
    expect(guest_mic).to_have_attribute("aria-pressed", "false", timeout=CALL_TIMEOUT_MS)
    expect(
        guest.page.get_by_role("status").filter(has_text="The host muted your microphone")
    ).to_be_visible()
    expect(row).to_contain_text("Muted", timeout=CALL_TIMEOUT_MS)
    # The host keeps the floor.
    expect(host_mic).to_have_attribute("aria-pressed", "true")


def test_a_locked_meeting_turns_a_newcomer_away_and_everyone_sees_the_lock(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Closed door")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")

    host_tools(host).get_by_role("button", name="Lock meeting").click()

    for person in (host, guest):
        expect(person.page.locator(".meeting-header").locator(".badge-locked")).to_be_visible(
            timeout=CALL_TIMEOUT_MS
        )
    late = new_context().new_page()
    # A third browser on two shared cores: give its page the call's time to load.
    late.set_default_timeout(CALL_TIMEOUT_MS)
    late.set_default_navigation_timeout(CALL_TIMEOUT_MS)
    late.goto(meeting["joinUrl"])
    late.get_by_label("Your name").fill("Lou")
    late.get_by_role("button", name="Join meeting").click()
    expect(late.get_by_role("heading", name="This meeting is locked")).to_be_visible()
    expect(late.get_by_text("a host has stopped new people joining")).to_be_visible()
    screenshot(late, "host-locked-newcomer")

    host_tools(host).get_by_role("button", name="Unlock meeting").click()
    expect(guest.page.locator(".meeting-header").locator(".badge-locked")).to_have_count(
        0, timeout=CALL_TIMEOUT_MS
    )
    # That joins work again after the unlock is the handler tests' to show.


def test_a_cohost_gets_the_host_tools_and_can_mute_someone(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Shared duty")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    expect(guest.page.get_by_role("button", name="Host tools")).to_have_count(0)
    row = open_panel(host, "People").locator("li.person").filter(has_text="Gus")
    expect(row).to_be_visible(timeout=CALL_TIMEOUT_MS)

    row.get_by_role("button", name="Make co-host Gus").click()

    expect(row).to_contain_text("Co-host", timeout=CALL_TIMEOUT_MS)
    expect(guest.page.get_by_role("button", name="Host tools")).to_be_visible(
        timeout=CALL_TIMEOUT_MS
    )
    expect(guest.page.locator(".meeting-header").get_by_text("Co-host")).to_be_visible()
    # The co-host mutes the host from their own People panel.
    host_mic = controls(host).get_by_role("button", name="Microphone", exact=True)
    expect(host_mic).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)
    hana = open_panel(guest, "People").locator("li.person").filter(has_text="Hana")
    expect(hana).to_contain_text("Mic on", timeout=CALL_TIMEOUT_MS)
    hana.get_by_role("button", name="Mute Hana").click()
    expect(host_mic).to_have_attribute("aria-pressed", "false", timeout=CALL_TIMEOUT_MS)
    screenshot(guest.page, "host-cohost")


def test_a_guest_claiming_the_cohost_role_is_not_shown_as_one(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="No self-promotion")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    row = open_panel(host, "People").locator("li.person").filter(has_text="Gus")
    expect(row).to_be_visible(timeout=CALL_TIMEOUT_MS)

    # The guest's token may update its own attributes (raised hands use that).
    guest.page.evaluate(
        f"async () => ({FIND_ROOM_JS})().localParticipant.setAttributes({{role: 'cohost'}})"
    )
    # The host's page has the attribute, and still shows a guest.
    host.page.wait_for_function(
        f"""() => [...({FIND_ROOM_JS})().remoteParticipants.values()]
              .some((p) => p.attributes.role === 'cohost')""",
        timeout=CALL_TIMEOUT_MS,
    )
    host.page.wait_for_timeout(500)  # time for a page that read the attribute to show it
    expect(row.get_by_role("button", name="Make co-host Gus")).to_be_visible()
    expect(row).not_to_contain_text("Co-host")
    expect(guest.page.get_by_role("button", name="Host tools")).to_have_count(0)
    expect(guest.page.locator(".meeting-header").get_by_text("Co-host")).to_have_count(0)


def test_the_ending_banner_moves_for_everyone_when_the_host_extends(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    # A meeting four minutes from its end: inside the five-minute warning at once.
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=4)
    meeting = admin_api.schedule(
        starts_in=timedelta(minutes=-30), endTime=end.isoformat(), title="Running late"
    )
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    ending = re.compile(r"The meeting ends in [3-5] minutes\.")
    guest_banner = guest.page.locator(".ending-banner")
    expect(guest_banner).to_have_text(ending)
    expect(guest_banner.get_by_role("button")).to_have_count(0)  # guests cannot extend
    host_banner = host.page.locator(".ending-banner")
    expect(host_banner).to_contain_text(ending)
    screenshot(guest.page, "host-ending-banner-guest")
    screenshot(host.page, "host-ending-banner-host")

    host_banner.get_by_role("button", name="Extend 15 min").click()

    later = (end + timedelta(minutes=15)).astimezone(UTC)
    for person in (guest, host):
        banner = person.page.locator(".ending-banner")
        expect(banner).to_have_attribute(
            "data-ends-at", later.isoformat().replace("+00:00", ".000Z"), timeout=CALL_TIMEOUT_MS
        )
        expect(banner).to_be_hidden()
