"""The guest's join page at /join/{roomName}, driven in Chromium.

"Joined" is proven twice: the browser's signalling connection reaches LiveKit's
/rtc endpoint with a token that the SDK verifies for exactly that room, and the
meeting view says it is connected. The call itself is in test_call.py.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from livekit import api
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, screenshot
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET

pytestmark = pytest.mark.browser


class RtcTokens:
    """Tokens of the page's connection attempts to LiveKit's /rtc endpoint."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.urls: list[str] = []
        page.on("websocket", lambda ws: self.urls.append(ws.url))

    def wait(self, at_least: int = 1, timeout: float = 10) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            tokens = [
                parse_qs(urlsplit(url).query)["access_token"][0]
                for url in list(self.urls)
                if "/rtc" in urlsplit(url).path and "access_token=" in url
            ]
            if len(set(tokens)) >= at_least or time.monotonic() > deadline:
                return list(dict.fromkeys(tokens))
            self.page.wait_for_timeout(100)  # lets Playwright deliver the page's events


@pytest.fixture
def rtc(page: Any) -> RtcTokens:
    return RtcTokens(page)


def verified_claims(token: str) -> Any:
    return api.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)


def fill_name_and_join(page: Any, name: str = "Ada Lovelace") -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join meeting").click()


def test_preview_devices_then_join_connects_to_livekit_with_a_token_for_the_room(
    page: Any, admin_api: AdminApi, rtc: RtcTokens
) -> None:
    meeting = admin_api.instant(title="Team sync")
    page.goto(meeting["joinUrl"])
    expect(page.get_by_role("heading", name="Team sync")).to_be_visible()
    expect(page.get_by_text("Live now")).to_be_visible()

    # The fake camera plays in the preview, and the fake devices can be chosen.
    page.wait_for_function("() => (document.querySelector('.preview video')?.videoWidth ?? 0) > 0")
    camera = page.get_by_label("Camera", exact=True)
    microphone = page.get_by_label("Microphone", exact=True)
    expect(camera.locator("option")).not_to_have_count(0)
    expect(microphone.locator("option")).not_to_have_count(0)
    expect(camera).to_be_enabled()
    screenshot(page, "join-lobby")

    page.get_by_role("button", name="Camera on").click()
    expect(page.get_by_role("button", name="Camera off")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".preview video")).to_be_hidden()
    page.get_by_role("button", name="Camera off").click()
    page.wait_for_function("() => (document.querySelector('.preview video')?.videoWidth ?? 0) > 0")

    fill_name_and_join(page)
    expect(page.locator(".meeting").get_by_role("heading", name="Team sync")).to_be_visible()
    (token,) = rtc.wait()
    claims = verified_claims(token)
    assert claims.video is not None
    assert claims.video.room == meeting["roomName"]
    assert claims.video.room_join
    assert not claims.video.room_admin
    assert claims.name == "Ada Lovelace"

    # Connected: the controls are there and the guest sees their own camera.
    expect(page.locator('.connection-banner[data-state="connected"]')).to_be_attached()
    expect(page.get_by_role("group", name="Meeting controls")).to_be_visible()
    page.wait_for_function(
        """() => (document.querySelector('.lk-participant-tile[data-lk-local-participant="true"]'
            + ' video')?.videoWidth ?? 0) > 0"""
    )
    screenshot(page, "meeting")

    # A reload rejoins without asking again: a fresh token, same room.
    page.reload()
    expect(page.locator(".meeting").get_by_role("heading", name="Team sync")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_count(0)
    tokens = rtc.wait(at_least=2)
    assert len(tokens) >= 2
    assert verified_claims(tokens[-1]).video.room == meeting["roomName"]


def test_host_link_joins_with_room_admin(page: Any, admin_api: AdminApi, rtc: RtcTokens) -> None:
    meeting = admin_api.instant(title="Board meeting", isPublic=False)
    page.goto(meeting["hostJoinUrl"])
    expect(page.get_by_text("Joining as host")).to_be_visible()
    expect(page.get_by_label("Your email")).to_have_count(0)  # the host key stands in
    fill_name_and_join(page, "Grace Hopper")
    expect(page.locator(".meeting").get_by_text("Host", exact=True)).to_be_visible()
    (token,) = rtc.wait()
    claims = verified_claims(token)
    assert claims.video is not None
    assert claims.video.room == meeting["roomName"]
    assert claims.video.room_admin


def test_wrong_password_is_said_and_can_be_corrected(
    page: Any, admin_api: AdminApi, rtc: RtcTokens
) -> None:
    meeting = admin_api.instant(title="Retro")
    page.goto(f"/join/{meeting['roomName']}?password=not-it")
    fill_name_and_join(page)
    password = page.get_by_label("Meeting password")
    expect(page.locator("#join-password-error")).to_have_text(
        "That password is not right. Check the link or type it again."
    )
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_be_focused()
    screenshot(page, "join-wrong-password")

    password.fill(meeting["password"])
    page.get_by_role("button", name="Join meeting").click()
    expect(page.locator(".meeting")).to_be_visible()
    assert rtc.wait()


def test_private_meeting_says_who_is_not_on_the_list(
    page: Any, admin_api: AdminApi, rtc: RtcTokens
) -> None:
    meeting = admin_api.schedule(
        title="Private review",
        starts_in=timedelta(minutes=1),
        isPublic=False,
        participants=[{"email": "ada@example.com"}],
    )
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your email").fill("eve@example.com")
    fill_name_and_join(page, "Eve")
    expect(page.locator("#join-email-error")).to_contain_text(
        "eve@example.com is not on the guest list of this private meeting"
    )
    expect(page.get_by_label("Your email")).to_be_focused()
    screenshot(page, "join-not-invited")

    page.get_by_label("Your email").fill("ada@example.com")
    page.get_by_role("button", name="Join meeting").click()
    expect(page.locator(".meeting")).to_be_visible()
    assert rtc.wait()


def test_not_started_shows_start_time_and_a_countdown(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.schedule(title="Tomorrow's demo", starts_in=timedelta(hours=2))
    page.goto(meeting["joinUrl"])
    expect(page.get_by_text(re.compile(r"^Starts "))).to_be_visible()
    fill_name_and_join(page)
    status = page.locator("[data-problem=not-started]")
    expect(status).to_contain_text("This meeting has not started yet. It starts")
    expect(status).to_contain_text(re.compile(r"You can join in 1 h 4\d min"))
    screenshot(page, "join-not-started")


def test_not_started_lets_the_guest_in_when_the_join_window_opens(
    page: Any, admin_api: AdminApi, rtc: RtcTokens
) -> None:
    # Joining opens JOIN_EARLY_MINUTES (10) before the start: here, in 3 seconds.
    meeting = admin_api.schedule(title="Kick-off", starts_in=timedelta(minutes=10, seconds=3))
    page.goto(meeting["joinUrl"])
    fill_name_and_join(page)
    expect(page.locator("[data-problem=not-started]")).to_contain_text(
        re.compile(r"You can join in \d s")
    )
    expect(page.locator(".meeting")).to_be_visible(timeout=15_000)
    (token,) = rtc.wait()
    assert verified_claims(token).video.room == meeting["roomName"]


def test_ended_meeting_is_said_before_and_after_the_form(page: Any, admin_api: AdminApi) -> None:
    meeting = admin_api.instant(title="Wrap-up")
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    admin_api.end(meeting["id"])  # ends while the guest is on the form: the token is a 410
    page.get_by_role("button", name="Join meeting").click()
    expect(page.get_by_text("This meeting has ended.")).to_be_visible()

    page.goto(meeting["joinUrl"])  # and a link to an ended meeting says so at once
    expect(page.get_by_role("heading", name="Wrap-up")).to_be_visible()
    expect(page.get_by_text("This meeting has ended.")).to_be_visible()
    expect(page.get_by_role("button", name="Join meeting")).to_have_count(0)
    screenshot(page, "join-ended")


def test_too_many_attempts_blocks_joining_with_a_countdown(
    page: Any, admin_api: AdminApi, live_server: str
) -> None:
    meeting = admin_api.instant(title="Locked")
    token_url = f"{live_server}/api/meetings/{meeting['id']}/token"
    for _ in range(10):  # the service's default limit of failures
        httpx.post(token_url, json={"password": "guess", "name": "Mallory"}, timeout=10)
    page.goto(meeting["joinUrl"])
    fill_name_and_join(page, "Mallory")
    alert = page.locator("[data-problem=too-many]")
    expect(alert).to_contain_text("Too many attempts to join.")
    expect(alert).to_contain_text(re.compile(r"Try again in \d+ min"))
    expect(page.get_by_role("button", name="Join meeting")).to_be_disabled()
    screenshot(page, "join-too-many")


def test_unknown_room_says_the_link_is_not_valid(page: Any) -> None:
    page.goto("/join/no-such-room-0000?password=x")
    expect(page.get_by_role("heading", name="Meeting not found")).to_be_visible()
    expect(page.get_by_text("This meeting link is not valid")).to_be_visible()


def test_a_refused_connection_is_said_and_try_again_connects(
    page: Any, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Flaky network")
    refusing = [True]

    def signalling(ws: Any) -> None:
        # LiveKit's signalling socket closes as soon as it opens, as when a proxy drops it.
        if refusing[0]:
            ws.close()
        else:
            ws.connect_to_server()

    page.route_web_socket(re.compile(r"/rtc"), signalling)
    page.goto(meeting["joinUrl"])
    fill_name_and_join(page)
    expect(page.get_by_role("alert")).to_contain_text(
        "Could not connect to the meeting server", timeout=30_000
    )
    expect(page.get_by_role("group", name="Meeting controls")).to_be_visible()
    screenshot(page, "meeting-connect-failed")

    refusing[0] = False
    page.get_by_role("button", name="Try again").click()
    expect(page.locator('.connection-banner[data-state="connected"]')).to_be_attached(
        timeout=20_000
    )
    expect(page.get_by_role("alert")).to_have_count(0)
