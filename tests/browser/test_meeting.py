"""The in-meeting view for one person: chat history and sending through
/api/messages, the panels, and leaving. Calls between several people are in
test_call.py."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, screenshot

pytestmark = pytest.mark.browser


def token_for(live_server: str, meeting: dict[str, Any], name: str) -> str:
    response = httpx.post(
        f"{live_server}/api/meetings/{meeting['id']}/token",
        json={"password": meeting["password"], "name": name},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def test_chat_shows_history_and_stores_what_is_sent(
    page: Any, admin_api: AdminApi, live_server: str
) -> None:
    meeting = admin_api.instant(title="Chatty")
    bob = {"Authorization": f"Bearer {token_for(live_server, meeting, 'Bob')}"}
    for text in ("First from Bob", "Second from Bob"):
        response = httpx.post(
            f"{live_server}/api/messages",
            json={"roomName": meeting["roomName"], "text": text},
            headers=bob,
            timeout=10,
        )
        assert response.status_code == 201, response.text

    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_role("button", name="Join meeting").click()
    page.get_by_role("button", name="Chat").click()
    messages = page.get_by_role("list", name="Messages")
    expect(messages.locator("li")).to_have_count(2)
    expect(messages.locator("li").first).to_contain_text("Bob")
    expect(messages.locator("li").first).to_contain_text("First from Bob")

    box = page.get_by_label("Message", exact=True)
    box.fill("Hello from Ada")
    box.press("Enter")
    expect(messages.locator("li")).to_have_count(3)
    expect(messages.locator("li").last).to_contain_text("You")
    expect(messages.locator("li").last).to_contain_text("Hello from Ada")
    expect(box).to_have_value("")
    screenshot(page, "meeting-chat")

    stored = httpx.get(
        f"{live_server}/api/messages",
        params={"roomName": meeting["roomName"]},
        headers=bob,
        timeout=10,
    ).json()["messages"]
    assert [(m["name"], m["text"]) for m in stored][-1] == ("Ada Lovelace", "Hello from Ada")


def test_panels_and_leaving(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="Panels")
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()

    controls = page.get_by_role("group", name="Meeting controls")
    people = controls.get_by_role("button", name="People 1 in the meeting")
    people.click()
    panel = page.get_by_role("complementary", name="People")
    expect(panel).to_contain_text("(you)")
    expect(people).to_have_attribute("aria-pressed", "true")
    expect(panel.get_by_role("heading", name="People")).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)

    controls.get_by_role("button", name="Devices").click()
    devices = page.get_by_role("complementary", name="Devices")
    expect(devices.get_by_label("Camera")).to_be_visible()
    expect(devices.get_by_label("Microphone")).to_be_visible()
    screenshot(page, "meeting-devices")
    devices.get_by_role("button", name="Close Devices").click()

    controls.get_by_role("button", name="Leave").click()
    expect(page.get_by_role("heading", name="You left the meeting")).to_be_visible()
    screenshot(page, "meeting-left")
    page.reload()  # having left, a reload asks again rather than rejoining
    expect(page.get_by_label("Your name")).to_have_value("Ada")
    page.get_by_role("button", name="Join meeting").click()
    expect(page.locator(".meeting")).to_be_visible()


def test_the_call_stays_dark_when_the_system_is_light(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="Light system")
    page.emulate_media(color_scheme="light")
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()
    expect(page.get_by_role("group", name="Meeting controls")).to_be_visible()

    call = page.locator(".meeting[data-lk-theme]")
    assert call.evaluate("e => getComputedStyle(e).getPropertyValue('--bg').trim()") == "#0f1115"
    assert call.evaluate("e => getComputedStyle(e).color") == "rgb(238, 240, 244)"
    # The page around it follows the system.
    assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") == (
        "rgb(244, 245, 248)"
    )
