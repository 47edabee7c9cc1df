"""The whole API is documented: /api/openapi.json, and Swagger UI at /api/docs with
every asset served from this origin (it must render with no internet access)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from devserver.app import WEB_DIST, build_app
from meet_common.errors import error_classes
from scripts import api_routes

# Every function's routes (the list the template's API paths are generated from), with
# the local server's parameter names.
CONTRACT_ROUTES = {
    (method.lower(), path)
    for name in api_routes.http_functions()
    for path, item in api_routes.function_app(name).openapi()["paths"].items()
    for method in item
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    if not (WEB_DIST / "api" / "docs" / "index.html").exists():
        pytest.fail("web/dist is not built: run `make web` (make test does)")
    return TestClient(build_app())


def test_openapi_documents_the_contract_routes(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    documented = {(m, path) for path, ops in spec["paths"].items() for m in ops}
    assert documented >= CONTRACT_ROUTES
    assert ("post", "/api/meetings/{meeting_id}/end") in CONTRACT_ROUTES  # the apps were read


def test_error_responses_are_documented_in_the_error_shape(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    get_meeting = spec["paths"]["/api/meetings/{meeting_id}"]["get"]["responses"]
    schema = get_meeting["404"]["content"]["application/json"]["schema"]
    assert schema["allOf"][0]["$ref"].endswith("/ErrorResponse")
    assert schema["allOf"][1]["properties"]["error"]["properties"]["code"] == {
        "enum": ["meeting_not_found"]
    }
    assert "`meeting_not_found`: No meeting has that id" in get_meeting["404"]["description"]


def _documented_codes(spec: dict[str, Any]) -> set[tuple[int, str]]:
    return {
        (int(status), code)
        for item in spec["paths"].values()
        for operation in item.values()
        for status, response in operation["responses"].items()
        if int(status) >= 400 and "x-error-codes" in response
        for code in response["x-error-codes"]
    }


# Answered by the app for any path, so no operation lists them: an unknown path, a
# method the path does not take, a media type no route reads, and a bug.
APP_WIDE = {"not_found", "method_not_allowed", "unsupported_media_type", "internal"}


def test_every_documented_code_is_an_error_class_and_every_class_is_documented(
    client: TestClient,
) -> None:
    spec = client.get("/api/openapi.json").json()
    documented = _documented_codes(spec)
    classes = {(cls.status, cls.code) for cls in error_classes()}
    assert documented <= classes
    assert {(s, c) for s, c in classes if c not in APP_WIDE} <= documented
    codes = [cls.code for cls in error_classes()]
    assert len(codes) == len(set(codes)), "two error classes share a code"


def test_the_token_routes_document_the_join_refusals(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    token = spec["paths"]["/api/meetings/{meeting_id}/token"]["post"]["responses"]
    assert token["401"]["x-error-codes"] == ["wrong_host_key", "wrong_password"]
    assert token["403"]["x-error-codes"] == ["not_invited"]
    assert token["404"]["x-error-codes"] == ["meeting_not_found"]
    assert token["409"]["x-error-codes"] == ["not_started"]
    assert token["410"]["x-error-codes"] == ["meeting_over"]
    assert token["429"]["x-error-codes"] == ["too_many_attempts"]
    assert set(token["422"]["x-error-codes"]) == {"email_required", "validation_error"}
    fields = token["409"]["content"]["application/json"]["schema"]["allOf"][1]
    assert set(fields["properties"]["error"]["properties"]) == {"code", "startTime", "joinOpensAt"}
    room = spec["paths"]["/api/rooms/{room_name}"]["get"]["responses"]
    assert room["404"]["x-error-codes"] == ["room_not_found"]
    assert room["429"]["x-error-codes"] == ["too_many_lookups"]


def test_swagger_ui_loads_only_same_origin_assets(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert not re.search(r"""(src|href)=["']https?://""", page.text)
    assets = re.findall(r"""(?:src|href)=["'](/[^"']+)["']""", page.text)
    assert any(a.endswith(".js") for a in assets)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset


def test_the_api_reference_lists_every_error_code_with_its_status() -> None:
    reference = (Path(__file__).parents[2] / "docs" / "api.md").read_text()
    rows = set(re.findall(r"^\| (\d{3}) \| `([a-z_]+)` \|", reference, flags=re.MULTILINE))
    assert rows == {(str(cls.status), cls.code) for cls in error_classes()}
