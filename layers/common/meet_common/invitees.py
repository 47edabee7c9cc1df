"""Who a private meeting invites: the email type, its one normal form, and the
invitee body the meetings and allowlist routes both take."""

from __future__ import annotations

from typing import Annotated

from pydantic import EmailStr, Field

from meet_common.schema import ApiModel
from meet_common.text import SingleLineText

Email = Annotated[EmailStr, Field(max_length=254)]
InviteeName = Annotated[str, Field(max_length=200), SingleLineText]


def normalise_email(email: str) -> str:
    """Emails are compared case-insensitively: stored and looked up in this form."""
    return email.strip().lower()


class InviteeIn(ApiModel):
    email: Email
    name: InviteeName | None = None


def unique_invitees(given: list[InviteeIn]) -> list[tuple[str, str | None]]:
    """Normalised emails, each once (a repeated email keeps its last name)."""
    return list({normalise_email(i.email): i.name for i in given}.items())
