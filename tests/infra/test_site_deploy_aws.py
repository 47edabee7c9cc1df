"""The site upload (content types, caching), the CloudFront invalidation and the
deploy script's page step, against moto's S3 and CloudFront."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest

from scripts.invalidate import invalidate
from scripts.upload_site import IMMUTABLE, REVALIDATE, empty_bucket, plan, upload_site
from tests.infra.conftest import REGION

PAGES = {
    "assets/join-BBDVqnin.js": b"console.log('join')",
    "assets/meetings-IH6H_z91.css": b"body{}",
    "assets/logo-1a2b3c4d.svg": b"<svg/>",
    "meetings/index.html": b"<!doctype html><title>Meetings</title>",
    "join/index.html": b"<!doctype html><title>Join</title>",
    "api/docs/index.html": b"<!doctype html><title>Docs</title>",
    "api/docs/swagger-ui.css": b".swagger{}",
    "api/docs/swagger-ui-bundle.js": b"var SwaggerUIBundle",
    "favicon.ico": b"\x00\x00\x01\x00",
}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    for key, body in PAGES.items():
        path = tmp_path / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return tmp_path


@pytest.fixture
def s3(aws: str) -> Any:
    return boto3.client("s3", region_name=REGION)


@pytest.fixture
def bucket(s3: Any) -> str:
    name = f"meet-site-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    return name


def head(s3: Any, bucket: str, key: str) -> tuple[str, str]:
    answer = s3.head_object(Bucket=bucket, Key=key)
    return answer["ContentType"], answer["CacheControl"]


def test_upload_sets_content_types_and_caches_only_hashed_assets_for_long(
    s3: Any, bucket: str, dist: Path
) -> None:
    upload_site(s3, bucket, dist, extra={"api/openapi.json": b"{}", "config.json": b"{}"})

    assert head(s3, bucket, "assets/join-BBDVqnin.js") == (
        "text/javascript; charset=utf-8",
        IMMUTABLE,
    )
    assert head(s3, bucket, "assets/meetings-IH6H_z91.css") == (
        "text/css; charset=utf-8",
        IMMUTABLE,
    )
    assert head(s3, bucket, "assets/logo-1a2b3c4d.svg") == ("image/svg+xml", IMMUTABLE)
    assert IMMUTABLE == "public, max-age=31536000, immutable"
    for page in ("meetings/index.html", "join/index.html", "api/docs/index.html"):
        assert head(s3, bucket, page) == ("text/html; charset=utf-8", REVALIDATE)
    assert REVALIDATE == "no-cache"
    assert head(s3, bucket, "api/docs/swagger-ui.css") == ("text/css; charset=utf-8", REVALIDATE)
    assert head(s3, bucket, "api/openapi.json") == ("application/json", REVALIDATE)
    assert head(s3, bucket, "config.json") == ("application/json", REVALIDATE)
    assert head(s3, bucket, "favicon.ico")[0] == "image/x-icon"
    body = s3.get_object(Bucket=bucket, Key="join/index.html")["Body"].read()
    assert body == PAGES["join/index.html"]


def test_assets_go_up_before_the_html_that_names_them(dist: Path) -> None:
    keys = [obj.key for obj in plan(dist)]
    last_asset = max(i for i, k in enumerate(keys) if k.startswith("assets/"))
    first_html = min(i for i, k in enumerate(keys) if k.endswith(".html"))
    assert last_asset < first_html


def test_stale_pages_go_but_old_assets_stay_for_pages_already_loaded(
    s3: Any, bucket: str, dist: Path
) -> None:
    s3.put_object(Bucket=bucket, Key="assets/join-OLDHASH1.js", Body=b"old")
    s3.put_object(Bucket=bucket, Key="old-page/index.html", Body=b"old")

    upload_site(s3, bucket, dist)

    listed = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert "assets/join-OLDHASH1.js" in listed
    assert "old-page/index.html" not in listed
    assert set(PAGES) <= listed


def test_build_metadata_is_not_uploaded(dist: Path) -> None:
    (dist / ".vite").mkdir()
    (dist / ".vite" / "manifest.json").write_text("{}")
    keys = [obj.key for obj in plan(dist)]
    assert not [key for key in keys if key.startswith(".")]
    assert "join/index.html" in keys


def test_upload_refuses_a_folder_without_built_pages(s3: Any, bucket: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="make web"):
        upload_site(s3, bucket, tmp_path)


def test_emptying_the_bucket_removes_every_object(s3: Any, bucket: str, dist: Path) -> None:
    upload_site(s3, bucket, dist)
    assert empty_bucket(s3, bucket) == len(PAGES)
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0


def moto_distribution(bucket: str) -> str:
    cloudfront = boto3.client("cloudfront", region_name="us-east-1")
    origin_domain = f"{bucket}.s3.{REGION}.amazonaws.com"
    created = cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": uuid.uuid4().hex,
            "Comment": "test",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "site",
                        "DomainName": origin_domain,
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "site",
                "ViewerProtocolPolicy": "redirect-to-https",
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
            },
        }
    )
    return str(created["Distribution"]["Id"])


def test_invalidation_covers_every_path(aws: str, bucket: str) -> None:
    if aws != "moto":
        pytest.skip("LocalStack's free edition has no CloudFront")
    distribution = moto_distribution(bucket)
    cloudfront = boto3.client("cloudfront", region_name="us-east-1")

    invalidation = invalidate(cloudfront, distribution)

    found = cloudfront.get_invalidation(DistributionId=distribution, Id=invalidation)
    assert found["Invalidation"]["InvalidationBatch"]["Paths"]["Items"] == ["/*"]
