"""The organiser's dashboard at /meetings, driven in Chromium."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from devserver.livekit import EmbeddedLiveKit
from tests.browser.conftest import AdminApi, livekit_rooms, screenshot
from tests.conftest import ADMIN_KEY
from tests.support.dashboard_page import card, sign_in

pytestmark = pytest.mark.browser


def test_sign_in_refuses_a_wrong_key_then_keeps_the_right_one(page: Any) -> None:
    page.goto("/meetings")
    screenshot(page, "dashboard-sign-in")
    page.get_by_label("Admin key").fill("not-the-key")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That admin key is not right.")).to_be_visible()

    page.get_by_label("Admin key").fill(ADMIN_KEY)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("No meetings yet.")).to_be_visible()

    page.reload()  # the key is kept for the browser session
    expect(page.get_by_role("heading", name="All meetings")).to_be_visible()
    expect(page.get_by_label("Admin key")).to_have_count(0)


def test_schedule_shows_validation_errors_beside_fields_then_schedules(page: Any) -> None:
    sign_in(page)
    page.get_by_role("button", name="Schedule a meeting").click()
    form = page.locator("#schedule-form")
    form.get_by_label("Password (optional)").fill("ab")  # the API wants at least 4
    form.get_by_role("button", name="Schedule", exact=True).click()

    title = form.get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_be_focused()
    expect(form.locator("#schedule-title-error")).to_have_text("Required.")
    expect(form.locator("#schedule-password-error")).to_contain_text("at least 4 characters")
    screenshot(page, "dashboard-schedule-errors")

    title.fill("Quarterly planning")
    form.get_by_label("Password (optional)").fill("")
    form.get_by_label("At a time").check()
    form.get_by_label("End time").fill("2020-01-01T10:00")  # before the start
    form.get_by_role("button", name="Schedule", exact=True).click()
    expect(form.locator("#schedule-end-error")).to_contain_text("End time must be after start time")

    form.get_by_label("After a duration").check()
    form.get_by_label("Duration in minutes").fill("45")
    form.get_by_label("Only the allowlist").check()
    form.get_by_label("Allowlist emails").fill("Ada@Example.com\nlin@example.com")
    form.get_by_role("button", name="Schedule", exact=True).click()

    expect(page.get_by_role("heading", name="Scheduled: Quarterly planning")).to_be_visible()
    meeting = card(page, "Quarterly planning")
    expect(meeting.get_by_text("Scheduled", exact=True)).to_be_visible()
    expect(meeting.get_by_text("Allowlist only")).to_be_visible()

    meeting.get_by_role("button", name="Details").click()
    dialog = page.get_by_role("dialog")
    allowlist = dialog.locator("ul.allowlist")
    expect(allowlist).to_contain_text("ada@example.com")
    expect(dialog.get_by_text("Nobody has joined yet.")).to_be_visible()
    dialog.get_by_label("Add emails").fill("grace@example.com")
    dialog.get_by_role("button", name="Add", exact=True).click()
    expect(allowlist).to_contain_text("grace@example.com")
    screenshot(page, "dashboard-detail")
    dialog.get_by_role("button", name="Remove grace@example.com").click()
    expect(allowlist).not_to_contain_text("grace@example.com")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_instant_meeting_link_is_copied(page: Any, live_server: str) -> None:
    sign_in(page)
    page.get_by_role("button", name="Start an instant meeting").click()
    notice = page.locator("section.created")
    expect(notice.get_by_role("heading", name=re.compile("^Live now"))).to_be_visible()
    join_url = notice.get_by_label("Join link").input_value()
    assert re.fullmatch(re.escape(live_server) + r"/join/[a-z0-9-]+\?password=\S+", join_url)

    notice.get_by_role("button", name="Copy join link").click()
    expect(notice.get_by_role("button", name="Copied!")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == join_url
    screenshot(page, "dashboard-instant")

    # The notice opens the join page as host, but offers no host link to copy.
    host_url = notice.get_by_role("link", name="Join as host").get_attribute("href")
    assert host_url.startswith(join_url + "&host=")
    expect(notice.get_by_label("Host link")).to_have_count(0)


def test_end_asks_first_then_ends_and_list_refreshes(
    page: Any, admin_api: AdminApi, livekit: EmbeddedLiveKit
) -> None:
    live = admin_api.instant(title="Incident call")
    assert live["roomName"] in livekit_rooms(livekit)  # launching made its LiveKit room
    admin_api.schedule(title="Later chat", starts_in=timedelta(days=1))
    sign_in(page)
    meeting = card(page, "Incident call")
    expect(meeting.get_by_text("Live", exact=True)).to_be_visible()
    screenshot(page, "dashboard-list")

    meeting.get_by_role("button", name="End Incident call").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Everyone in “Incident call” will be disconnected")
    dialog.get_by_role("button", name="Keep it").click()
    expect(meeting.get_by_text("Live", exact=True)).to_be_visible()

    meeting.get_by_role("button", name="End Incident call").click()
    page.get_by_role("dialog").get_by_role("button", name="End meeting").click()
    # An ended meeting moves to the Past group, folded away until asked for.
    expect(page.get_by_role("heading", name="Past (1)")).to_be_visible()
    page.get_by_text("Show ended and cancelled meetings").click()
    expect(meeting.get_by_text("Ended", exact=True)).to_be_visible()
    assert live["roomName"] not in livekit_rooms(livekit)  # ending deleted it

    later = card(page, "Later chat")
    later.get_by_role("button", name="Cancel Later chat").click()
    page.get_by_role("dialog").get_by_role("button", name="Cancel meeting").click()
    expect(later.get_by_text("Cancelled", exact=True)).to_be_visible()

    # A meeting made elsewhere shows up on Refresh, without reloading the page.
    admin_api.instant(title="Made elsewhere")
    page.get_by_role("button", name="Refresh").click()
    expect(card(page, "Made elsewhere")).to_be_visible()


def test_list_refreshes_quietly_on_its_own(page: Any, admin_api: AdminApi) -> None:
    page.clock.install()
    sign_in(page)
    # The page's first read of the list must be over before the meeting is made
    # elsewhere (on a busy machine it can still be in flight after the heading shows).
    page.wait_for_load_state("networkidle")
    admin_api.instant(title="Appeared by itself")
    expect(card(page, "Appeared by itself")).to_have_count(0)
    page.clock.run_for(16_000)  # the dashboard re-reads the list every 15 s
    expect(card(page, "Appeared by itself")).to_be_visible()
