from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from meet_common.errors import InvalidInput
from meetings import cursor


def test_cursor_round_trips() -> None:
    moment, meeting_id = datetime(2030, 5, 1, 9, 30, tzinfo=UTC), uuid.uuid4()
    assert cursor.decode(cursor.encode(moment, meeting_id)) == (moment, meeting_id)


@pytest.mark.parametrize(
    "bad", ["", "garbage", "W10", "WyJ4IiwieSJd", "WyIyMDMwLTAxLTAxVDAwOjAwOjAwIiwiYSJd"]
)
def test_bad_cursors_are_invalid_input(bad: str) -> None:
    with pytest.raises(InvalidInput):
        cursor.decode(bad)
