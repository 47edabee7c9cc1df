"""The transformed template, made deployable on moto's CloudFormation.

moto models many of the template's resource types but not all (no Secrets Manager
secret, CloudFront distribution, Lambda alias, API stage, Aurora cluster or RDS
Proxy, custom resource ...). Those resources are left out, and every reference to
one (``Ref``, ``Fn::GetAtt``, ``${...}`` in ``Fn::Sub``, ``DependsOn``) becomes the
value of a stand-in: a real object the test made through the service's own API where
moto has one (a secret, a distribution), else a placeholder string.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from moto.cloudformation.parsing import NULL_MODELS, get_model_map

Template = dict[str, Any]
_SUB = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}")


# Modelled, but not from this template: moto does not import a RestApi's OpenAPI body,
# so a deployment of it finds no methods.
NOT_FROM_THIS_TEMPLATE = {"AWS::ApiGateway::Deployment"}


def unsupported(template: Template) -> set[str]:
    models = get_model_map()
    return {
        name
        for name, resource in template["Resources"].items()
        if resource["Type"].startswith("Custom::")
        or resource["Type"] not in models
        or resource["Type"] in NULL_MODELS
        or resource["Type"] in NOT_FROM_THIS_TEMPLATE
    }


def deployable(
    template: Template,
    stand_ins: dict[str, dict[str, Any]] | None = None,
    also_leave_out: set[str] | None = None,
) -> tuple[Template, set[str]]:
    """The template without the resources moto cannot create, and their names.

    ``stand_ins[logical_id]`` gives ``"Ref"`` and any attributes for a left-out
    resource (a value, or an expression on a resource that stays); anything not given
    becomes ``"<logical_id>.<attribute>"``. Inside ``Fn::Sub`` only plain values fit."""
    stand_ins = stand_ins or {}
    left_out = unsupported(template) | (also_leave_out or set()) & set(template["Resources"])

    def value(name: str, attribute: str | None) -> Any:
        given = stand_ins.get(name, {})
        return given.get(attribute or "Ref", f"{name}.{attribute or 'Ref'}")

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"Ref"} and node["Ref"] in left_out:
                return value(node["Ref"], None)
            if set(node) == {"Fn::GetAtt"}:
                target = node["Fn::GetAtt"]
                name, attribute = target.split(".", 1) if isinstance(target, str) else target
                if name in left_out:
                    return value(name, attribute)
            if set(node) == {"Fn::Sub"}:
                body = node["Fn::Sub"]
                text, variables = (body, None) if isinstance(body, str) else body

                def replace(match: re.Match[str]) -> str:
                    if match.group(1) in left_out:
                        return str(value(match.group(1), match.group(2)))
                    return match.group(0)

                text = _SUB.sub(replace, text)
                return {"Fn::Sub": text if variables is None else [text, walk(variables)]}
            return {key: walk(item) for key, item in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    result = copy.deepcopy(template)
    for name in left_out:
        del result["Resources"][name]
    result = walk(result)
    for resource in result["Resources"].values():
        depends = resource.get("DependsOn")
        if depends is not None:
            kept = [
                d for d in ([depends] if isinstance(depends, str) else depends) if d not in left_out
            ]
            if kept:
                resource["DependsOn"] = kept
            else:
                del resource["DependsOn"]
    return result, left_out
