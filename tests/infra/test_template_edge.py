"""The edge in AWS: the headers CloudFront adds, the per-address limit of the web ACL
and the API's per-route throttles.

The template's intrinsic functions are evaluated here for sample parameters (a small
evaluator of the few CloudFormation uses in these resources), so the Content-Security-
Policy CloudFront sends is compared, as text, with the one the local server sends
(``devserver.security.page_csp``) for the same LiveKit URL.
"""

from __future__ import annotations

import fnmatch
import json
import re
from typing import Any

import pytest

from devserver.security import page_csp
from meet_common.http import API_CSP, SECURITY_HEADERS
from scripts.transform_template import load, transform
from tests.support.template import api_operations, resources, template

NO_VALUE = object()


class Stack:
    """Parameters and pseudo parameters of one imagined deploy, and what the
    template's intrinsic functions and conditions come to with them."""

    def __init__(self, region: str = "eu-west-1", **parameters: str) -> None:
        declared = template()["Parameters"]
        unknown = set(parameters) - set(declared)
        assert not unknown, unknown
        self.values: dict[str, Any] = {
            name: str(spec.get("Default", "")) for name, spec in declared.items()
        }
        self.values.update(parameters)
        self.values.update({"AWS::Region": region, "AWS::StackName": "meet"})

    def condition(self, name: str) -> bool:
        return bool(self.evaluate(template()["Conditions"][name]))

    def evaluate(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self.evaluate(item) for item in node]
        if not isinstance(node, dict):
            return node
        if len(node) != 1:
            return {key: self.evaluate(value) for key, value in node.items()}
        ((function, argument),) = node.items()
        if function == "Ref":
            if argument == "AWS::NoValue":
                return NO_VALUE
            if argument in self.values:
                return self.values[argument]
            return f"<{argument}>"  # a resource
        if function == "Fn::GetAtt":
            return f"<{'.'.join(argument)}>"
        if function == "Condition":
            return self.condition(argument)
        if function == "Fn::Equals":
            left, right = self.evaluate(argument)
            return left == right
        if function == "Fn::Not":
            return not self.evaluate(argument)[0]
        if function == "Fn::And":
            return all(self.evaluate(argument))
        if function == "Fn::Or":
            return any(self.evaluate(argument))
        if function == "Fn::If":
            name, when_true, when_false = argument
            return self.evaluate(when_true if self.condition(name) else when_false)
        if function == "Fn::Split":
            separator, text = self.evaluate(argument)
            return text.split(separator)
        if function == "Fn::Select":
            index, items = self.evaluate(argument)
            return items[int(index)]
        if function == "Fn::Sub":
            text, variables = (argument, {}) if isinstance(argument, str) else argument
            known = {**self.values, **self.evaluate(variables)}
            return re.sub(r"\$\{([A-Za-z0-9:]+)\}", lambda m: str(known[m.group(1)]), text)
        return {function: self.evaluate(argument)}


def policy_config(logical_id: str) -> dict[str, Any]:
    policy = resources("AWS::CloudFront::ResponseHeadersPolicy")[logical_id]
    return dict(policy["Properties"]["ResponseHeadersPolicyConfig"])


def distribution_config() -> dict[str, Any]:
    distribution = resources("AWS::CloudFront::Distribution")["Distribution"]
    return dict(distribution["Properties"]["DistributionConfig"])


def behaviour_for(path: str) -> dict[str, Any]:
    """The behaviour CloudFront picks for ``path``: the first pattern that matches."""
    for behaviour in distribution_config()["CacheBehaviors"]:
        if fnmatch.fnmatchcase(path, behaviour["PathPattern"]):
            return dict(behaviour)
    return dict(distribution_config()["DefaultCacheBehavior"])


# --- the pages' headers ---------------------------------------------------------------

LIVEKIT_URLS = [
    "wss://my-project.livekit.cloud",
    "wss://lk.example.com:7443/rtc/path?x=1",
    "ws://localhost:7880",
    "ws://10.0.0.5:7880/",
]


@pytest.mark.parametrize("livekit_url", LIVEKIT_URLS)
def test_cloudfront_sends_the_pages_the_local_servers_csp(livekit_url: str) -> None:
    stack = Stack(LiveKitUrl=livekit_url)
    csp = policy_config("PageHeadersPolicy")["SecurityHeadersConfig"]["ContentSecurityPolicy"]
    assert stack.evaluate(csp["ContentSecurityPolicy"]) == page_csp(livekit_url)
    assert csp["Override"] is True  # the bucket's objects carry none


def test_every_url_the_parameter_accepts_gives_the_same_csp_as_locally() -> None:
    """The parameter's pattern keeps out what the template's split could read
    differently from urlsplit (a "?" or "#" right after the host)."""
    pattern = re.compile(template()["Parameters"]["LiveKitUrl"]["AllowedPattern"])
    for url in LIVEKIT_URLS:
        assert pattern.fullmatch(url), url
    for refused in ["wss://host?x=1", "wss://host#frag", "https://host", "wss://"]:
        assert not pattern.fullmatch(refused), refused


def test_pages_get_nosniff_no_referrer_no_framing_and_hsts() -> None:
    config = policy_config("PageHeadersPolicy")["SecurityHeadersConfig"]
    assert config["ContentTypeOptions"] == {"Override": True}
    assert config["ReferrerPolicy"] == {"ReferrerPolicy": "no-referrer", "Override": True}
    assert config["FrameOptions"] == {"FrameOption": "DENY", "Override": True}
    hsts = config["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] >= 31536000
    assert hsts["Override"] is True


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/meetings",
        "/join/abc-defg-hij",
        "/assets/index-abc123.js",
        "/api/docs",
        "/api/docs/swagger-ui.css",
        "/api/openapi.json",
    ],
)
def test_everything_from_the_bucket_gets_the_pages_policy(path: str) -> None:
    assert behaviour_for(path)["ResponseHeadersPolicyId"] == {"Ref": "PageHeadersPolicy"}


# --- the API's headers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/meetings", "/api/meetings/x/token", "/api/livekit/webhook", "/api/health"]
)
def test_api_answers_get_the_api_policy(path: str) -> None:
    assert behaviour_for(path)["ResponseHeadersPolicyId"] == {"Ref": "ApiHeadersPolicy"}


def test_the_api_policy_sends_what_the_functions_send_and_never_overrides_them() -> None:
    config = policy_config("ApiHeadersPolicy")
    security = config["SecurityHeadersConfig"]
    custom = {item["Header"].lower(): item for item in config["CustomHeadersConfig"]["Items"]}
    # Every header fills in only where the origin sent none: the functions' own win.
    every = [*security.values(), *custom.values()]
    assert len(every) == 6
    assert all(header["Override"] is False for header in every)
    sent = dict(SECURITY_HEADERS)
    assert security["ContentTypeOptions"] == {"Override": False}
    assert sent[b"x-content-type-options"] == b"nosniff"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == sent[b"referrer-policy"].decode()
    assert security["ContentSecurityPolicy"]["ContentSecurityPolicy"] == API_CSP.decode()
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert custom["cache-control"]["Value"] == "no-store"


# --- the web ACL ------------------------------------------------------------------------


def web_acl_for(stack: Stack) -> Any:
    return stack.evaluate(distribution_config()["WebACLId"])


def test_in_us_east_1_the_stack_makes_its_own_web_acl() -> None:
    stack = Stack(region="us-east-1", LiveKitUrl="wss://x.livekit.cloud")
    assert stack.condition("CreateWebAcl")
    assert web_acl_for(stack) == "<EdgeWebAcl.Arn>"
    assert resources()["EdgeWebAcl"]["Condition"] == "CreateWebAcl"


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_a_given_web_acl_is_used_in_any_region_and_none_is_made(region: str) -> None:
    arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/meet/0b1c2d3e"
    stack = Stack(region=region, LiveKitUrl="wss://x.livekit.cloud", WebAclArn=arn)
    assert not stack.condition("CreateWebAcl")
    assert web_acl_for(stack) == arn
    assert re.fullmatch(template()["Parameters"]["WebAclArn"]["AllowedPattern"], arn)


def test_elsewhere_without_an_arn_there_is_no_web_acl() -> None:
    stack = Stack(region="eu-west-1", LiveKitUrl="wss://x.livekit.cloud")
    assert not stack.condition("CreateWebAcl")
    assert web_acl_for(stack) is NO_VALUE
    assert stack.evaluate(template()["Outputs"]["WebAcl"]["Value"]) == "none"


def test_a_regional_web_acl_arn_is_refused() -> None:
    """CloudFront takes only CLOUDFRONT-scope ACLs, which all live in us-east-1."""
    pattern = template()["Parameters"]["WebAclArn"]["AllowedPattern"]
    regional = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/meet/0b1c2d3e"
    assert not re.fullmatch(pattern, regional)


def matches(statement: dict[str, Any], path: str) -> bool:
    """WAF's verdict on a request for ``path`` (the statement kinds the ACL uses)."""
    if "AndStatement" in statement:
        return all(matches(s, path) for s in statement["AndStatement"]["Statements"])
    if "NotStatement" in statement:
        return not matches(statement["NotStatement"]["Statement"], path)
    byte_match = statement["ByteMatchStatement"]
    assert byte_match["FieldToMatch"] == {"UriPath": {}}
    assert byte_match["TextTransformations"] == [{"Priority": 0, "Type": "NONE"}]
    wanted = str(byte_match["SearchString"])
    constraint = byte_match["PositionalConstraint"]
    if constraint == "STARTS_WITH":
        return path.startswith(wanted)
    assert constraint == "EXACTLY", constraint
    return path == wanted


def rate_rule() -> dict[str, Any]:
    (rule,) = resources("AWS::WAFv2::WebACL")["EdgeWebAcl"]["Properties"]["Rules"]
    return dict(rule)


@pytest.mark.parametrize(
    ("path", "counted"),
    [
        ("/api/meetings/abc/token", True),
        ("/api/meetings", True),
        ("/api/messages", True),
        ("/api/docs", True),
        # LiveKit's servers: few addresses for every room's events.
        ("/api/livekit/webhook", False),
        # Any other spelling is counted with the guests (API Gateway may still route it).
        ("/api/livekit/webhook/", True),
        ("/api/livekit/webhook/x", True),
        # The pages are cached at the edge; the limit is about the API.
        ("/meetings", False),
        ("/join/abc-defg-hij", False),
        ("/assets/index.js", False),
    ],
)
def test_the_per_address_limit_counts_the_api_but_not_livekits_webhook(
    path: str, counted: bool
) -> None:
    statement = rate_rule()["Statement"]["RateBasedStatement"]
    assert matches(statement["ScopeDownStatement"], path) is counted


def test_the_per_address_limit_answers_429_in_the_apis_error_shape() -> None:
    acl = resources("AWS::WAFv2::WebACL")["EdgeWebAcl"]["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"
    assert acl["DefaultAction"] == {"Allow": {}}
    rule = rate_rule()
    statement = rule["Statement"]["RateBasedStatement"]
    assert statement["AggregateKeyType"] == "IP"
    assert statement["Limit"] == {"Ref": "ApiRateLimitPerIp"}
    assert statement["EvaluationWindowSec"] == 300
    response = rule["Action"]["Block"]["CustomResponse"]
    assert response["ResponseCode"] == 429
    body = acl["CustomResponseBodies"][response["CustomResponseBodyKey"]]
    assert body["ContentType"] == "APPLICATION_JSON"
    assert json.loads(body["Content"])["error"]["code"] == "too_many_requests"
    # Far below what one API method lets through (5 minutes of it), so one address
    # cannot use up the budget every guest shares; WAF accepts no less than 10.
    default = template()["Parameters"]["ApiRateLimitPerIp"]
    token_rate = template()["Parameters"]["TokenThrottleRateLimit"]["Default"]
    assert 10 <= default["MinValue"] <= default["Default"] < token_rate * 300 / 10


# --- the API's per-route throttles ---------------------------------------------------


def method_settings() -> dict[tuple[str, str], dict[str, Any]]:
    api = resources("AWS::Serverless::Api")["MeetApi"]["Properties"]
    return {(s["ResourcePath"], s["HttpMethod"]): s for s in api["MethodSettings"]}


def route_of(resource_path: str) -> str:
    """A MethodSettings path ("/~1api~1x") as the route it names ("/api/x")."""
    assert resource_path.startswith("/~1")
    return resource_path[1:].replace("~1", "/")


@pytest.mark.parametrize(
    ("method", "route", "rate", "burst"),
    [
        ("POST", "/api/meetings/{id}/token", "TokenThrottleRateLimit", "TokenThrottleBurstLimit"),
        ("POST", "/api/livekit/webhook", "WebhookThrottleRateLimit", "WebhookThrottleBurstLimit"),
    ],
)
def test_the_token_route_and_the_webhook_have_their_own_budgets(
    method: str, route: str, rate: str, burst: str
) -> None:
    found = {
        (route_of(path), http_method): setting
        for (path, http_method), setting in method_settings().items()
        if path != "/*"
    }
    setting = found[(route, method)]
    assert (method, route) in {(m, p) for m, p, _, _ in api_operations()}  # a real route
    assert setting["ThrottlingRateLimit"] == {"Ref": rate}
    assert setting["ThrottlingBurstLimit"] == {"Ref": burst}
    # A method's entry replaces the stage's: it keeps the no-bodies logging.
    assert setting["LoggingLevel"] == "ERROR"
    assert setting["DataTraceEnabled"] is False


def test_the_budgets_defaults_fit_a_meetings_start_and_livekits_retries() -> None:
    parameters = template()["Parameters"]

    def default(name: str) -> int:
        return int(parameters[name]["Default"])

    # A meeting's start is a burst of joins: the token route's burst holds more than
    # one second at the stage's rate, its steady rate leaves the rest of the API room.
    assert default("TokenThrottleBurstLimit") >= default("TokenThrottleRateLimit") * 2
    assert default("TokenThrottleRateLimit") < default("ApiThrottleRateLimit")
    assert 0 < default("WebhookThrottleRateLimit") <= default("WebhookThrottleBurstLimit")


def test_the_transformed_stage_keeps_the_per_route_throttles() -> None:
    """SAM copies MethodSettings onto the stage CloudFormation creates."""
    transformed = transform(load(), {"AWS::Region": "eu-west-1"})
    (stage,) = [
        r for r in transformed["Resources"].values() if r["Type"] == "AWS::ApiGateway::Stage"
    ]
    settings = {
        (s["ResourcePath"], s["HttpMethod"]): s["ThrottlingRateLimit"]
        for s in stage["Properties"]["MethodSettings"]
    }
    assert settings[("/~1api~1livekit~1webhook", "POST")] == {"Ref": "WebhookThrottleRateLimit"}
    assert settings[("/~1api~1meetings~1{id}~1token", "POST")] == {"Ref": "TokenThrottleRateLimit"}
    assert settings[("/*", "*")] == {"Ref": "ApiThrottleRateLimit"}
