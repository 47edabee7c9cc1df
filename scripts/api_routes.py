"""The API's routes, read from the functions' FastAPI apps: the one list.

Every HTTP function has an app (``functions/<name>/<name>/app.py``); the routes it
documents are the routes API Gateway sends to it. This writes them into the API's
``paths`` in infra/template.yaml (between the ``api-routes`` markers): per method, the
CloudFront key requirement and an ``aws_proxy`` integration with the function's
``live`` alias. The per-function apps serve no docs, so neither does the API
(CloudFront serves /api/docs and /api/openapi.json from the bucket).

    python -m scripts.api_routes           # rewrite the block
    python -m scripts.api_routes --check   # exit 1 if the template is stale
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from fastapi import FastAPI

from scripts.template_blocks import ROOT, generator_main

BLOCK = "api-routes"
ALIAS = "live"  # the functions' AutoPublishAlias: SnapStart applies to published versions
# API Gateway's names for FastAPI's path parameters, as first deployed: API Gateway
# wants one name per position among sibling paths, and renaming one replaces the
# API's resources. Any other parameter keeps its FastAPI name.
GATEWAY_PARAMETERS = {"meeting_id": "id", "room_name": "roomName"}
METHOD_ORDER = ("get", "post", "put", "patch", "delete")
_PARAMETER = re.compile(r"\{([^}]+)\}")
_INDENT = " " * 10  # the paths' keys under MeetApi's DefinitionBody
_URI = (
    "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
    "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:"
    "${AWS::StackName}-%s:" + ALIAS + "/invocations"
)


@dataclass(frozen=True)
class Operation:
    path: str  # as API Gateway knows it: /api/meetings/{id}
    method: str  # upper case
    function: str  # the function's short name (functions/<name>)

    @property
    def parameters(self) -> list[str]:
        return _PARAMETER.findall(self.path)


def http_functions() -> list[str]:
    """The functions with an HTTP app, by name (the migrator has none)."""
    return sorted(p.parent.parent.name for p in ROOT.glob("functions/*/*/app.py"))


def function_app(name: str) -> FastAPI:
    app = importlib.import_module(f"{name}.app").app
    assert isinstance(app, FastAPI), name
    return app


def gateway_path(path: str) -> str:
    return _PARAMETER.sub(lambda m: "{" + GATEWAY_PARAMETERS.get(m[1], m[1]) + "}", path)


def app_operations(name: str, app: FastAPI) -> list[Operation]:
    """The operations ``app`` documents (HEAD, which Starlette adds to GET, is not one)."""
    paths = app.openapi()["paths"]
    return [
        Operation(gateway_path(path), method.upper(), name)
        for path, item in paths.items()
        for method in item
        if method in METHOD_ORDER
    ]


def operations(functions: Iterable[str] | None = None) -> list[Operation]:
    """Every operation of the API, with the function that answers it; one owner each."""
    found: dict[tuple[str, str], Operation] = {}
    for name in http_functions() if functions is None else functions:
        for op in app_operations(name, function_app(name)):
            other = found.setdefault((op.method, op.path), op)
            if other is not op:
                raise ValueError(f"{op.method} {op.path}: both {other.function} and {name}")
    return sorted(found.values(), key=lambda op: (op.path, METHOD_ORDER.index(op.method.lower())))


def render(ops: Iterable[Operation]) -> str:
    """The ``paths`` entries, in the template's own style."""
    lines: list[str] = []
    current = None
    for op in ops:
        if op.path != current:
            current = op.path
            lines.append(f"{op.path}:")
            if op.parameters:
                lines.append("  parameters:")
                lines.extend(
                    f"    - {{ name: {p}, in: path, required: true, schema: {{ type: string }} }}"
                    for p in op.parameters
                )
        lines += [
            f"  {op.method.lower()}:",
            "    security: [{ CloudFrontOriginKey: [] }]",
            "    x-amazon-apigateway-integration:",
            "      type: aws_proxy",
            "      httpMethod: POST",
            f"      uri: !Sub {_URI % op.function}",
        ]
    return "".join(f"{_INDENT}{line}\n" for line in lines)


def main(argv: list[str] | None = None) -> int:
    return generator_main(BLOCK, lambda: render(operations()), __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
