"""The template's REST API: every route of the functions' apps, each reaching a route of
the FastAPI app of the function it is wired to, the generated paths fresh, and every
handler importable."""

from __future__ import annotations

import importlib
import uuid
from pathlib import Path

import pytest
from starlette.routing import Match

from scripts import api_routes
from scripts.template_blocks import TEMPLATE, read_block, replace_block, write_or_check
from tests.support.template import (
    INFRA,
    api_operations,
    function_by_name,
    functions,
    resources,
)

# The API, route by route, with the function that owns it: what the functions' apps
# document (scripts/api_routes.py), which the template's paths are generated from.
CONTRACT = {(op.method, op.path): op.function for op in api_routes.operations()}
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
    assert len(CONTRACT) >= 22  # the apps were read, not an empty list compared to itself


def test_the_templates_paths_are_what_the_generator_writes() -> None:
    """A route added to a router and not generated into the template fails here (and in
    `make check-template`): run `python -m scripts.api_routes`."""
    block = read_block(TEMPLATE.read_text(encoding="utf-8"), api_routes.BLOCK)
    assert block == api_routes.render(api_routes.operations())


def test_the_generator_is_deterministic_and_idempotent(tmp_path: Path) -> None:
    # The order the functions are read in changes nothing.
    shuffled = api_routes.operations(reversed(api_routes.http_functions()))
    assert shuffled == api_routes.operations()
    # A stale copy is refused by --check, rewritten once, and then left as it is.
    text = TEMPLATE.read_text(encoding="utf-8")
    stale = tmp_path / "template.yaml"
    stale.write_text(replace_block(text, api_routes.BLOCK, "          /api/x: {}\n"), "utf-8")
    assert write_or_check(api_routes.BLOCK, api_routes.render(shuffled), check=True, path=stale)
    for _ in range(2):
        write_or_check(api_routes.BLOCK, api_routes.render(shuffled), check=False, path=stale)
        assert stale.read_text(encoding="utf-8") == text  # everything else byte for byte


def test_sibling_paths_name_each_parameter_alike() -> None:
    """API Gateway refuses /a/{id} beside /a/{meeting}/b: one name per position.
    A new FastAPI parameter name may need an entry in GATEWAY_PARAMETERS."""
    names: dict[str, str] = {}
    for op in api_routes.operations():
        segments = op.path.split("/")
        for depth, segment in enumerate(segments):
            if segment.startswith("{"):
                parent = "/".join(segments[:depth])
                assert names.setdefault(parent, segment) == segment, (op.path, names[parent])


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
