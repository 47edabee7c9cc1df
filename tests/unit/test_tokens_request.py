"""The token request body and the client address the limiter counts against."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from starlette.requests import Request

from meet_common.client import UNKNOWN, client_address
from tokens.models import TokenRequest


def test_name_is_trimmed_and_unknown_fields_ignored() -> None:
    request = TokenRequest.model_validate(
        {"password": "p", "name": "  Ada Lovelace \t", "roomAdmin": True, "hostKey": "k"}
    )
    assert request.name == "Ada Lovelace"
    assert request.host_key == "k"
    assert not hasattr(request, "room_admin")


@pytest.mark.parametrize(
    "body",
    [
        {"password": "p", "name": ""},
        {"password": "p", "name": " \n "},
        {"password": "p", "name": "x" * 101},
        {"password": "p", "name": "tab\tinside"},
        {"password": "p", "name": 7},
        {"password": None, "name": "Ada"},
        {"password": "p" * 257, "name": "Ada"},
        {"password": "p", "name": "Ada", "email": "ada@"},
    ],
)
def test_bad_bodies_are_rejected(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        TokenRequest.model_validate(body)


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_email_means_no_email(blank: str) -> None:
    assert TokenRequest.model_validate({"password": "p", "name": "A", "email": blank}).email is None


def test_a_hundred_character_name_is_allowed() -> None:
    assert len(TokenRequest(password="p", name="n" * 100).name) == 100


def request_with(scope: dict[str, Any]) -> Request:
    return Request({"type": "http", "headers": [], **scope})


def test_client_address_is_api_gateways_source_ip() -> None:
    event = {"requestContext": {"identity": {"sourceIp": "203.0.113.9"}}}
    request = request_with(
        {
            "aws.event": event,
            "client": ("10.0.0.1", 443),
            "headers": [(b"x-forwarded-for", b"1.2.3.4")],
        }
    )
    assert client_address(request) == "203.0.113.9"


def test_client_address_ignores_x_forwarded_for_and_falls_back_to_the_peer() -> None:
    request = request_with(
        {"client": ("127.0.0.1", 50000), "headers": [(b"x-forwarded-for", b"1.2.3.4")]}
    )
    assert client_address(request) == "127.0.0.1"


def test_client_address_without_any_source_is_unknown() -> None:
    assert client_address(request_with({"aws.event": {"requestContext": {}}})) == UNKNOWN
