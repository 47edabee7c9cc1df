"""Names and titles: nothing that hides, reorders or blanks what others see."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from meetings.models import MeetingCreate
from participants.models import AllowlistAdd
from tokens.models import TokenRequest

HIDING = [
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\ufeff",  # zero-width no-break space
    "\u200f",  # right-to-left mark: not in a name
    "\u0085",  # C1 next line
    "\u2028",  # line separator
    "\n",
]


def token_request(name: str) -> dict[str, str]:
    return {"password": "pw12", "name": name}


@pytest.mark.parametrize("char", HIDING)
def test_display_name_with_hiding_characters_is_refused(char: str) -> None:
    with pytest.raises(ValidationError, match=f"U\\+{ord(char):04X}"):
        TokenRequest.model_validate(token_request(f"Ali{char}ce"))


@pytest.mark.parametrize(
    "name", ["\u3164", "\u3164 \u3164", "\u115f\u1160", "\u2800", "e\u0301"[1:]]
)
def test_blank_looking_display_name_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="visible"):
        TokenRequest.model_validate(token_request(name))


def test_ordinary_names_in_any_script_are_accepted() -> None:
    for name in ["Zoë", "山田 太郎", "محمد", "\U0001f469\u200d\U0001f4bb Dev", "Ren\u00e9e"]:
        assert TokenRequest.model_validate(token_request(name)).name == name


def test_meeting_title_and_invitee_name_follow_the_same_rule() -> None:
    with pytest.raises(ValidationError, match="U\\+202E"):
        MeetingCreate.model_validate(
            {"title": "Board \u202emeeting", "startTime": "2030-01-01T10:00:00Z"}
        )
    with pytest.raises(ValidationError, match="visible"):
        AllowlistAdd.model_validate({"email": "a@example.com", "name": "\u3164"})
    description = "Line one\nLine two\twith a tab"
    created = MeetingCreate.model_validate(
        {"title": "Sync", "description": description, "startTime": "2030-01-01T10:00:00Z"}
    )
    assert created.description == description
