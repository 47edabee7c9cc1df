"""Webhook signature checks and event parsing, without a database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from meet_common.errors import Unauthorized
from meet_common.settings import get_settings
from tests.support import livekit_webhooks as lk
from webhook import service, signature

KEY, SECRET = "devkey", "unit-test-secret-long-enough-for-hs256"


@pytest.fixture(autouse=True)
def livekit_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LIVEKIT_API_KEY", KEY)
    monkeypatch.setenv("LIVEKIT_API_SECRET", SECRET)
    monkeypatch.delenv("LIVEKIT_SECRET_ARN", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def signed() -> tuple[bytes, str]:
    body = lk.body_of(lk.event("room_started", "room-1", event_id="EV_1"))
    return body.encode(), lk.sign(body, KEY, SECRET)


@pytest.mark.parametrize("prefix", ["", "Bearer ", "bearer  ", "  "])
def test_the_bare_jwt_and_a_bearer_prefix_both_verify(prefix: str) -> None:
    body, token = signed()

    event = signature.verify(body, prefix + token)

    assert (event.event, event.room.name, event.id) == ("room_started", "room-1", "EV_1")


@pytest.mark.parametrize("authorization", [None, "", "Bearer ", "not-a-jwt"])
def test_a_missing_or_malformed_signature_is_unauthorized(authorization: str | None) -> None:
    body, _ = signed()

    with pytest.raises(Unauthorized):
        signature.verify(body, authorization)


def test_a_body_that_is_not_utf8_is_unauthorized() -> None:
    _, token = signed()

    with pytest.raises(Unauthorized):
        signature.verify(b"\xff\xfe{}", token)


def test_the_body_is_checked_byte_for_byte() -> None:
    body, token = signed()

    with pytest.raises(Unauthorized):
        signature.verify(body + b" ", token)


def test_an_event_without_an_id_is_known_by_its_body_hash() -> None:
    body = lk.body_of(lk.event("room_started", "room-1", event_id="")).encode()
    event = signature.verify(body, lk.sign(body.decode(), KEY, SECRET))

    first = signature.event_id(event, body)

    assert first.startswith("sha256:")
    assert signature.event_id(event, body) == first
    assert signature.event_id(event, body + b"\n") != first


def test_event_time_is_livekits_created_at_else_the_receive_time() -> None:
    received = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

    assert service.event_time(
        lk.event("room_started", "r", created_at=1_800_000_000), received
    ) == (datetime.fromtimestamp(1_800_000_000, UTC))
    assert service.event_time(lk.event("room_started", "r", created_at=0), received) == received
