"""The SAM template as CloudFormation sees it after the Serverless transform, offline.

``sam validate`` and ``sam deploy`` ask AWS for the transform; the policy checks
(checkov, cfn-guard) and the moto deploy test need the transformed template without
an account, so this runs the same translator (``aws-sam-translator``) locally. The
template's own policies are inline statements, so no managed policy has to be
looked up (the loader answers with no names).

Run: ``python -m scripts.transform_template [--param Key=Value ...] [--out file.json]``
(the project's .venv and the SAM tools' venv both have the translator).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "template.yaml"

REGION = "us-east-1"
PSEUDO: dict[str, Any] = {
    "AWS::Region": REGION,
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::StackName": "livekit-meet",
    "AWS::StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/livekit-meet/0",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NotificationARNs": [],
}


class _NoManagedPolicies:
    def load(self) -> dict[str, str]:
        return {}


ARTIFACTS = "s3://livekit-meet-artifacts"
_CODE = {"AWS::Serverless::Function": "CodeUri", "AWS::Serverless::LayerVersion": "ContentUri"}


def packaged(template: dict[str, Any]) -> dict[str, Any]:
    """Local code folders replaced by S3 locations, as ``sam package`` leaves them."""
    result: dict[str, Any] = json.loads(json.dumps(template))
    for name, resource in result.get("Resources", {}).items():
        key = _CODE.get(resource.get("Type", ""))
        props = resource.get("Properties", {})
        if key and isinstance(props.get(key), str) and not props[key].startswith("s3://"):
            props[key] = f"{ARTIFACTS}/{name}.zip"
    return result


def transform(template: dict[str, Any], parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    from samtranslator.translator.transform import transform as sam_transform  # type: ignore[import-not-found,import-untyped,unused-ignore]

    # The translator fills the pseudo parameters from a boto session's region.
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    values = {**PSEUDO, **(parameters or {})}
    result: dict[str, Any] = sam_transform(packaged(template), values, _NoManagedPolicies())  # type: ignore[arg-type]
    return result


def load(path: Path = TEMPLATE) -> dict[str, Any]:
    from samtranslator.yaml_helper import yaml_parse  # type: ignore[import-not-found,import-untyped,unused-ignore]

    parsed = yaml_parse(path.read_text(encoding="utf-8"))
    return dict(parsed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--template", type=Path, default=TEMPLATE)
    parser.add_argument("--param", action="append", default=[], help="Key=Value")
    parser.add_argument("--out", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    params = dict(p.split("=", 1) for p in args.param)
    text = json.dumps(transform(load(args.template), params), indent=1, sort_keys=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
