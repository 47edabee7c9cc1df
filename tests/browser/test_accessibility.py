"""axe-core on every page and state, at 1440 and 375 pixels wide: no violations.

Each state is reached the way a person would reach it; the per-state results are
written to tests/artifacts/axe/<state>.json.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, AxeAudit
from tests.conftest import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support import livekit_webhooks as hooks
from tests.support.meeting_harness import connected, join_meeting

pytestmark = pytest.mark.browser


# The ids that more than one element of the page carries.
DUPLICATE_IDS_JS = """() => {
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}"""


def sign_in(page: Any) -> None:
    page.goto("/meetings")
    page.get_by_label("Admin key").fill(ADMIN_KEY)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()


def test_dashboard_states_have_no_axe_violations(
    page: Any, admin_api: AdminApi, axe: AxeAudit
) -> None:
    page.goto("/meetings")
    expect(page.get_by_label("Admin key")).to_be_visible()
    axe(page, "dashboard-sign-in")
    page.get_by_label("Admin key").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That admin key is not right.")).to_be_visible()
    axe(page, "dashboard-sign-in-error")

    page.get_by_label("Admin key").fill(ADMIN_KEY)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("No meetings yet.")).to_be_visible()
    axe(page, "dashboard-empty")

    live = admin_api.instant(title="Standup")
    admin_api.schedule(starts_in=timedelta(days=2), title="Design review", isPublic=False)
    gone = admin_api.schedule(starts_in=timedelta(days=3), title="Offsite")
    admin_api.client.delete(f"/api/meetings/{gone['id']}")
    page.reload()
    expect(page.get_by_role("heading", name="Live now (1)")).to_be_visible()
    axe(page, "dashboard-list")
    page.get_by_text("Show ended and cancelled meetings").click()
    expect(page.locator("li.meeting[data-status=CANCELLED]")).to_be_visible()
    axe(page, "dashboard-list-past-open")

    page.get_by_role("button", name="Schedule a meeting").click()
    form = page.locator("#schedule-form")
    axe(page, "dashboard-schedule-form")
    form.get_by_label("Only the allowlist").check()
    expect(form.get_by_text("Nobody is invited yet")).to_be_visible()
    axe(page, "dashboard-schedule-form-private")
    form.get_by_role("button", name="Schedule", exact=True).click()
    expect(form.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    axe(page, "dashboard-schedule-errors")
    form.get_by_role("button", name="Cancel", exact=True).click()

    page.get_by_role("button", name="Start an instant meeting").click()
    created = page.locator("section.created")
    expect(created).to_be_visible()
    axe(page, "dashboard-created-notice")
    created.get_by_role("button", name="Dismiss").click()

    card = page.locator(f"li.meeting[data-meeting-id='{live['id']}']")
    card.get_by_role("button", name="Details").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Nobody has joined yet.")).to_be_visible()
    axe(page, "dashboard-details")
    dialog.get_by_role("button", name="Close").click()

    # With attendance rows the table is wider than a phone: its scroll area must be
    # reachable by keyboard (axe: scrollable-region-focusable).
    for n, name in enumerate(["Ada Lovelace-Byron", "Grace Brewster Hopper", "Katherine Johnson"]):
        joined = hooks.event(
            "participant_joined", live["roomName"], identity=f"guest-{n}", name=name
        )
        sent = hooks.delivery(joined, LIVEKIT_KEY, LIVEKIT_SECRET)
        response = admin_api.client.post(
            "/api/livekit/webhook", content=sent.body, headers=sent.headers
        )
        assert response.status_code == 200, response.text
    card.get_by_role("button", name="Details").click()
    dialog = page.get_by_role("dialog")
    rows = dialog.get_by_role("region", name="Attendance table").locator("tbody tr")
    expect(rows).to_have_count(3)
    axe(page, "dashboard-details-attendance")
    dialog.get_by_role("button", name="Close").click()

    card.get_by_role("button", name="Edit").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    axe(page, "dashboard-edit")
    page.get_by_role("dialog").get_by_label("Title").fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("dialog").get_by_label("Title")).to_have_attribute(
        "aria-invalid", "true"
    )
    axe(page, "dashboard-edit-errors")
    page.keyboard.press("Escape")

    card.get_by_role("button", name="End").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    axe(page, "dashboard-confirm")
    page.get_by_role("button", name="Keep it").click()


def test_join_page_states_have_no_axe_violations(
    page: Any, admin_api: AdminApi, axe: AxeAudit
) -> None:
    live = admin_api.instant(title="Standup")
    page.goto(live["joinUrl"])
    expect(page.get_by_role("button", name="Join meeting")).to_be_visible()
    expect(page.locator("video")).to_be_visible()
    axe(page, "join-lobby")

    later = admin_api.schedule(starts_in=timedelta(days=2), title="Design review", isPublic=False)
    page.goto(later["joinUrl"])
    expect(page.get_by_role("button", name="Join meeting")).to_be_visible()
    axe(page, "join-lobby-too-early-private")

    soon = admin_api.schedule(starts_in=timedelta(hours=1), title="Retro")
    page.goto(soon["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()
    expect(page.locator("[data-problem=not-started]")).to_be_visible()
    axe(page, "join-lobby-not-started")

    # A new tab: this one keeps the password the full link brought (a reload rejoins).
    bare = page.context.new_page()
    bare.goto(live["joinUrl"].split("?")[0])
    bare.get_by_role("button", name="Join meeting").click()
    expect(bare.get_by_label("Meeting password")).to_be_visible()
    axe(bare, "join-lobby-errors")
    bare.close()

    page.goto("/join/no-such-room-zz99")
    expect(page.get_by_role("heading", name="Meeting not found")).to_be_visible()
    axe(page, "join-not-found")


def test_meeting_page_states_have_no_axe_violations(
    page: Any, admin_api: AdminApi, axe: AxeAudit
) -> None:
    live = admin_api.instant(title="Standup")
    page.goto(live["hostJoinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()
    controls = page.get_by_role("group", name="Meeting controls")
    expect(controls).to_be_visible()
    page.wait_for_timeout(500)
    axe(page, "meeting-call")

    controls.get_by_role("button", name="People 1 in the meeting").click()
    expect(page.get_by_role("complementary", name="People")).to_be_visible()
    axe(page, "meeting-people-panel")

    controls.get_by_role("button", name="Chat").click()
    expect(page.get_by_role("complementary", name="Chat")).to_be_visible()
    axe(page, "meeting-chat-panel")

    # A host's Leave asks whether to end the meeting for everyone.
    controls.get_by_role("button", name="Leave").click()
    dialog = page.get_by_role("dialog", name="Leave the meeting?")
    expect(dialog).to_be_visible()
    axe(page, "meeting-leave-dialog")
    dialog.get_by_role("button", name="Leave", exact=True).click()
    expect(page.get_by_role("heading", name="You left the meeting")).to_be_visible()
    axe(page, "meeting-left")


def test_host_control_states_have_no_axe_violations(
    page: Any, context: Any, admin_api: AdminApi, axe: AxeAudit
) -> None:
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=4)
    live = admin_api.schedule(
        starts_in=timedelta(minutes=-30), endTime=end.isoformat(), title="Last minutes"
    )
    page.goto(live["hostJoinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()
    expect(page.get_by_text(re.compile("The meeting ends in"))).to_be_visible()
    page.wait_for_timeout(500)
    axe(page, "meeting-ending-banner")

    page.get_by_role("button", name="Host tools").click()
    tools = page.get_by_role("group", name="Host tools")
    tools.get_by_role("button", name="Lock meeting").click()
    expect(page.locator(".meeting-header").locator(".badge-locked")).to_be_visible()
    axe(page, "meeting-host-tools")

    newcomer = context.new_page()
    newcomer.goto(live["joinUrl"])
    newcomer.get_by_label("Your name").fill("Bob")
    newcomer.get_by_role("button", name="Join meeting").click()
    expect(newcomer.get_by_role("heading", name="This meeting is locked")).to_be_visible()
    axe(newcomer, "join-locked")

    page.keyboard.press("Escape")
    page.get_by_role("group", name="Meeting controls").get_by_role("button", name="Leave").click()
    page.get_by_role("dialog").get_by_role("button", name="End for everyone").click()
    expect(page.get_by_role("heading", name="The host ended the meeting")).to_be_visible()
    axe(page, "meeting-ended-by-host")


def test_waiting_room_states_have_no_axe_violations(
    new_context: Any, admin_api: AdminApi, axe: AxeAudit
) -> None:
    meeting = admin_api.instant(title="Clinic", waitingRoom=True)
    guest = new_context().new_page()
    guest.goto(meeting["joinUrl"])
    guest.get_by_label("Your name").fill("Gus")
    guest.get_by_role("button", name="Join meeting").click()
    expect(guest.get_by_role("heading", name="Waiting for the host to let you in")).to_be_focused()
    axe(guest, "waiting-room-guest")

    host = new_context().new_page()
    host.goto(meeting["hostJoinUrl"])
    host.get_by_label("Your name").fill("Hana")
    host.get_by_role("button", name="Join meeting").click()
    panel = host.get_by_role("region", name="Waiting to join")
    expect(panel).to_contain_text("Gus", timeout=20_000)
    host.wait_for_timeout(500)
    axe(host, "waiting-room-host-panel")

    panel.get_by_role("button", name="Deny Gus").click()
    expect(guest.get_by_role("heading", name="The host did not let you in")).to_be_focused(
        timeout=20_000
    )
    axe(guest, "waiting-room-denied")


def test_meeting_menus_and_dialogs_have_no_axe_violations(
    context: Any, admin_api: AdminApi, axe: AxeAudit
) -> None:
    live = admin_api.instant(title="Standup")
    attendee = join_meeting(context, live["hostJoinUrl"], "Ada")
    page = attendee.page
    controls = page.get_by_role("group", name="Meeting controls")
    expect(connected(attendee)).to_be_attached(timeout=30_000)

    controls.get_by_role("button", name="Raise hand").click()
    controls.get_by_role("button", name="People 1 in the meeting").click()
    expect(page.locator(".hands-list li")).to_have_count(1, timeout=15_000)
    axe(page, "meeting-raised-hand")

    controls.get_by_role("button", name="Devices").click()
    controls.get_by_role("button", name="Camera options").click()
    menu = page.get_by_role("group", name="Camera options")
    expect(menu).to_be_visible()
    axe(page, "meeting-device-menu")
    # The Devices panel shows the same list: each select keeps its own id and label.
    assert page.evaluate(DUPLICATE_IDS_JS) == []
    expect(menu.get_by_role("combobox", name="Camera", exact=True)).to_have_count(1)
    expect(page.get_by_role("combobox", name="Camera", exact=True)).to_have_count(2)
    page.keyboard.press("Escape")
    controls.get_by_role("button", name="Devices").click()

    controls.get_by_role("button", name="React").click()
    expect(page.get_by_role("group", name="Reactions")).to_be_visible()
    axe(page, "meeting-reactions")

    page.get_by_role("button", name="Keyboard shortcuts").click()
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    axe(page, "meeting-shortcuts-dialog")
