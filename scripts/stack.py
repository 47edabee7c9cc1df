"""What a deploy needs to know about the stack: its name and region from
samconfig.toml, and its outputs from CloudFormation."""

from __future__ import annotations

import shlex
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient

ROOT = Path(__file__).resolve().parent.parent
SAMCONFIG = ROOT / "samconfig.toml"


def sam_parameters(config_env: str, command: str, path: Path = SAMCONFIG) -> dict[str, Any]:
    """A command's settings for one environment, over that environment's globals
    (the way sam reads them)."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    env = config.get(config_env)
    if env is None:
        raise SystemExit(f"samconfig.toml has no [{config_env}] environment")
    merged: dict[str, Any] = dict(env.get("global", {}).get("parameters", {}))
    merged.update(env.get(command, {}).get("parameters", {}))
    return merged


def stack_name(config_env: str, path: Path = SAMCONFIG) -> str:
    name = sam_parameters(config_env, "deploy", path).get("stack_name")
    if not name:
        raise SystemExit(f"samconfig.toml [{config_env}] names no stack_name")
    return str(name)


def stack_region(config_env: str, path: Path = SAMCONFIG) -> str | None:
    region = sam_parameters(config_env, "deploy", path).get("region")
    return str(region) if region else None


def session(config_env: str, path: Path = SAMCONFIG) -> boto3.session.Session:
    """A boto3 session with the profile and region sam deploy uses for this environment."""
    deploy = sam_parameters(config_env, "deploy", path)
    return boto3.session.Session(
        profile_name=deploy.get("profile") or None, region_name=stack_region(config_env, path)
    )


def parameter_overrides(config_env: str, path: Path = SAMCONFIG) -> dict[str, str]:
    """The template parameters samconfig.toml gives ``sam deploy`` for this environment
    (``parameter_overrides``, a ``Key=Value`` string or list, as sam accepts them)."""
    raw = sam_parameters(config_env, "deploy", path).get("parameter_overrides", "")
    items = shlex.split(raw) if isinstance(raw, str) else [str(item) for item in raw]
    pairs = (item.split("=", 1) for item in items if "=" in item)
    return {key: value for key, value in pairs}


def stack_outputs(cloudformation: CloudFormationClient, name: str) -> dict[str, str]:
    stacks = cloudformation.describe_stacks(StackName=name)["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
