"""Exposes a FastAPI app to API Gateway REST through Mangum.

Mangum runs with ``lifespan="off"`` (it would otherwise run startup and shutdown
on every invocation). The Powertools decorators wrap a plain function, since they
cannot wrap the Mangum object itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from fastapi import FastAPI
from mangum import Mangum

from meet_common.observability import logger
from meet_common.snapstart import register_snapstart_hooks

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def http_handler(app: FastAPI, *, preload: Sequence[str] = ()) -> LambdaHandler:
    """``preload``: modules the function imports on first use that SnapStart should
    import before its snapshot (see ``meet_common.snapstart``)."""
    register_snapstart_hooks(preload)  # HTTP functions run with SnapStart in AWS
    asgi = Mangum(app, lifespan="off")

    @logger.inject_lambda_context(
        correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
    )
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return asgi(event, context)

    return handler
