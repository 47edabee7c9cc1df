"""Base model for the JSON API (camelCase on the wire, snake_case in Python), and the
OpenAPI description of the error answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from meet_common.errors import MeetError, error_classes


class ApiModel(BaseModel):
    # Unknown fields are ignored, as the contract says; names are camelCase on the wire.
    # Response models are built from records with ``model_validate`` (from_attributes).
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        frozen=False,
        from_attributes=True,
    )


class ErrorDetail(ApiModel):
    code: str
    message: str
    details: list[dict[str, object]] | None = None


class ErrorResponse(ApiModel):
    error: ErrorDetail


ERROR_SCHEMA_REF = "#/components/schemas/ErrorResponse"

Responses = dict[int | str, dict[str, Any]]


def error_responses(*errors: type[MeetError]) -> Responses:
    """OpenAPI entries for the errors a route raises: per status, the error shape with
    ``code`` limited to those errors' codes, and each code's meaning."""
    by_status: dict[int, list[type[MeetError]]] = {}
    for error in errors:
        same = by_status.setdefault(error.status, [])
        if error not in same:
            same.append(error)
    return {status: error_response(by_status[status]) for status in sorted(by_status)}


def error_response(errors: Iterable[type[MeetError]]) -> dict[str, Any]:
    errors = sorted(set(errors), key=lambda error: error.code)
    extra: dict[str, Any] = {}
    for error in errors:
        extra.update(error.fields_schema)
    codes = [error.code for error in errors]
    narrowed = {"error": {"type": "object", "properties": {"code": {"enum": codes}, **extra}}}
    return {
        "description": "\n".join(f"- `{error.code}`: {error.meaning()}" for error in errors),
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [
                        {"$ref": ERROR_SCHEMA_REF},
                        {"type": "object", "properties": narrowed},
                    ]
                }
            }
        },
        "x-error-codes": codes,
    }


def documented_errors(response: dict[str, Any]) -> list[type[MeetError]]:
    """The errors an ``error_response`` entry documents (by its ``x-error-codes``)."""
    codes = set(response.get("x-error-codes", ()))
    return [error for error in error_classes() if error.code in codes]
