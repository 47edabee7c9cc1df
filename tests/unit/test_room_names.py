from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from meetings.room_names import MAX_SLUG_LENGTH, room_name, slugify

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_slug_keeps_words_and_drops_punctuation() -> None:
    assert slugify("Team Sync: Q3 / Planning!") == "team-sync-q3-planning"


def test_slug_transliterates_accents_and_falls_back_for_empty() -> None:
    assert slugify("Réunion d'équipe") == "reunion-d-equipe"
    assert slugify("会議 ✨") == "meeting"


def test_room_name_is_slug_plus_hex_suffix() -> None:
    assert re.fullmatch(r"team-sync-[0-9a-f]{4}", room_name("Team sync"))
    assert re.fullmatch(r"team-sync-[0-9a-f]{8}", room_name("Team sync", suffix_bytes=4))


@given(st.text(max_size=300))
def test_any_title_gives_a_url_safe_bounded_name(title: str) -> None:
    name = room_name(title)
    assert SAFE.match(name)
    assert len(name) <= MAX_SLUG_LENGTH + 5
