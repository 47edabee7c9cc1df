"""The rules for a chat message's text, without HTTP or a database."""

from __future__ import annotations

import pytest

from messages.text import MAX_LENGTH, clean_text


def test_surrounding_whitespace_is_trimmed_and_line_breaks_become_newlines() -> None:
    assert clean_text("  hi there\r\nsecond\rthird\n ") == "hi there\nsecond\nthird"


def test_inner_tabs_and_newlines_are_kept() -> None:
    assert clean_text("a\tb\n\nc") == "a\tb\n\nc"


def test_length_counts_characters_not_bytes() -> None:
    text = "ü" * (MAX_LENGTH - 1) + "🎉"
    assert clean_text(text) == text


@pytest.mark.parametrize("text", ["", " ", "\n\t\r\n", "\u3000\u00a0"])
def test_empty_or_whitespace_only_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        clean_text(text)


def test_text_over_the_limit_is_refused_after_trimming() -> None:
    assert clean_text("  " + "x" * MAX_LENGTH + "  ") == "x" * MAX_LENGTH
    with pytest.raises(ValueError, match="at most 2000"):
        clean_text("x" * (MAX_LENGTH + 1))


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ud800"])
def test_control_characters_and_lone_surrogates_are_refused(char: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        clean_text(f"a{char}b")


def test_other_unicode_is_kept_as_sent() -> None:
    text = "שלום \u200f مرحبا — 你好 👍🏽 e\u0301"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "char",
    [
        "\u202e",  # right-to-left override: "txt.exe" shown as "exe.txt"
        "\u2066",  # left-to-right isolate
        "\u200b",  # zero-width space
        "\ufeff",  # zero-width no-break space (BOM)
        "\u0085",  # next line, a C1 control
    ],
)
def test_format_and_c1_characters_are_refused(char: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        clean_text(f"pay {char}here")


def test_text_that_shows_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="visible"):
        clean_text("\u3164\u3164")


def test_emoji_joiners_and_persian_non_joiners_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert clean_text(f"{family} {persian}") == f"{family} {persian}"
