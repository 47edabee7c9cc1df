"""`make deploy`: deploy the stack, then the pages.

1. ``sam deploy`` of the built template (``make deploy`` runs ``sam build`` first);
2. the API's OpenAPI document and a small runtime config join the built pages;
3. everything is uploaded to the site bucket with its content type and caching;
4. CloudFront's cache is invalidated so the new pages are served at once.

Run: ``python -m scripts.deploy [--config-env prod]`` from the repository root.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from scripts.invalidate import invalidate
from scripts.stack import ROOT, session, stack_name, stack_outputs
from scripts.upload_site import upload_site

WEB_DIST = ROOT / "web" / "dist"


def openapi_document() -> bytes:
    """The whole API's OpenAPI document, served from the bucket at /api/openapi.json."""
    from devserver.app import build_api_app

    return json.dumps(build_api_app().openapi(), separators=(",", ":")).encode()


def runtime_config(outputs: dict[str, str]) -> bytes:
    """/config.json: what a page may want to know about where it runs."""
    return json.dumps(
        {
            "apiBaseUrl": "/api",
            "siteUrl": outputs["SiteUrl"],
            "deployedAt": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    ).encode()


def sam_deploy(sam: str, config_env: str) -> None:
    # Fixed argv, no shell; sam reads the rest from samconfig.toml.
    subprocess.run([sam, "deploy", "--config-env", config_env], check=True, cwd=ROOT)  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--sam", default=os.environ.get("SAM", "sam"), help="the sam executable")
    parser.add_argument("--skip-sam-deploy", action="store_true", help="only upload the pages")
    parser.add_argument("--dist", type=Path, default=WEB_DIST, help="the built pages")
    parser.add_argument("--wait", action="store_true", help="wait for the invalidation to finish")
    args = parser.parse_args(argv)

    if not args.skip_sam_deploy:
        sam_deploy(args.sam, args.config_env)
    aws = session(args.config_env)
    outputs = stack_outputs(aws.client("cloudformation"), stack_name(args.config_env))
    extra = {"api/openapi.json": openapi_document(), "config.json": runtime_config(outputs)}
    keys = upload_site(aws.client("s3"), outputs["SiteBucketName"], args.dist, extra=extra)
    invalidation = invalidate(aws.client("cloudfront"), outputs["DistributionId"], wait=args.wait)

    print(f"uploaded {len(keys)} objects; CloudFront invalidation {invalidation}")
    print(f"dashboard:   {outputs['SiteUrl']}/meetings")
    print(f"API docs:    {outputs['SiteUrl']}/api/docs")
    print(f"webhook URL: {outputs['WebhookUrl']}  (paste into LiveKit)")
    print(
        "admin key:   aws secretsmanager get-secret-value --query SecretString --output text "
        f"--secret-id {outputs['AdminApiKeySecretArn']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
