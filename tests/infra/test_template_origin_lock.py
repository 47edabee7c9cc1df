"""The API answers CloudFront only, and CloudFront tells it who the viewer is.

CloudFront writes the viewer's address into CloudFront-Viewer-Address, which the
/api/* origin request policy forwards (no function of ours runs there); every API
method requires an API key that only CloudFront sends, as an origin custom header
from a generated secret; and only the tokens function is told to believe the header."""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from meet_common.client import VIEWER_ADDRESS_HEADER
from tests.support.template import (
    api_operations,
    environment,
    function_by_name,
    functions,
    resources,
    statements,
    template,
)

KEY_REFERENCE = {"Fn::Sub": "{{resolve:secretsmanager:${ApiOriginKey}}}"}


def distribution_config() -> dict[str, Any]:
    distribution = resources("AWS::CloudFront::Distribution")["Distribution"]
    return dict(distribution["Properties"]["DistributionConfig"])


def api_properties() -> dict[str, Any]:
    return dict(resources("AWS::Serverless::Api")["MeetApi"]["Properties"])


def behaviour_for(path: str) -> dict[str, Any]:
    """The behaviour CloudFront picks for ``path``: the first pattern that matches."""
    for b in distribution_config()["CacheBehaviors"]:
        if fnmatch.fnmatchcase(path, b["PathPattern"]):
            return dict(b)
    return dict(distribution_config()["DefaultCacheBehavior"])


def mentions(value: Any, name: str) -> bool:
    return name in json.dumps(value)


# --- the viewer's address ---------------------------------------------------------------


def test_the_address_the_tokens_function_reads_is_cloudfronts_own_header() -> None:
    # CloudFront sets it from the connection (address:port), whatever the viewer sent;
    # the layer parses that format (tests/unit/test_tokens_client.py).
    assert VIEWER_ADDRESS_HEADER == "cloudfront-viewer-address"


def test_the_origin_gets_cloudfronts_viewer_address_header() -> None:
    # Managed-AllViewerExceptHostHeader: every viewer header but Host, plus CloudFront's
    # device-type and viewer-location headers, CloudFront-Viewer-Address among them
    # (CloudFront Developer Guide, "Use managed origin request policies").
    api = behaviour_for("/api/meetings/x/token")
    assert api["TargetOriginId"] == "api"
    assert api["OriginRequestPolicyId"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def test_no_function_of_ours_runs_on_api_requests() -> None:
    # The header is CloudFront's, not written by code that could forget to replace a
    # client's copy; nothing is billed per API request at the edge.
    assert "FunctionAssociations" not in behaviour_for("/api/meetings/x/token")
    assert set(resources("AWS::CloudFront::Function")) == {"PageRewriteFunction"}
    assert not mentions(template(), "x-meet-viewer-ip")


def test_only_the_tokens_function_trusts_the_viewer_header_and_not_under_sam_local() -> None:
    trusting = {
        logical_id
        for logical_id in functions()
        if "TRUST_VIEWER_IP_HEADER" in environment(logical_id)
    }
    assert trusting == {function_by_name()["tokens"]}
    value = environment(function_by_name()["tokens"])["TRUST_VIEWER_IP_HEADER"]
    assert value == {"Fn::If": ["IsSamLocal", "false", "true"]}


# --- only CloudFront reaches the API --------------------------------------------------------


def test_every_api_method_requires_the_api_key() -> None:
    body = api_properties()["DefinitionBody"]
    schemes = body["components"]["securitySchemes"]
    assert body["x-amazon-apigateway-api-key-source"] == "HEADER"
    secured = 0
    for path, item in body["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            (requirement,) = operation["security"]
            (scheme,) = requirement
            assert schemes[scheme] == {"type": "apiKey", "name": "x-api-key", "in": "header"}, (
                method,
                path,
            )
            secured += 1
    assert secured == len(list(api_operations())) > 0


def test_the_api_key_is_generated_and_reaches_api_gateway_and_cloudfront_only() -> None:
    secret = resources("AWS::SecretsManager::Secret")["ApiOriginKey"]["Properties"]
    assert secret["GenerateSecretString"]["PasswordLength"] >= 20  # API Gateway's minimum
    assert "SecretString" not in secret
    (key,) = resources("AWS::ApiGateway::ApiKey").values()
    assert key["Properties"]["Value"] == KEY_REFERENCE
    assert key["Properties"]["Enabled"] is True
    (origin,) = [o for o in distribution_config()["Origins"] if o["Id"] == "api"]
    assert origin["OriginCustomHeaders"] == [
        {"HeaderName": "x-api-key", "HeaderValue": KEY_REFERENCE}
    ]
    # Nothing else reads it: no parameter, output, function or policy.
    assert not mentions(template().get("Parameters", {}), "ApiOriginKey")
    assert not mentions(template()["Outputs"], "ApiOriginKey")
    for logical_id in functions():
        assert not mentions(environment(logical_id), "ApiOriginKey"), logical_id
    for logical_id, statement in statements():
        assert not mentions(statement, "ApiOriginKey"), logical_id


def test_the_key_is_in_a_usage_plan_for_the_live_stage() -> None:
    (plan_id,) = resources("AWS::ApiGateway::UsagePlan")
    plan = resources("AWS::ApiGateway::UsagePlan")[plan_id]["Properties"]
    assert plan["ApiStages"] == [{"ApiId": {"Ref": "MeetApi"}, "Stage": {"Ref": "MeetApi.Stage"}}]
    (link,) = resources("AWS::ApiGateway::UsagePlanKey").values()
    (key_id,) = resources("AWS::ApiGateway::ApiKey")
    assert link["Properties"] == {
        "KeyId": {"Ref": key_id},
        "KeyType": "API_KEY",
        "UsagePlanId": {"Ref": plan_id},
    }


def test_a_direct_call_without_the_key_gets_403_in_the_error_shape() -> None:
    response = api_properties()["GatewayResponses"]["INVALID_API_KEY"]
    assert response["StatusCode"] == 403
    body = json.loads(response["ResponseTemplates"]["application/json"])
    assert body["error"]["code"] == "forbidden"


def test_livekit_webhooks_go_through_cloudfront_which_adds_the_key() -> None:
    url = template()["Outputs"]["WebhookUrl"]["Value"]["Fn::Sub"]
    assert url == "https://${Distribution.DomainName}/api/livekit/webhook"
    webhook = behaviour_for("/api/livekit/webhook")
    assert webhook["TargetOriginId"] == "api"
    assert "POST" in webhook["AllowedMethods"]
