"""Swagger UI at /api/docs renders the API from this origin alone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_the_api_offline(page: Any) -> None:
    # The context fixture fails the test if anything is fetched from another origin.
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/meetings/instant")).to_be_visible()
    screenshot(page, "api-docs")
