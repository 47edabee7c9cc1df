"""The pages under their Content-Security-Policy, and secrets kept out of the address bar."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AdminApi

pytestmark = pytest.mark.browser


def csp_reports(page: Any) -> list[str]:
    reports: list[str] = []
    page.on(
        "console",
        lambda message: (
            reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective "
        "+ ' ' + e.blockedURI))"
    )
    return reports


def test_pages_and_swagger_ui_work_under_the_strict_csp(page: Any, admin_api: AdminApi) -> None:
    reports = csp_reports(page)
    meeting = admin_api.schedule(starts_in=timedelta(days=1), title="Planning")

    response = page.goto("/api/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_text("/api/meetings/instant").first).to_be_visible()

    page.goto("/meetings")
    expect(page.get_by_role("heading").first).to_be_visible()

    page.goto(meeting["joinUrl"])
    expect(page.get_by_role("heading", name="Planning")).to_be_visible()
    page.wait_for_function("() => (document.querySelector('.preview video')?.videoWidth ?? 0) > 0")

    assert reports == []


def test_password_and_host_key_leave_the_address_bar_and_survive_a_reload(
    page: Any, admin_api: AdminApi
) -> None:
    meeting = admin_api.instant(title="Board")
    page.goto(meeting["hostJoinUrl"])
    expect(page.get_by_role("heading", name="Board")).to_be_visible()
    assert "password" not in page.url
    assert "host=" not in page.url
    assert meeting["hostKey"] not in page.url

    page.reload()
    expect(page.get_by_role("heading", name="Board")).to_be_visible()
    assert meeting["password"] not in page.url
    page.get_by_label("Your name").fill("Chair")
    with page.expect_request(lambda r: r.url.endswith("/token") and r.method == "POST") as sent:
        page.get_by_role("button", name="Join meeting").click()
    body = json.loads(sent.value.post_data)
    assert body["password"] == meeting["password"]
    assert body["hostKey"] == meeting["hostKey"]
