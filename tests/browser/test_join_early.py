"""A guest who is early learns when joining opens before typing anything, and the
countdown is announced politely once a minute, not every second."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, screenshots_wide_and_phone

pytestmark = pytest.mark.browser


def test_an_early_guest_sees_when_joining_opens_before_typing(
    page: Any, admin_api: AdminApi
) -> None:
    meeting = admin_api.schedule(starts_in=timedelta(days=2), title="Design review")
    page.goto(meeting["joinUrl"])
    notice = page.get_by_test_id("join-opens")
    # 2 days less the 10 minutes joining opens early: a day count, not "47 h 49 min".
    expect(notice).to_contain_text(re.compile(r"Joining opens at .+ \(in 2 days\)\."))
    expect(notice).not_to_contain_text(re.compile(r"\d+ h \d+ min"))
    expect(page.get_by_label("Your name")).to_have_value("")
    screenshots_wide_and_phone(page, "join-early", dark=True)


def test_the_countdown_is_announced_once_a_minute(page: Any, admin_api: AdminApi) -> None:
    page.clock.install()
    meeting = admin_api.schedule(starts_in=timedelta(minutes=15), title="Stand-up")
    page.goto(meeting["joinUrl"])
    notice = page.get_by_test_id("join-opens")
    live = notice.locator("[aria-live=polite]")
    ticking = notice.locator("[aria-hidden=true]")
    expect(live).to_have_text(re.compile(r"Joining opens at .+, in 5 minutes\."))
    expect(ticking).to_contain_text(re.compile(r"\(in 4 min \d\d s\)"))
    # No live region or status role wraps the ticking text.
    assert page.evaluate(
        "el => !el.closest('[aria-live], [role=status], [role=alert]')",
        ticking.element_handle(),
    )

    spoken = live.inner_text()
    shown = ticking.inner_text()
    page.clock.run_for(3_000)
    expect(ticking).not_to_have_text(shown)
    assert live.inner_text() == spoken  # seconds change what is seen, not what is said

    page.clock.run_for(60_000)
    expect(live).to_have_text(re.compile(r"in 4 minutes\."))


def test_a_live_meeting_shows_no_waiting_notice(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="Now")
    page.goto(meeting["joinUrl"])
    expect(page.get_by_text("Live now")).to_be_visible()
    expect(page.get_by_test_id("join-opens")).to_have_count(0)
