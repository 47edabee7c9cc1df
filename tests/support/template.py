"""infra/template.yaml as plain data, and questions the infrastructure tests ask of it.

CloudFormation's short tags (``!Ref``, ``!Sub``, ``!GetAtt`` ...) become the long
form (``{"Ref": ...}``, ``{"Fn::Sub": ...}``), as CloudFormation itself reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
TEMPLATE_PATH = INFRA / "template.yaml"
URI_FUNCTION = re.compile(r":function:\$\{AWS::StackName\}-([a-z]+):([A-Za-z0-9_]+)/invocations$")


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no types
    pass


def _short_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_Loader.add_multi_constructor("!", _short_tag)


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe loader


@lru_cache(maxsize=1)
def template() -> dict[str, Any]:
    return dict(load_yaml(TEMPLATE_PATH))


def resources(kind: str | None = None) -> dict[str, dict[str, Any]]:
    found = template()["Resources"]
    return {k: v for k, v in found.items() if kind is None or v["Type"] == kind}


def functions() -> dict[str, dict[str, Any]]:
    return resources("AWS::Serverless::Function")


def function_globals() -> dict[str, Any]:
    return dict(template()["Globals"]["Function"])


def function_name(logical_id: str) -> str:
    """The short name in ``FunctionName: !Sub ${AWS::StackName}-<name>``."""
    sub = functions()[logical_id]["Properties"]["FunctionName"]["Fn::Sub"]
    prefix = "${AWS::StackName}-"
    assert sub.startswith(prefix), sub
    return str(sub[len(prefix) :])


def function_by_name() -> dict[str, str]:
    return {function_name(logical_id): logical_id for logical_id in functions()}


def environment(logical_id: str) -> dict[str, Any]:
    """The variables a function gets: the Globals' merged with its own."""
    merged = dict(function_globals()["Environment"]["Variables"])
    own = functions()[logical_id]["Properties"].get("Environment", {}).get("Variables", {})
    merged.update(own)
    return merged


def api_operations() -> Iterator[tuple[str, str, str, str]]:
    """(METHOD, path, function short name, alias) for every operation in the API."""
    api = resources("AWS::Serverless::Api")["MeetApi"]
    for path, item in api["Properties"]["DefinitionBody"]["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            integration = operation["x-amazon-apigateway-integration"]
            assert integration["type"] == "aws_proxy", (method, path)
            match = URI_FUNCTION.search(integration["uri"]["Fn::Sub"])
            assert match, integration["uri"]
            yield method.upper(), path, match.group(1), match.group(2)


def statements() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every IAM policy statement written in the template, with its resource's id."""
    for logical_id, resource in resources().items():
        props = resource.get("Properties", {})
        kind = resource["Type"]
        documents: list[Any] = []
        if kind == "AWS::Serverless::Function":
            for policy in props.get("Policies", []):
                assert isinstance(policy, dict), f"{logical_id}: write statements, not {policy}"
                documents.append(policy)
        elif kind == "AWS::IAM::Role":
            documents.extend(p["PolicyDocument"] for p in props.get("Policies", []))
        elif "PolicyDocument" in props:
            documents.append(props["PolicyDocument"])
        for document in documents:
            for statement in document["Statement"]:
                yield logical_id, statement


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
