"""The waiting-room option in the dashboard's three forms: instant, schedule, edit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, screenshot
from tests.support.dashboard_page import card, sign_in

pytestmark = pytest.mark.browser


def stored(admin_api: AdminApi, title: str) -> dict[str, Any]:
    meetings = admin_api.client.get("/api/meetings").json()["meetings"]
    [meeting] = [m for m in meetings if m["title"] == title]
    return dict(meeting)


def test_each_form_sets_the_waiting_room(page: Any, admin_api: AdminApi) -> None:
    sign_in(page)
    instant = page.locator("form.instant-form")
    instant.get_by_label("Instant meeting title (optional)").fill("Drop-in clinic")
    instant.get_by_label("Waiting room").check()
    instant.get_by_role("button", name="Start an instant meeting").click()
    expect(page.get_by_role("heading", name="Live now: Drop-in clinic")).to_be_visible()
    assert stored(admin_api, "Drop-in clinic")["waitingRoom"] is True

    page.get_by_role("button", name="Schedule a meeting").click()
    form = page.locator("#schedule-form")
    form.get_by_label("Title").fill("Office hours")
    expect(form.get_by_label("Waiting room")).not_to_be_checked()  # off unless asked
    form.get_by_label("Waiting room").check()
    screenshot(page, "dashboard-schedule-waiting-room")
    form.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_role("heading", name="Scheduled: Office hours")).to_be_visible()
    assert stored(admin_api, "Office hours")["waitingRoom"] is True

    admin_api.schedule(starts_in=timedelta(days=1), title="Retro")
    page.reload()
    card(page, "Office hours").get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Waiting room")).to_be_checked()
    dialog.get_by_label("Waiting room").uncheck()
    dialog.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert stored(admin_api, "Office hours")["waitingRoom"] is False
    assert stored(admin_api, "Retro")["waitingRoom"] is False
