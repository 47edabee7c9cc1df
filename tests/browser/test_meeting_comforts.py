"""The guest's comforts in the call, with two or three people on the LiveKit stand-in:
raised hands and reactions, layouts, the invite, device menus, a blocked camera,
chat links, drafts, unread counts and toasts, the timer and keyboard shortcuts."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi, screenshot
from tests.browser.test_call import open_panel
from tests.support.chat_page import CALL_TIMEOUT_MS, NewContext, join
from tests.support.meeting_harness import Attendee, connected, join_meeting

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def controls(person: Attendee) -> Any:
    return person.page.get_by_role("group", name="Meeting controls")


def stage_tile(person: Attendee, name: str) -> Any:
    """The wrapper of `name`'s camera tile (with its hand, reactions and pin button)."""
    page = person.page
    return page.locator(".meeting-stage .stage-tile").filter(
        has=page.locator(f'.lk-participant-name[data-lk-participant-name="{name}"]')
    )


# Chromium's fake microphone beeps too briefly to count as speech (LiveKit wants the
# level up for 40% of each 400 ms window): a steady tone does.
STEADY_TONE = """
(() => {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.audio) return real(constraints);
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const out = audio.createMediaStreamDestination();
    tone.connect(out);
    tone.start();
    await audio.resume().catch(() => undefined);
    if (constraints.video) {
      const video = await real({ video: constraints.video });
      for (const track of video.getVideoTracks()) out.stream.addTrack(track);
    }
    return out.stream;
  };
})();
"""


def join_speaking(new_context: NewContext, url: str, name: str, **options: Any) -> Attendee:
    context = new_context()
    context.add_init_script(STEADY_TONE)
    person = join_meeting(context, url, name, **options)
    expect(connected(person)).to_be_attached(timeout=CALL_TIMEOUT_MS)
    return person


def test_hands_show_in_the_order_raised_and_a_host_lowers_one(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Questions")
    off = {"camera": False, "microphone": False}
    host = join(new_context, meeting["hostJoinUrl"], "Hana", **off)
    gus = join(new_context, meeting["joinUrl"], "Gus", **off)
    ivy = join(new_context, meeting["joinUrl"], "Ivy", **off)

    controls(gus).get_by_role("button", name="Raise hand").click()
    expect(stage_tile(host, "Gus").get_by_role("img", name="Gus raised a hand")).to_be_visible(
        timeout=CALL_TIMEOUT_MS
    )
    controls(ivy).get_by_role("button", name="Raise hand").click()
    expect(stage_tile(host, "Ivy").get_by_role("img", name="Ivy raised a hand")).to_be_visible(
        timeout=CALL_TIMEOUT_MS
    )
    # Everyone sees the hands, in the order they went up.
    expect(stage_tile(ivy, "Gus").get_by_role("img", name="Gus raised a hand")).to_be_visible()
    people = open_panel(host, "People")
    expect(people.locator(".hands-list li")).to_have_text([re.compile("Gus"), re.compile("Ivy")])
    screenshot(host.page, "call-raised-hands")

    # The host lowers Gus's hand (a guest's token may not: the handler tests).
    people.get_by_role("button", name="Lower hand of Gus").click()
    gus_hand = controls(gus).get_by_role("button", name="Lower hand")
    expect(gus_hand).to_have_count(0, timeout=CALL_TIMEOUT_MS)
    expect(controls(gus).get_by_role("button", name="Raise hand")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(people.locator(".hands-list li")).to_have_text([re.compile("Ivy")])
    expect(stage_tile(ivy, "Gus").get_by_role("img", name="Gus raised a hand")).to_have_count(0)

    # Ivy lowers her own from the control bar.
    controls(ivy).get_by_role("button", name="Lower hand").click()
    expect(people.locator(".hands-list li")).to_have_count(0, timeout=CALL_TIMEOUT_MS)

    # A reaction floats on the sender's tile for the others, then goes.
    controls(gus).get_by_role("button", name="React").click()
    gus.page.get_by_role("group", name="Reactions").get_by_role("button", name="Clap").click()
    reaction = stage_tile(host, "Gus").locator(".tile-reaction")
    expect(reaction).to_have_text("👏", timeout=CALL_TIMEOUT_MS)
    expect(stage_tile(ivy, "Gus").locator(".tile-reaction")).to_have_text("👏")
    expect(stage_tile(host, "Hana").locator(".tile-reaction")).to_have_count(0)
    expect(reaction).to_have_count(0, timeout=8_000)


def test_speaker_view_follows_the_speaker_survives_a_reload_and_pinning_wins(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Talks")
    ada = join(new_context, meeting["joinUrl"], "Ada", camera=False, microphone=False)
    bob = join_speaking(new_context, meeting["joinUrl"], "Bob", camera=False, microphone=False)
    cy = join_speaking(new_context, meeting["joinUrl"], "Cy", camera=False)
    stage = ada.page.locator(".meeting-stage .stage")
    expect(stage).to_have_attribute("data-layout", "grid")

    layout = ada.page.get_by_role("group", name="Layout")
    layout.get_by_role("button", name="Speaker").click()
    expect(stage).to_have_attribute("data-layout", "focus")
    main = ada.page.locator(".stage-main .lk-participant-name")
    # Cy's microphone is the only one on: Cy is the speaker.
    expect(main).to_have_attribute("data-lk-participant-name", "Cy", timeout=CALL_TIMEOUT_MS)

    # Cy stops, Bob starts: the stage follows Bob.
    controls(cy).get_by_role("button", name="Microphone", exact=True).click()
    controls(bob).get_by_role("button", name="Microphone", exact=True).click()
    expect(main).to_have_attribute("data-lk-participant-name", "Bob", timeout=CALL_TIMEOUT_MS)

    # The choice survives a reload (the page rejoins by itself).
    ada.page.reload()
    expect(ada.page.locator('.connection-banner[data-state="connected"]')).to_be_attached(
        timeout=CALL_TIMEOUT_MS
    )
    layout = ada.page.get_by_role("group", name="Layout")
    expect(layout.get_by_role("button", name="Speaker")).to_have_attribute("aria-pressed", "true")
    expect(stage).to_have_attribute("data-layout", "focus")

    # In the grid, a pinned camera takes the stage until it is unpinned.
    layout.get_by_role("button", name="Grid").click()
    expect(stage).to_have_attribute("data-layout", "grid")
    stage_tile(ada, "Cy").get_by_role("button", name="Pin Cy").click()
    expect(stage).to_have_attribute("data-layout", "focus")
    expect(main).to_have_attribute("data-lk-participant-name", "Cy")
    ada.page.locator(".stage-main").get_by_role("button", name="Unpin Cy").click()
    expect(stage).to_have_attribute("data-layout", "grid")


def test_invite_copies_the_guest_link_and_the_address_bar_keeps_no_secret(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Planning")
    host = join(new_context, meeting["hostJoinUrl"], "Hana", camera=False, microphone=False)
    guest = join(new_context, meeting["joinUrl"], "Gus", camera=False, microphone=False)
    for person in (host, guest):
        address = urlsplit(person.page.url)
        assert address.path == f"/join/{meeting['roomName']}"
        assert parse_qs(address.query) == {}, person.page.url

    host.page.get_by_role("button", name="Copy invite").click()
    expect(host.page.get_by_role("button", name="Copied!")).to_be_visible()
    text = host.page.evaluate("() => navigator.clipboard.readText()")
    assert 'Join "Planning"' in text
    assert "When: " in text
    assert f"Link: {meeting['joinUrl']}" in text
    assert meeting["hostKey"] not in text
    assert "host=" not in text


def test_chat_links_draft_unread_toast_timer_and_shortcuts(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Chatter")
    ada = join(new_context, meeting["joinUrl"], "Ada", camera=False)
    bob = join(new_context, meeting["joinUrl"], "Bob", camera=False, microphone=False)

    # While Ada's chat is closed, Bob's message counts as unread and shows in a toast.
    open_panel(bob, "Chat")
    box = bob.page.get_by_label("Message", exact=True)
    box.fill("Notes: https://example.com/notes?a=1. Not <b>bold</b>, nor javascript:alert(1)")
    box.press("Enter")
    chat_button = controls(ada).get_by_role("button", name=re.compile("^Chat"))
    expect(chat_button).to_have_accessible_name(re.compile("1 unread"), timeout=CALL_TIMEOUT_MS)
    toast = ada.page.get_by_role("status").filter(has_text="Bob:")
    expect(toast).to_contain_text("Notes: https://example.com/notes")

    panel = open_panel(ada, "Chat")
    expect(toast).to_have_count(0)
    message = panel.get_by_role("list", name="Messages").locator("li").last
    link = message.get_by_role("link", name="https://example.com/notes?a=1")
    expect(link).to_have_attribute("href", "https://example.com/notes?a=1")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    expect(message.locator("a")).to_have_count(1)  # javascript: stays text
    expect(message.locator("b")).to_have_count(0)
    expect(message).to_contain_text("Not <b>bold</b>")
    mine = bob.page.get_by_role("list", name="Messages").locator("li.mine .chat-text").last
    expect(mine).to_have_css("text-align", "left")

    # Escape closes the panel but keeps what was being written.
    draft = ada.page.get_by_label("Message", exact=True)
    draft.fill("half a thought")
    draft.press("Escape")
    expect(ada.page.get_by_role("complementary", name="Chat")).to_have_count(0)
    open_panel(ada, "Chat")
    expect(ada.page.get_by_label("Message", exact=True)).to_have_value("half a thought")

    # Shortcuts do nothing while typing, and toggle the microphone and camera otherwise.
    mic = controls(ada).get_by_role("button", name="Microphone", exact=True)
    camera = controls(ada).get_by_role("button", name="Camera", exact=True)
    expect(mic).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)
    ada.page.get_by_label("Message", exact=True).press("Control+e")
    expect(mic).to_have_attribute("aria-pressed", "true")
    ada.page.get_by_role("heading", name="Chat", exact=True).focus()
    ada.page.keyboard.press("Control+e")
    expect(mic).to_have_attribute("aria-pressed", "false")
    ada.page.keyboard.press("Control+d")
    expect(camera).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)
    ada.page.keyboard.press("Control+e")
    expect(mic).to_have_attribute("aria-pressed", "true")

    # "?" lists them in a dialog; Escape closes it and focus comes back.
    ada.page.keyboard.press("Shift+?")
    dialog = ada.page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_contain_text("Ctrl/⌘ + E")
    expect(dialog).to_contain_text("Ctrl/⌘ + D")
    ada.page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    help_button = ada.page.get_by_role("button", name="Keyboard shortcuts")
    help_button.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(help_button).to_be_focused()

    # The timer counts the time in the call.
    timer = ada.page.get_by_role("timer")
    first = timer.inner_text()
    assert re.fullmatch(r"\d+:\d\d", first), first
    expect(timer).not_to_have_text(first, timeout=3_000)


DENY_MEDIA = """
(() => {
  window.__denyMedia = true;
  const devices = navigator.mediaDevices;
  if (!devices) return;  // about:blank and other insecure frames have none
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) =>
    window.__denyMedia
      ? Promise.reject(new DOMException("Permission denied", "NotAllowedError"))
      : real(constraints);
})();
"""


def test_a_blocked_camera_says_how_to_allow_it_and_retry_works(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Blocked")
    context = new_context()
    context.add_init_script(DENY_MEDIA)
    page = context.new_page()
    page.goto(meeting["joinUrl"])
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Join meeting").click()

    notice = page.get_by_role("alert").filter(has_text="The browser blocked your")
    expect(notice).to_be_visible(timeout=CALL_TIMEOUT_MS)
    expect(notice).to_contain_text("address bar")
    screenshot(page, "call-devices-blocked")

    page.evaluate("() => { window.__denyMedia = false; }")
    notice.get_by_role("button", name="Retry").click()
    expect(notice).to_have_count(0)
    camera = page.get_by_role("group", name="Meeting controls").get_by_role(
        "button", name="Camera", exact=True
    )
    expect(camera).to_have_attribute("aria-pressed", "true", timeout=CALL_TIMEOUT_MS)


def test_the_device_menu_switches_the_microphone(
    new_context: NewContext, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Devices")
    ada = join(new_context, meeting["joinUrl"], "Ada", camera=False)
    button = controls(ada).get_by_role("button", name="Microphone options")
    button.click()
    menu = ada.page.get_by_role("group", name="Microphone options")
    expect(menu).to_be_focused()
    select = menu.get_by_label("Microphone")
    # Chromium's fake devices: a default microphone and two more.
    expect(select.locator("option")).not_to_have_count(0)
    choices = select.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
    assert len(choices) >= 2, choices
    select.select_option(choices[-1])
    expect(select).to_have_value(choices[-1], timeout=CALL_TIMEOUT_MS)
    select.press("Escape")
    expect(menu).to_have_count(0)
    expect(button).to_be_focused()
