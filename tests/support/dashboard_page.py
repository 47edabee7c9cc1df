"""The meetings dashboard as a person uses it: signing in, a meeting's card."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.conftest import ADMIN_KEY


def sign_in(page: Any) -> None:
    page.goto("/meetings")
    page.get_by_label("Admin key").fill(ADMIN_KEY)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="All meetings")).to_be_visible()


def card(page: Any, title: str) -> Any:
    return page.locator("li.meeting").filter(has=page.get_by_role("heading", name=title))
