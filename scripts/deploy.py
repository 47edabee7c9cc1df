"""`make deploy`: deploy the stack, then the pages.

0. your subnets (``SubnetIds``, unless ``CreateNetwork=true``) must have a way out to
   the internet, or the deploy is refused before anything changes (scripts.network);
1. ``sam deploy`` of the built template (``make deploy`` runs ``sam build`` first);
2. function versions no alias points to are deleted (SnapStart bills each one);
3. the API's OpenAPI document and a small runtime config join the built pages;
4. everything is uploaded to the site bucket with its content type and caching;
5. CloudFront's cache is invalidated so the new pages are served at once.

Run: ``python -m scripts.deploy [--config-env prod]`` from the repository root.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import boto3
from botocore.exceptions import ClientError

from scripts.invalidate import invalidate
from scripts.network import subnet_problems
from scripts.stack import ROOT, parameter_overrides, session, stack_name, stack_outputs
from scripts.upload_site import upload_site
from scripts.versions import prune_versions

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


def network_problems(aws: boto3.session.Session, parameters: dict[str, str]) -> list[str]:
    """What stops the functions from reaching the internet from the given subnets."""
    if parameters.get("CreateNetwork", "false") == "true":
        return []  # the stack builds its own, with a NAT gateway
    subnets = [s.strip() for s in parameters.get("SubnetIds", "").split(",") if s.strip()]
    creates_database = not parameters.get("DatabaseSecretArn")
    return subnet_problems(aws.client("ec2"), subnets, min_zones=2 if creates_database else 1)


def sam_deploy(sam: str, config_env: str, overrides: dict[str, str]) -> None:
    # Fixed argv, no shell; sam reads the rest from samconfig.toml. Parameters given on
    # the command line replace samconfig's parameter_overrides as a whole, so the merged
    # set is passed; the ones not given keep their values on an existing stack.
    command = [sam, "deploy", "--config-env", config_env]
    if overrides:
        command += ["--parameter-overrides", *(f"{k}={v}" for k, v in overrides.items())]
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603


def stack_exists(aws: boto3.session.Session, name: str) -> bool:
    try:
        aws.client("cloudformation").describe_stacks(StackName=name)
    except ClientError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--sam", default=os.environ.get("SAM", "sam"), help="the sam executable")
    parser.add_argument("--skip-sam-deploy", action="store_true", help="only upload the pages")
    parser.add_argument("--dist", type=Path, default=WEB_DIST, help="the built pages")
    parser.add_argument("--wait", action="store_true", help="wait for the invalidation to finish")
    parser.add_argument(
        "--parameter",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a template parameter, over samconfig.toml's parameter_overrides (repeatable)",
    )
    args = parser.parse_args(argv)

    aws = session(args.config_env)
    name = stack_name(args.config_env)
    if not args.skip_sam_deploy:
        parameters = parameter_overrides(args.config_env)
        parameters.update(p.split("=", 1) for p in args.parameter if "=" in p)
        if "LiveKitUrl" not in parameters and not stack_exists(aws, name):
            print("The first deploy needs LiveKit's URL:")
            print(
                '  make deploy PARAMS="LiveKitUrl=wss://<project>.livekit.cloud CreateNetwork=true"'
            )
            print("(or your own database: DatabaseSecretArn=<secret ARN>; see docs/deploy.md)")
            return 2
        problems = network_problems(aws, parameters)
        if problems:
            print("Not deploying: the functions could not reach the internet from these subnets.")
            for problem in problems:
                print(f"  - {problem}")
            print("Give private subnets with a NAT route, or CreateNetwork=true (docs/deploy.md).")
            return 2
        sam_deploy(args.sam, args.config_env, parameters)
    pruned = prune_versions(aws.client("cloudformation"), aws.client("lambda"), name)
    outputs = stack_outputs(aws.client("cloudformation"), name)
    extra = {"api/openapi.json": openapi_document(), "config.json": runtime_config(outputs)}
    keys = upload_site(aws.client("s3"), outputs["SiteBucketName"], args.dist, extra=extra)
    invalidation = invalidate(aws.client("cloudfront"), outputs["DistributionId"], wait=args.wait)

    print(f"deleted {sum(map(len, pruned.values()))} function versions no alias uses")
    print(f"uploaded {len(keys)} objects; CloudFront invalidation {invalidation}")
    print(f"dashboard:   {outputs['SiteUrl']}/meetings")
    print(f"API docs:    {outputs['SiteUrl']}/api/docs")
    print(f"webhook URL: {outputs['WebhookUrl']}  (paste into LiveKit)")
    print(
        "admin key:   aws secretsmanager get-secret-value --query SecretString --output text "
        f"--secret-id {outputs['AdminApiKeySecretArn']}"
    )
    print(web_acl_note(outputs.get("WebAcl", "none")))
    return 0


def web_acl_note(web_acl: str) -> str:
    """Say so when nothing limits requests per address (a stack outside us-east-1
    without WebAclArn): only the API's per-route throttles then stand."""
    if web_acl != "none":
        return f"web ACL:     {web_acl}"
    return (
        "web ACL:     none: no per-address limit on /api (the stack is not in us-east-1 and "
        "WebAclArn is empty; see docs/deploy.md, Abuse limits)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
