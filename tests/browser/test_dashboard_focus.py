"""When a dialog, notice, form or panel closes, focus goes back to what opened it
(never to <body>, where keyboard and screen-reader users lose their place)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi
from tests.support.dashboard_page import card, sign_in

pytestmark = pytest.mark.browser


def test_details_dialog_gives_focus_back_to_its_button(page: Any, admin_api: AdminApi) -> None:
    admin_api.schedule(starts_in=timedelta(days=1), title="Sync")
    sign_in(page)
    details = card(page, "Sync").get_by_role("button", name="Details")
    details.click()
    page.get_by_role("dialog").get_by_role("button", name="Close").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(details).to_be_focused()

    details.press("Enter")  # and by keyboard, closed with Escape
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(details).to_be_focused()


def test_confirm_dialog_gives_focus_back_or_to_the_list_when_its_button_is_gone(
    page: Any, admin_api: AdminApi
) -> None:
    admin_api.instant(title="Call")
    sign_in(page)
    end = card(page, "Call").get_by_role("button", name="End")
    end.click()
    page.get_by_role("button", name="Keep it").click()
    expect(end).to_be_focused()

    end.click()
    page.get_by_role("button", name="End meeting").click()
    # The meeting moved to the folded Past group: the list heading takes focus.
    expect(page.get_by_role("heading", name="Past (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="All meetings")).to_be_focused()


def test_edit_dialog_gives_focus_back_to_its_button(page: Any, admin_api: AdminApi) -> None:
    admin_api.schedule(starts_in=timedelta(days=1), title="Review")
    sign_in(page)
    edit = card(page, "Review").get_by_role("button", name="Edit")
    edit.click()
    page.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    expect(edit).to_be_focused()
    edit.click()
    page.get_by_role("dialog").get_by_label("Title").fill("Review 2")
    page.get_by_role("button", name="Save changes").click()
    expect(card(page, "Review 2")).to_be_visible()
    expect(card(page, "Review 2").get_by_role("button", name="Edit")).to_be_focused()


def test_created_notice_and_schedule_form_give_focus_back(page: Any) -> None:
    sign_in(page)
    instant = page.get_by_role("button", name="Start an instant meeting")
    instant.click()
    notice = page.locator("section.created")
    expect(notice.get_by_role("heading")).to_be_focused()
    notice.get_by_role("button", name="Dismiss").click()
    expect(instant).to_be_focused()

    toggle = page.get_by_role("button", name="Schedule a meeting")
    toggle.click()
    page.locator("#schedule-form").get_by_role("button", name="Cancel").click()
    expect(page.locator("#schedule-form")).to_have_count(0)
    expect(toggle).to_be_focused()

    toggle.click()
    form = page.locator("#schedule-form")
    form.get_by_label("Title").fill("Planning")
    form.get_by_role("button", name="Schedule", exact=True).click()
    expect(notice.get_by_role("heading", name="Scheduled: Planning")).to_be_focused()
    notice.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("button", name="Schedule a meeting")).to_be_focused()


def test_meeting_side_panel_gives_focus_back_to_its_control(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="Standup")
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()
    controls = page.get_by_role("group", name="Meeting controls")
    people = controls.get_by_role("button", name="People")
    people.click()
    panel = page.get_by_role("complementary", name="People")
    expect(panel.get_by_role("heading", name="People")).to_be_focused()
    panel.get_by_role("button", name="Close People").click()
    expect(people).to_be_focused()

    chat = controls.get_by_role("button", name="Chat")
    chat.click()
    expect(page.get_by_role("complementary", name="Chat")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("complementary")).to_have_count(0)
    expect(chat).to_be_focused()
