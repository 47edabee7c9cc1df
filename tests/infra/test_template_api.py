"""The template's REST API: every route of the contract, each reaching a route of the
FastAPI app of the function it is wired to, and every handler importable."""

from __future__ import annotations

import importlib
import uuid

import pytest
from starlette.routing import Match

from tests.infra.template import (
    INFRA,
    api_operations,
    function_by_name,
    functions,
    resources,
)

# The API, route by route, with the function that owns it.
CONTRACT = {
    ("GET", "/api/health"): "meetings",
    ("GET", "/api/meetings"): "meetings",
    ("POST", "/api/meetings"): "meetings",
    ("POST", "/api/meetings/instant"): "meetings",
    ("GET", "/api/meetings/{id}"): "meetings",
    ("PATCH", "/api/meetings/{id}"): "meetings",
    ("DELETE", "/api/meetings/{id}"): "meetings",
    ("POST", "/api/meetings/{id}/end"): "meetings",
    ("GET", "/api/meetings/{id}/invite.ics"): "meetings",
    ("GET", "/api/rooms/{roomName}"): "tokens",
    ("POST", "/api/meetings/{id}/token"): "tokens",
    ("GET", "/api/meetings/{id}/participants"): "participants",
    ("POST", "/api/meetings/{id}/participants"): "participants",
    ("DELETE", "/api/meetings/{id}/participants"): "participants",
    ("GET", "/api/meetings/{id}/attendance"): "participants",
    ("POST", "/api/rooms/{roomName}/participants/{identity}/mute"): "participants",
    ("POST", "/api/rooms/{roomName}/participants/{identity}/remove"): "participants",
    ("GET", "/api/rooms/{roomName}/admissions"): "participants",
    ("POST", "/api/rooms/{roomName}/admissions/{admissionId}/admit"): "participants",
    ("POST", "/api/rooms/{roomName}/admissions/{admissionId}/deny"): "participants",
    ("GET", "/api/admissions/{admissionId}"): "tokens",
    ("DELETE", "/api/admissions/{admissionId}"): "tokens",
    ("GET", "/api/messages"): "messages",
    ("POST", "/api/messages"): "messages",
    ("POST", "/api/livekit/webhook"): "webhook",
    ("GET", "/api/scheduler"): "lifecycle",
    ("POST", "/api/scheduler"): "lifecycle",
}
SAMPLE_PATH_VALUES = {
    "id": str(uuid.uuid4()),
    "roomName": "team-sync-a1b2",
    "identity": "guest-7",
    "admissionId": str(uuid.uuid4()),
}
OPERATIONS = sorted(api_operations())


def concrete(path: str) -> str:
    for name, value in SAMPLE_PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    return path


def test_api_maps_exactly_the_contract_routes_to_their_functions() -> None:
    mapped = {(method, path): function for method, path, function, _ in OPERATIONS}
    assert mapped == CONTRACT


@pytest.mark.parametrize(("method", "path", "function", "alias"), OPERATIONS)
def test_each_api_route_reaches_a_route_of_its_functions_app(
    method: str, path: str, function: str, alias: str
) -> None:
    handler = functions()[function_by_name()[function]]["Properties"]["Handler"]
    package = handler.split(".", 1)[0]
    app = importlib.import_module(f"{package}.app").app
    scope = {"type": "http", "method": method, "path": concrete(path), "root_path": ""}
    matches = [route for route in app.routes if route.matches(scope)[0] == Match.FULL]
    assert matches, f"{method} {path}: no route in {package}.app answers it"


@pytest.mark.parametrize(("method", "path", "function", "alias"), OPERATIONS)
def test_each_api_route_invokes_the_published_alias(
    method: str, path: str, function: str, alias: str
) -> None:
    props = functions()[function_by_name()[function]]["Properties"]
    assert alias == props["AutoPublishAlias"]  # SnapStart applies to published versions only


def test_every_api_function_lets_this_api_invoke_its_alias() -> None:
    permissions = {
        p["Properties"]["FunctionName"]["Ref"]: p["Properties"]
        for p in resources("AWS::Lambda::Permission").values()
    }
    for function in {f for _, _, f, _ in OPERATIONS}:
        logical_id = function_by_name()[function]
        permission = permissions[f"{logical_id}.Alias"]
        assert permission["Principal"] == "apigateway.amazonaws.com"
        assert "${MeetApi}/*" in permission["SourceArn"]["Fn::Sub"]


@pytest.mark.parametrize("logical_id", sorted(functions()))
def test_every_handler_path_imports(logical_id: str) -> None:
    props = functions()[logical_id]["Properties"]
    code_dir = (INFRA / props["CodeUri"]).resolve()
    assert (code_dir / "requirements.txt").is_file()
    module_name, _, attribute = props["Handler"].rpartition(".")
    assert (code_dir / module_name.replace(".", "/")).with_suffix(".py").is_file()
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute))


def test_api_gateways_own_errors_use_the_api_error_shape() -> None:
    responses = resources("AWS::Serverless::Api")["MeetApi"]["Properties"]["GatewayResponses"]
    assert responses["MISSING_AUTHENTICATION_TOKEN"]["StatusCode"] == 404  # an unknown route
    assert responses["THROTTLED"]["StatusCode"] == 429
    for response in responses.values():
        assert response["ResponseTemplates"]["application/json"].startswith('{"error": {"code":')
