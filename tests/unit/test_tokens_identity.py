"""Participant identities: readable, URL-safe, and unique per join."""

from __future__ import annotations

import re

import pytest

from tokens.identity import MAX_SLUG_LENGTH, name_slug, new_identity

IDENTITY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{12}$")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Alex", "alex"),
        ("  Alex   Doe ", "alex-doe"),
        ("Zoë O'Brien", "zoe-o-brien"),
        ("李雷", "guest"),
        ("!!!", "guest"),
        ("a" * 100, "a" * MAX_SLUG_LENGTH),
        ("word " * 20, ("word-" * 7)[:MAX_SLUG_LENGTH].rstrip("-")),
    ],
)
def test_slug_of_a_display_name(name: str, slug: str) -> None:
    assert name_slug(name) == slug


@pytest.mark.parametrize("name", ["Alex", "李雷", "x" * 100, "-- a --", "Ünïcödé 😀"])
def test_identity_is_a_safe_slug_plus_random_suffix(name: str) -> None:
    identity = new_identity(name)
    assert IDENTITY.match(identity)
    assert len(identity) <= MAX_SLUG_LENGTH + 13


def test_the_same_name_never_gives_the_same_identity() -> None:
    assert len({new_identity("Alex") for _ in range(1_000)}) == 1_000
