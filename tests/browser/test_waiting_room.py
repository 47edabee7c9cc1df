"""The waiting room with real browsers on the LiveKit stand-in: a guest waits, the
host sees the request (by name) at once and lets them in, and the guest's page joins
the call by itself; a denied guest is told; a guest with no host around is told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, AdminApi, screenshot
from tests.support.meeting_harness import PEER_CONNECTION_PROBE, Attendee, join_meeting
from tests.support.meeting_harness import connected as connected_banner

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CALL_TIMEOUT_MS = 30_000
NewContext = Callable[..., Any]
WAITING = "Waiting for the host to let you in"
NO_HOST = "No host is in the meeting yet; you'll join when one arrives."


def ask_to_join(
    new_context: NewContext, url: str, name: str, *, email: str | None = None, **options: Any
) -> Attendee:
    """Fills the lobby and presses Join on a waiting-room meeting: the page waits."""
    context = new_context(**options)
    context.add_init_script(PEER_CONNECTION_PROBE)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    # The lobby can be slow to come while other browsers are in a call on two cores.
    expect(page.get_by_label("Your name")).to_be_visible(timeout=CALL_TIMEOUT_MS)
    page.get_by_label("Your name").fill(name)
    if email is not None:
        page.get_by_label("Your email").fill(email)
    page.get_by_role("button", name="Join meeting").click(timeout=CALL_TIMEOUT_MS)
    heading = page.get_by_role("heading", name=WAITING)
    expect(heading).to_be_visible(timeout=CALL_TIMEOUT_MS)
    expect(heading).to_be_focused()  # focus moves to the waiting screen's heading
    return Attendee(name, context, page)


def host_joins(new_context: NewContext, meeting: dict[str, Any], name: str) -> Attendee:
    person = join_meeting(new_context(), meeting["hostJoinUrl"], name)
    expect(connected_banner(person)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    return person


def requests_panel(host: Attendee) -> Any:
    return host.page.get_by_role("region", name="Waiting to join")


def test_a_guest_waits_for_the_host_who_admits_them_into_the_call(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    # Private, so the guest gives an email, which the host's panel shows.
    meeting = admin_api.schedule(
        starts_in=timedelta(0),
        title="Clinic",
        isPublic=False,
        participants=[{"email": "gus@example.com"}],
        waitingRoom=True,
    )
    gus = ask_to_join(new_context, meeting["joinUrl"], "Gus", email="gus@example.com")
    expect(gus.page.get_by_text(NO_HOST)).to_be_visible(timeout=10_000)
    screenshot(gus.page, "waiting-room-no-host")

    hana = host_joins(new_context, meeting, "Hana")
    panel = requests_panel(hana)
    expect(panel).to_be_visible(timeout=10_000)
    expect(panel).to_contain_text("Gus")
    expect(panel).to_contain_text("gus@example.com")
    # The guest's page learns a host has arrived.
    expect(gus.page.get_by_text("The host knows you are here")).to_be_visible(timeout=10_000)
    screenshot(hana.page, "waiting-room-host-panel")

    panel.get_by_role("button", name="Admit Gus").click()

    expect(gus.page.locator(".meeting")).to_be_visible(timeout=CALL_TIMEOUT_MS)
    expect(connected_banner(gus)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    expect(hana.tile("Gus")).to_be_visible(timeout=CALL_TIMEOUT_MS)
    expect(gus.tile("Hana")).to_be_visible(timeout=CALL_TIMEOUT_MS)
    expect(panel).to_be_hidden()


def test_a_host_sees_a_request_at_once_and_a_denied_guest_is_told(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Clinic", waitingRoom=True)
    hana = host_joins(new_context, meeting, "Hana")

    bo = ask_to_join(new_context, meeting["joinUrl"], "Bo", viewport=PHONE)
    mallory = ask_to_join(new_context, meeting["joinUrl"], "Mallory")
    expect(bo.page.get_by_text("The host knows you are here")).to_be_visible()
    screenshot(bo.page, "waiting-room-guest-phone")
    panel = requests_panel(hana)
    # Pushed by the service (SendData to the host), well before the host's slow re-read.
    expect(panel.get_by_role("listitem")).to_have_count(2, timeout=5_000)
    expect(
        hana.page.locator("[aria-live='polite']").filter(has_text="waiting to join")
    ).to_have_count(1)

    panel.get_by_role("button", name="Deny Mallory").click()
    expect(mallory.page.get_by_role("heading", name="The host did not let you in")).to_be_visible(
        timeout=10_000
    )
    expect(panel.get_by_role("listitem")).to_have_count(1)

    panel.get_by_role("button", name="Admit Bo").click()
    expect(connected_banner(bo)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    expect(hana.tile("Bo")).to_be_visible(timeout=CALL_TIMEOUT_MS)


def test_a_guest_who_leaves_the_waiting_screen_drops_off_the_hosts_list(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Clinic", waitingRoom=True)
    hana = host_joins(new_context, meeting, "Hana")
    gus = ask_to_join(new_context, meeting["joinUrl"], "Gus")
    panel = requests_panel(hana)
    expect(panel).to_contain_text("Gus")

    gus.page.close(run_before_unload=True)  # as a person closing the tab

    expect(panel).to_be_hidden(timeout=10_000)
