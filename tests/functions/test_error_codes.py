"""Refusals the other handler tests do not reach: each answers with its own code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from meet_common.settings import get_settings
from meetings.handler import handler as meetings_handler
from tests.support.apigw import invoke

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def no_admin_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ADMIN_API_KEY", "")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("no_admin_key")
def test_no_admin_key_configured_is_a_503_that_lets_nobody_in(
    admin_headers: dict[str, str],
) -> None:
    response = invoke(meetings_handler, "GET", "/api/meetings", headers=admin_headers)
    assert response.status == 503
    assert response.json()["error"]["code"] == "admin_key_not_configured"
    assert response.headers["retry-after"].isdigit()


def test_an_unknown_path_and_a_wrong_method_have_their_codes(
    admin_headers: dict[str, str],
) -> None:
    unknown = invoke(meetings_handler, "GET", "/api/nowhere", headers=admin_headers)
    wrong_method = invoke(meetings_handler, "PUT", "/api/meetings", headers=admin_headers)
    assert (unknown.status, unknown.json()["error"]["code"]) == (404, "not_found")
    assert (wrong_method.status, wrong_method.json()["error"]["code"]) == (
        405,
        "method_not_allowed",
    )
