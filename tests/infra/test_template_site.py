"""The site: a private bucket behind CloudFront (OAC, HTTPS only), /api/* passed to
API Gateway uncached with the viewer's headers, pages rewritten by a CloudFront
Function (run here under Node), hashed assets cached long."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from tests.support.template import ROOT, resources

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def config() -> dict[str, Any]:
    distribution = resources("AWS::CloudFront::Distribution")["Distribution"]
    return dict(distribution["Properties"]["DistributionConfig"])


def behaviour(pattern: str) -> dict[str, Any]:
    found = [b for b in config()["CacheBehaviors"] if b["PathPattern"] == pattern]
    assert len(found) == 1, pattern
    return dict(found[0])


def origin(origin_id: str) -> dict[str, Any]:
    (found,) = [o for o in config()["Origins"] if o["Id"] == origin_id]
    return dict(found)


def test_api_paths_go_to_api_gateway_uncached_with_viewer_headers_except_host() -> None:
    api = behaviour("/api/*")
    assert api["TargetOriginId"] == "api"
    assert api["CachePolicyId"] == CACHING_DISABLED
    assert api["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST
    assert set(api["AllowedMethods"]) == {
        "GET",
        "HEAD",
        "OPTIONS",
        "PUT",
        "PATCH",
        "POST",
        "DELETE",
    }
    assert api["ViewerProtocolPolicy"] == "https-only"  # a redirected POST loses its body


def test_docs_and_openapi_come_from_the_bucket_ahead_of_the_api_behaviour() -> None:
    patterns = [b["PathPattern"] for b in config()["CacheBehaviors"]]
    for pattern in ("/api/docs*", "/api/openapi.json"):
        assert behaviour(pattern)["TargetOriginId"] == "site"
        assert patterns.index(pattern) < patterns.index("/api/*")  # first match wins


def test_bucket_is_private_and_readable_only_by_this_distribution_through_oac() -> None:
    site = origin("site")
    assert site["OriginAccessControlId"] == {"Fn::GetAtt": ["SiteOriginAccessControl", "Id"]}
    assert site["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    oac = resources("AWS::CloudFront::OriginAccessControl")["SiteOriginAccessControl"]
    assert oac["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    bucket = resources("AWS::S3::Bucket")["SiteBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    policy = resources("AWS::S3::BucketPolicy")["SiteBucketPolicy"]["Properties"]
    (allow,) = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    source = allow["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    assert source.endswith(":distribution/${Distribution}")


def test_no_custom_error_pages_that_would_mask_api_errors() -> None:
    # CustomErrorResponses apply to every origin: a 403 page would hide the API's 403s.
    assert "CustomErrorResponses" not in config()


def test_pages_and_docs_pass_through_the_rewrite_function() -> None:
    association = [
        {
            "EventType": "viewer-request",
            "FunctionARN": {"Fn::GetAtt": ["PageRewriteFunction", "FunctionMetadata.FunctionARN"]},
        }
    ]
    assert config()["DefaultCacheBehavior"]["FunctionAssociations"] == association
    assert behaviour("/api/docs*")["FunctionAssociations"] == association


HARNESS = """
const cases = JSON.parse(process.argv[2]);
const out = cases.map((uri) => {
  const result = handler({ request: { uri: uri, method: "GET", headers: {}, querystring: {} } });
  return result.statusCode ? { redirect: result.headers.location.value } : { uri: result.uri };
});
console.log(JSON.stringify(out));
"""
REWRITES = {
    "/meetings": {"uri": "/meetings/index.html"},
    "/meetings/": {"uri": "/meetings/index.html"},
    "/join/team-sync-a1b2": {"uri": "/join/index.html"},
    "/join/": {"uri": "/join/"},
    "/api/docs": {"uri": "/api/docs/index.html"},
    "/api/docs/": {"uri": "/api/docs/index.html"},
    "/api/docs/swagger-ui.css": {"uri": "/api/docs/swagger-ui.css"},
    "/assets/join-BBDVqnin.js": {"uri": "/assets/join-BBDVqnin.js"},
    "/config.json": {"uri": "/config.json"},
    "/": {"redirect": "/meetings"},
}


def test_the_cloudfront_function_maps_routes_onto_the_built_pages(tmp_path: Any) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required (it also builds the pages)")
    function = resources("AWS::CloudFront::Function")["PageRewriteFunction"]["Properties"]
    assert function["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    script = tmp_path / "rewrite.js"
    script.write_text(function["FunctionCode"] + HARNESS, encoding="utf-8")
    result = subprocess.run(
        [node, str(script), json.dumps(list(REWRITES))],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert dict(zip(REWRITES, json.loads(result.stdout), strict=True)) == REWRITES


def test_rewrite_targets_are_pages_the_web_build_emits() -> None:
    # Vite's inputs (web/vite.config.ts) and the docs page the build writes.
    assert (ROOT / "web" / "meetings" / "index.html").is_file()
    assert (ROOT / "web" / "join" / "index.html").is_file()
    dist = ROOT / "web" / "dist"
    if dist.is_dir():
        for page in ("meetings/index.html", "join/index.html", "api/docs/index.html"):
            assert (dist / page).is_file(), page
