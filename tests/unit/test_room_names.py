from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from meetings.room_names import (
    MAX_SLUG_LENGTH,
    MIN_SUFFIX_LENGTH,
    SUFFIX_ALPHABET,
    room_name,
    title_slug,
)

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_slug_keeps_words_and_drops_punctuation() -> None:
    assert title_slug("Team Sync: Q3 / Planning!") == "team-sync-q3-planning"


def test_slug_transliterates_accents_and_falls_back_for_empty() -> None:
    assert title_slug("Réunion d'équipe") == "reunion-d-equipe"
    assert title_slug("会議 ✨") == "meeting"


def test_room_name_suffix_carries_at_least_40_random_bits() -> None:
    assert re.fullmatch(r"team-sync-[a-z2-7]{8}", room_name("Team sync"))
    assert re.fullmatch(r"team-sync-[a-z2-7]{10}", room_name("Team sync", suffix_length=10))
    # Never shorter than 8 letters of 5 bits, whatever the caller asks for.
    assert re.fullmatch(r"team-sync-[a-z2-7]{8}", room_name("Team sync", suffix_length=2))
    suffixes = {room_name("x").rsplit("-", 1)[1] for _ in range(2_000)}
    assert len(suffixes) == 2_000
    assert set("".join(suffixes)) == set(SUFFIX_ALPHABET)


@given(st.text(max_size=300))
def test_any_title_gives_a_url_safe_bounded_name(title: str) -> None:
    name = room_name(title)
    assert SAFE.match(name)
    assert len(name) <= MAX_SLUG_LENGTH + 1 + MIN_SUFFIX_LENGTH
