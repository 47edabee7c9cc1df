"""The meeting itself: several people, each in a browser profile of their own,
in one call carried by the embedded LiveKit stand-in (what `make dev` runs).

What each test proves is what a person in the meeting would see: the others'
names and live video (frames decoded and changing), chat arriving, a host's
mute and remove landing on the guest's page, leaving and rejoining, a dropped
signalling connection recovering, the meeting's end reaching everyone, and the
page carrying on past its first token's expiry.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, AdminApi, SettingsOverride, screenshot
from tests.support.chat_page import (
    CALL_TIMEOUT_MS,
    NewContext,
    chat_messages,
    join,
    people_count,
    send_chat,
)
from tests.support.dashboard_page import card, sign_in
from tests.support.meeting_harness import Attendee
from tests.support.meeting_harness import connected as connected_banner
from tests.support.signalling import SignallingSockets

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_panel(person: Attendee, name: str) -> Any:
    controls = person.page.get_by_role("group", name="Meeting controls")
    button = controls.get_by_role("button", name=re.compile(f"^{name}"))
    if button.get_attribute("aria-pressed") != "true":
        button.click()
    return person.page.get_by_role("complementary", name=name)


def test_two_then_three_people_see_each_others_names_and_live_video(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Weekly sync")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")

    for viewer, other in ((ada, "Bob"), (bob, "Ada")):
        expect(people_count(viewer, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
        expect(viewer.tile(other)).to_be_visible(timeout=CALL_TIMEOUT_MS)
        sample = viewer.wait_for_live_video(other)
        assert sample["width"] > 0
    # Each browser decodes the other's camera (WebRTC's own count, not the page's).
    for viewer in (ada, bob):
        decoded = viewer.frames_decoded()
        assert decoded, f"{viewer.name} has no inbound video stream"
        assert all(frames > 0 for frames in decoded.values()), decoded
    screenshot(ada.page, "call-two")

    cy = join(new_context, meeting["joinUrl"], "Cy", viewport=PHONE)
    for viewer in (ada, bob, cy):
        expect(people_count(viewer, 3)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    # The desktop pages show everyone; the phone-sized one pages its grid.
    for viewer in (ada, bob):
        for other in {"Ada", "Bob", "Cy"} - {viewer.name}:
            expect(viewer.tile(other)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    for other in ("Bob", "Cy"):
        ada.wait_for_live_video(other)
    bob.wait_for_live_video("Cy")
    assert len(ada.frames_decoded()) >= 2  # two remote cameras decoded
    panel = open_panel(cy, "People")
    for name in ("Ada", "Bob", "Cy (you)"):
        expect(panel).to_contain_text(name)
    screenshot(ada.page, "call-three")
    screenshot(cy.page, "call-three-phone")


def test_chat_goes_live_between_people_and_a_late_joiner_gets_the_history(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Chat call")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    expect(people_count(ada, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)

    # Bob's chat is closed: Ada's message arrives as an unread count, then in the list.
    send_chat(ada, "Hello Bob, can you hear me?")
    controls = bob.page.get_by_role("group", name="Meeting controls")
    expect(controls.get_by_label("1 unread")).to_be_visible()
    open_panel(bob, "Chat")
    expect(chat_messages(bob)).to_have_count(1)
    expect(chat_messages(bob).first).to_contain_text("Ada")
    expect(chat_messages(bob).first).to_contain_text("Hello Bob, can you hear me?")

    send_chat(bob, "Loud and clear")
    expect(chat_messages(ada)).to_have_count(2)
    expect(chat_messages(ada).last).to_contain_text("Bob")
    expect(chat_messages(ada).last).to_contain_text("Loud and clear")
    screenshot(ada.page, "call-chat")

    cy = join(new_context, meeting["joinUrl"], "Cy")
    open_panel(cy, "Chat")
    expect(chat_messages(cy)).to_have_count(2)
    expect(chat_messages(cy).first).to_contain_text("Hello Bob, can you hear me?")
    expect(chat_messages(cy).last).to_contain_text("Loud and clear")
    send_chat(cy, "Sorry I'm late")
    for viewer in (ada, bob):
        expect(chat_messages(viewer)).to_have_count(3)
        expect(chat_messages(viewer).last).to_contain_text("Sorry I'm late")


def test_a_hosts_mute_reaches_the_guests_page(new_context: NewContext, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="Moderated")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    guest_mic = guest.page.get_by_role("group", name="Meeting controls").get_by_role(
        "button", name="Microphone", exact=True
    )
    expect(guest_mic).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)

    people = open_panel(host, "People")
    row = people.locator("li.person").filter(has_text="Gus")
    expect(row).to_contain_text("Mic on", timeout=CALL_TIMEOUT_MS)
    row.get_by_role("button", name="Mute Gus").click()

    # The guest's own page shows the microphone off and says who did it; the host
    # sees it muted.
    expect(guest_mic).to_have_attribute("aria-pressed", "false", timeout=CALL_TIMEOUT_MS)
    expect(
        guest.page.get_by_role("status").filter(has_text="The host muted your microphone")
    ).to_be_visible()
    expect(row).to_contain_text("Muted", timeout=CALL_TIMEOUT_MS)
    muted_mic = '.lk-track-muted-indicator-microphone[data-lk-muted="true"]'
    expect(host.tile("Gus").locator(muted_mic)).to_be_visible()
    screenshot(guest.page, "call-muted-guest")

    # The guest may speak again: unmuting is theirs to do.
    guest_mic.click()
    expect(guest_mic).to_have_attribute("aria-pressed", "true")
    expect(guest.page.get_by_text("The host muted your microphone")).to_have_count(0)
    expect(row).to_contain_text("Mic on", timeout=CALL_TIMEOUT_MS)


def test_a_hosts_remove_sends_the_guest_to_a_removed_screen(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Moderated")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    people = open_panel(host, "People")
    row = people.locator("li.person").filter(has_text="Gus")
    expect(row).to_be_visible(timeout=CALL_TIMEOUT_MS)
    row.get_by_role("button", name="Remove Gus").click()
    dialog = host.page.get_by_role("dialog")
    expect(dialog).to_contain_text("Gus will be disconnected from this meeting.")
    dialog.get_by_role("button", name="Remove").click()

    expect(guest.page.get_by_role("heading", name="You were removed")).to_be_visible(
        timeout=CALL_TIMEOUT_MS
    )
    expect(guest.page.get_by_text("The host removed you from this meeting.")).to_be_visible()
    expect(guest.page.get_by_role("button", name="Rejoin")).to_have_count(0)
    expect(row).to_have_count(0, timeout=CALL_TIMEOUT_MS)
    expect(people_count(host, 1)).to_be_visible()
    screenshot(guest.page, "call-removed")


def test_leaving_and_rejoining(new_context: NewContext, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="In and out")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    ada.wait_for_live_video("Bob")

    bob.page.get_by_role("group", name="Meeting controls").get_by_role(
        "button", name="Leave"
    ).click()
    expect(bob.page.get_by_role("heading", name="You left the meeting")).to_be_visible()
    expect(people_count(ada, 1)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    expect(ada.tile("Bob")).to_have_count(0)

    bob.page.get_by_role("button", name="Rejoin").click()
    expect(bob.page.get_by_label("Your name")).to_have_value("Bob")
    bob.page.get_by_role("button", name="Join meeting").click()
    expect(connected_banner(bob)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    expect(people_count(ada, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    ada.wait_for_live_video("Bob")
    bob.wait_for_live_video("Ada")


def test_a_dropped_signalling_connection_recovers(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Wobbly")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    sockets = SignallingSockets(ada.page)  # from Ada's next connection on
    bob = join(new_context, meeting["joinUrl"], "Bob")
    bob.wait_for_live_video("Ada")
    # Reload Ada's page so her connection runs through the watch (a rejoin, same name).
    ada.page.reload()
    expect(connected_banner(ada)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    ada.wait_for_live_video("Bob")
    bob.wait_for_live_video("Ada")
    first = sockets.count()

    sockets.drop_from_server()
    # The page resumes on a new signalling connection, and says so meanwhile.
    sockets.wait_for(first + 1)
    expect(connected_banner(ada)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    expect(people_count(ada, 2)).to_be_visible()
    expect(people_count(bob, 2)).to_be_visible()
    bob.wait_for_live_video("Ada")
    ada.wait_for_live_video("Bob")
    # The reconnected page gets live chat, and its own messages are stored.
    send_chat(bob, "Welcome back")
    open_panel(ada, "Chat")
    expect(chat_messages(ada).last).to_contain_text("Welcome back")
    send_chat(ada, "Still here")
    expect(chat_messages(ada).last).to_contain_text("Still here")
    expect(ada.page.get_by_role("alert")).to_have_count(0)


# The service delivers chat (RoomService SendData), so the sender's fresh connection
# carries none of it.
def test_chat_sent_right_after_a_reconnection_reaches_the_others_live(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Wobbly chat")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    sockets = SignallingSockets(ada.page)
    ada.page.reload()
    expect(connected_banner(ada)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    bob = join(new_context, meeting["joinUrl"], "Bob")
    expect(people_count(ada, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)
    first = sockets.count()
    sockets.drop_from_server()
    sockets.wait_for(first + 1)
    expect(connected_banner(ada)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    send_chat(ada, "Still here")
    open_panel(bob, "Chat")
    expect(chat_messages(bob).last).to_contain_text("Still here")


def test_ending_the_meeting_from_the_dashboard_tells_everyone(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Last call")
    host = join(new_context, meeting["hostJoinUrl"], "Hana")
    guest = join(new_context, meeting["joinUrl"], "Gus")
    expect(people_count(host, 2)).to_be_visible(timeout=CALL_TIMEOUT_MS)

    dashboard = new_context().new_page()
    sign_in(dashboard)
    dashboard_card = card(dashboard, "Last call")
    dashboard_card.get_by_role("button", name="End Last call").click()
    dashboard.get_by_role("dialog").get_by_role("button", name="End meeting").click()
    # Ended meetings move to the folded Past group.
    expect(dashboard.get_by_role("heading", name="Past (1)")).to_be_visible()
    dashboard.get_by_text("Show ended and cancelled meetings").click()
    expect(dashboard_card.get_by_text("Ended", exact=True)).to_be_visible()

    for person in (host, guest):
        expect(person.page.get_by_role("heading", name="The meeting has ended")).to_be_visible(
            timeout=CALL_TIMEOUT_MS
        )
        expect(person.page.get_by_role("button", name="Rejoin")).to_have_count(0)
    screenshot(guest.page, "call-ended")


def test_the_page_works_past_its_first_tokens_expiry(
    new_context: NewContext, admin_api: AdminApi, service_settings: SettingsOverride
) -> None:
    ttl = 20
    service_settings.update(token_ttl_seconds=ttl)
    meeting = admin_api.instant(title="Long call")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    sockets = SignallingSockets(ada.page)
    ada.page.reload()  # rejoin through the watch: the token counts from here
    expect(connected_banner(ada)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    joined = time.monotonic()
    bob = join(new_context, meeting["joinUrl"], "Bob")
    bob.wait_for_live_video("Ada")

    ada.page.wait_for_timeout(max(0.0, joined + ttl + 3 - time.monotonic()) * 1000)
    # Ada's first token is dead: the service's API takes the one LiveKit refreshed...
    send_chat(ada, "Still talking after the token expired")
    open_panel(bob, "Chat")
    expect(chat_messages(bob).last).to_contain_text("Still talking after the token expired")
    expect(ada.page.get_by_role("alert")).to_have_count(0)
    # ...and so does LiveKit, when the signalling connection has to resume.
    first = sockets.count()
    sockets.drop_from_server()
    sockets.wait_for(first + 1)
    expect(connected_banner(ada)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    bob.wait_for_live_video("Ada")
    expect(people_count(bob, 2)).to_be_visible()


def test_a_shared_screen_takes_the_stage_for_the_others(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Demo")
    ada = join(new_context, meeting["joinUrl"], "Ada")
    bob = join(new_context, meeting["joinUrl"], "Bob")
    bob.wait_for_live_video("Ada")

    share = ada.page.get_by_role("group", name="Meeting controls").get_by_role(
        "button", name="Share screen"
    )
    share.click()
    expect(share).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)
    screen = bob.page.locator(".stage-screen")
    expect(screen).to_contain_text("Ada's screen", timeout=CALL_TIMEOUT_MS)
    bob.page.wait_for_function(
        "() => (document.querySelector('.stage-screen video')?.videoWidth ?? 0) > 0",
        timeout=15_000,
    )
    expect(bob.page.get_by_label("Cameras").locator(".lk-participant-tile")).to_have_count(2)
    screenshot(bob.page, "call-screen-share")

    share.click()  # stop sharing: the grid comes back
    expect(screen).to_have_count(0, timeout=CALL_TIMEOUT_MS)
    bob.wait_for_live_video("Ada")
