"""A late joiner reads the end of the chat first and scrolls back on demand."""

from __future__ import annotations

import pytest
from livekit import api

from messages.handler import handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import invoke
from tests.support.meeting_rows import insert_meeting

pytestmark = pytest.mark.usefixtures("db")


def bearer(room: str) -> dict[str, str]:
    token = (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity("reader-1")
        .with_name("Reader")
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .to_jwt()
    )
    return {"Authorization": f"Bearer {token}"}


def page(room: str, **query: object) -> list[str]:
    response = invoke(
        handler, "GET", "/api/messages", headers=bearer(room), query={"roomName": room, **query}
    )
    assert response.status == 200, response.body
    return [m["text"] for m in response.json()["messages"]]


def test_latest_then_before_pages_backwards_each_page_oldest_first(database_url: str) -> None:
    room = insert_meeting(database_url)["room_name"]
    ids = []
    for n in range(7):
        response = invoke(
            handler,
            "POST",
            "/api/messages",
            headers=bearer(room),
            body={"roomName": room, "text": f"m{n}"},
        )
        assert response.status == 201
        ids.append(response.json()["id"])

    assert page(room, latest="true", limit=3) == ["m4", "m5", "m6"]
    assert page(room, before=ids[4], limit=3) == ["m1", "m2", "m3"]
    assert page(room, before=ids[1], limit=3) == ["m0"]  # shorter than limit: the start
    assert page(room, before=ids[0], limit=3) == []
    assert page(room, after=ids[5]) == ["m6"]  # catching up still works forwards


def test_after_with_before_or_latest_is_a_422(database_url: str) -> None:
    room = insert_meeting(database_url)["room_name"]
    response = invoke(
        handler,
        "GET",
        "/api/messages",
        headers=bearer(room),
        query={"roomName": room, "after": "00000000-0000-0000-0000-000000000000", "latest": "true"},
    )
    assert response.status == 422
    assert response.json()["error"]["code"] == "invalid_paging"
