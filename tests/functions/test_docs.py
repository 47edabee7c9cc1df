"""The whole API is documented: /api/openapi.json, and Swagger UI at /api/docs with
every asset served from this origin (it must render with no internet access)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from devserver.app import WEB_DIST, build_app
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
    assert schema["$ref"].endswith("/ErrorResponse")


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
