"""Request and response bodies of the allowlist and moderation routes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from meet_common.invitees import Email, InviteeIn, InviteeName, unique_invitees
from meet_common.schema import ApiModel


class AllowlistAdd(ApiModel):
    """Either one invitee (``{email, name?}``) or several (``{participants: [...]}``)."""

    email: Email | None = None
    name: InviteeName | None = None
    participants: Annotated[list[InviteeIn], Field(min_length=1, max_length=1_000)] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> AllowlistAdd:
        if (self.email is None) == (self.participants is None):
            raise ValueError("give either email (and name) or participants, not both")
        return self

    def invitees(self) -> list[tuple[str, str | None]]:
        """Normalised emails, each once (a repeated email keeps its last name)."""
        given = self.participants or [InviteeIn(email=self.email or "", name=self.name)]
        return unique_invitees(given)


class AllowlistEntry(ApiModel):
    email: str
    name: str | None
    added_at: datetime


class Allowlist(ApiModel):
    participants: list[AllowlistEntry]


class MuteRequest(ApiModel):
    track_sid: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(
        default=None, description="Mute this track; without it, every unmuted audio track."
    )


class MuteResult(ApiModel):
    identity: str
    muted_track_sids: list[str]


class MeetingControls(ApiModel):
    """The meeting's state a host changes from inside it."""

    locked: bool = Field(description="No new joins except with the host key.")
    end_time: datetime


class ExtendRequest(ApiModel):
    minutes: int = Field(description="15 or 30 (else 422 `invalid_extension`).")


class MuteAllResult(ApiModel):
    muted_identities: list[str] = Field(
        description="Everyone whose microphone was muted (hosts and co-hosts are spared)."
    )


class WaitingGuest(ApiModel):
    id: uuid.UUID
    name: str
    email: str | None = Field(description="The email the guest gave, if any.")
    requested_at: datetime


class WaitingList(ApiModel):
    admissions: list[WaitingGuest]


class AdmissionDecision(ApiModel):
    id: uuid.UUID
    status: Literal["admitted", "denied"]
    identity: str = Field(description="The identity the guest joins with.")
