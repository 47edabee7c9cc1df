"""The organiser's dashboard: grouping, hosting, editing, invitations and calendar files."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, screenshots_wide_and_phone
from tests.support.dashboard_page import sign_in

pytestmark = pytest.mark.browser


def group(page: Any, name: str) -> Any:
    return page.locator("section.group").filter(
        has=page.get_by_role("heading", name=re.compile(f"^{name} "))
    )


def card(page: Any, title: str) -> Any:
    return page.locator("li.meeting").filter(has=page.get_by_role("heading", name=title))


def test_meetings_are_grouped_live_upcoming_then_past_folded_away(
    page: Any, admin_api: AdminApi
) -> None:
    far = admin_api.schedule(starts_in=timedelta(days=5), title="Far off")
    admin_api.schedule(starts_in=timedelta(days=1), title="Soon")
    dropped = admin_api.schedule(starts_in=timedelta(hours=2), title="Dropped")
    admin_api.client.delete(f"/api/meetings/{dropped['id']}")
    done = admin_api.instant(title="Done")
    admin_api.end(done["id"])
    live = admin_api.instant(title="Live one")
    sign_in(page)

    headings = page.locator("section.group h3")
    expect(headings).to_have_text(["Live now (1)", "Upcoming (2)", "Past (2)"])
    expect(group(page, "Live now").locator("h4")).to_have_text(["Live one"])
    # Soonest first, and a cancelled meeting, though still in the future, is not upcoming.
    expect(group(page, "Upcoming").locator("h4")).to_have_text(["Soon", "Far off"])
    expect(card(page, "Dropped")).to_be_hidden()

    host = card(page, "Live one").get_by_role("link", name="Join as host")
    expect(host).to_have_attribute("href", live["hostJoinUrl"])
    expect(card(page, "Far off").get_by_role("link", name="Join as host")).to_have_attribute(
        "href", far["hostJoinUrl"]
    )
    screenshots_wide_and_phone(page, "organiser-groups", dark=True)

    page.get_by_text("Show ended and cancelled meetings").click()
    expect(group(page, "Past").locator("h4")).to_have_text(["Dropped", "Done"])
    expect(card(page, "Done").get_by_role("link", name="Join as host")).to_have_count(0)
    expect(card(page, "Done").get_by_role("button", name="Edit")).to_have_count(0)


def test_a_live_meeting_is_shown_even_behind_a_full_page_of_later_ones(
    page: Any, admin_api: AdminApi
) -> None:
    live = admin_api.instant(title="Happening now")
    for day in range(51):  # one more than the dashboard's page, all starting later
        admin_api.schedule(starts_in=timedelta(days=2 + day), title=f"Later {day}")
    sign_in(page)
    expect(page.get_by_role("heading", name="Live now (1)")).to_be_visible()
    expect(card(page, live["title"]).get_by_role("link", name="Join as host")).to_be_visible()
    page.get_by_text("Show ended and cancelled meetings").click()
    page.get_by_role("button", name="Load more").click()
    expect(page.get_by_role("button", name="Load more")).to_have_count(0)
    expect(page.locator("li.meeting")).to_have_count(52)  # the live one is not listed twice


def test_edit_changes_title_times_access_password_and_limit(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.schedule(starts_in=timedelta(days=1), title="Design review")
    sign_in(page)
    card(page, "Design review").get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Title")).to_have_value("Design review")
    dialog.get_by_label("Title").fill("Design review, round 2")
    dialog.get_by_label("Duration in minutes").fill("90")
    dialog.get_by_label("Only the allowlist").check()
    dialog.get_by_label("Password", exact=True).fill("new-pass-42")
    dialog.get_by_label("Participant limit (optional)").fill("8")
    screenshots_wide_and_phone(page, "organiser-edit")
    dialog.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("dialog")).to_have_count(0)
    edited = card(page, "Design review, round 2")
    expect(edited.get_by_text("Allowlist only")).to_be_visible()
    stored = admin_api.client.get(f"/api/meetings/{meeting['id']}").json()
    assert stored["title"] == "Design review, round 2"
    assert stored["isPublic"] is False
    assert stored["password"] == "new-pass-42"
    assert stored["maxParticipants"] == 8
    assert stored["startTime"] == meeting["startTime"]  # left alone, so not sent
    span = page.evaluate(
        f"(Date.parse('{stored['endTime']}') - Date.parse('{stored['startTime']}'))"
    )
    assert span == 90 * 60_000


def test_edit_shows_a_refused_change_beside_its_field(page: Any, admin_api: AdminApi) -> None:
    admin_api.schedule(starts_in=timedelta(days=1), title="Budget")
    sign_in(page)
    card(page, "Budget").get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Password", exact=True).fill("ab")  # the API wants 4 or more
    dialog.get_by_role("button", name="Save changes").click()
    password = dialog.get_by_label("Password", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_be_focused()
    expect(dialog.locator("#edit-password-error")).to_contain_text("at least 4 characters")


def test_an_instant_meeting_takes_a_title_at_launch(page: Any, admin_api: AdminApi) -> None:
    sign_in(page)
    page.get_by_label("Instant meeting title (optional)").fill("Incident bridge")
    page.get_by_role("button", name="Start an instant meeting").click()
    expect(page.get_by_role("heading", name="Live now: Incident bridge")).to_be_visible()
    (stored,) = admin_api.client.get("/api/meetings").json()["meetings"]
    assert stored["title"] == "Incident bridge"
    assert stored["isInstant"] is True
    expect(page.get_by_label("Instant meeting title (optional)")).to_have_value("")


def test_copy_invitation_gives_guest_link_password_and_zone_but_no_host_key(
    page: Any, admin_api: AdminApi
) -> None:
    meeting = admin_api.schedule(starts_in=timedelta(days=2), title="Planning", password="pw-9876")
    sign_in(page)
    card(page, "Planning").get_by_role("button", name="Copy invitation").click()
    expect(card(page, "Planning").get_by_role("button", name="Copied!")).to_be_visible()
    text = page.evaluate("navigator.clipboard.readText()")
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert "“Planning”" in text
    assert f"Join: {meeting['joinUrl']}" in text
    assert "Password: pw-9876" in text
    assert zone in text
    assert meeting["hostKey"] not in text


def test_the_host_link_is_copied_only_from_the_details_with_a_warning(
    page: Any, admin_api: AdminApi
) -> None:
    meeting = admin_api.schedule(starts_in=timedelta(days=2), title="Board")
    sign_in(page)
    board = card(page, "Board")
    expect(board.get_by_role("button", name="Copy host link")).to_have_count(0)
    expect(board.get_by_text(meeting["hostKey"])).to_have_count(0)

    board.get_by_role("button", name="Details").click()
    dialog = page.get_by_role("dialog")
    warning = dialog.locator("#host-link-warning")
    expect(warning).to_contain_text("joins as a host")
    expect(dialog.get_by_label("Host link")).to_have_attribute(
        "aria-describedby", "host-link-warning"
    )
    dialog.get_by_role("button", name="Copy host link").click()
    assert page.evaluate("navigator.clipboard.readText()") == meeting["hostJoinUrl"]
    screenshots_wide_and_phone(page, "organiser-details", dark=True)


def test_add_to_calendar_downloads_the_meetings_ics(
    page: Any, admin_api: AdminApi, tmp_path: Path
) -> None:
    meeting = admin_api.schedule(starts_in=timedelta(days=3), title="Quarterly review")
    sign_in(page)
    with page.expect_download() as download_info:
        card(page, "Quarterly review").get_by_role("button", name="Add to calendar").click()
    download = download_info.value
    assert download.suggested_filename == f"{meeting['roomName']}.ics"
    target = tmp_path / "invite.ics"
    download.save_as(target)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Quarterly review"
    assert str(event["uid"]).startswith(meeting["id"])
    assert str(event["url"]) == meeting["joinUrl"]


def test_schedule_form_asks_for_the_allowlist_only_when_private_and_marks_bad_times(
    page: Any,
) -> None:
    sign_in(page)
    page.get_by_role("button", name="Schedule a meeting").click()
    form = page.locator("#schedule-form")
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    expect(form.locator("#schedule-start-hint")).to_contain_text(f"Your time zone: {zone}")
    expect(form.get_by_label("Allowlist emails")).to_have_count(0)

    form.get_by_label("Only the allowlist").check()
    warning = form.get_by_text("Nobody is invited yet")
    expect(warning).to_be_visible()
    screenshots_wide_and_phone(page, "organiser-schedule-private", dark=True)
    form.get_by_label("Allowlist emails").fill("ada@example.com")
    expect(warning).to_have_count(0)
    form.get_by_label("Anyone with the link").check()
    expect(form.get_by_label("Allowlist emails")).to_have_count(0)

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.method) if "/api/meetings" in r.url else None)
    form.get_by_label("Title").fill("Retro")
    form.get_by_label("Starts").fill("2020-01-01T10:00")
    form.get_by_role("button", name="Schedule", exact=True).click()
    start = form.get_by_label("Starts")
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(start).to_be_focused()
    expect(form.locator("#schedule-start-error")).to_have_text(
        "This time has already passed. Pick a start from now on."
    )
    screenshots_wide_and_phone(page, "organiser-schedule-errors")

    form.get_by_label("Starts").fill("2099-01-01T10:00")
    form.get_by_label("At a time").check()
    form.get_by_label("End time").fill("2099-01-01T09:00")
    form.get_by_role("button", name="Schedule", exact=True).click()
    expect(form.locator("#schedule-end-error")).to_have_text("End time must be after start time.")
    expect(form.get_by_label("Starts")).not_to_have_attribute("aria-invalid", "true")
    assert "POST" not in requests  # both caught before asking the API


def test_the_app_has_a_name_an_icon_and_a_manifest(page: Any, live_server: str) -> None:
    page.goto("/meetings")
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/favicon.svg")
    icon = page.request.get("/favicon.svg")
    assert icon.status == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.status == 200
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["name"] == "LiveKit Meet"
    assert body["start_url"] == "/meetings"
    assert body["icons"][0]["src"] == "/favicon.svg"
    page.goto("/join/some-room")
    expect(page.locator("link[rel=manifest]")).to_have_attribute("href", "/manifest.webmanifest")


def test_the_pages_follow_the_systems_light_or_dark_setting(page: Any) -> None:
    background = "getComputedStyle(document.documentElement).backgroundColor"
    page.emulate_media(color_scheme="light")
    page.goto("/meetings")
    expect(page.get_by_label("Admin key")).to_be_visible()
    light = page.evaluate(background)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(background)
    assert light == "rgb(244, 245, 248)"
    assert dark == "rgb(15, 17, 21)"
    screenshots_wide_and_phone(page, "organiser-sign-in", dark=True)
