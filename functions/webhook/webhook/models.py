"""Response body of the webhook endpoint."""

from __future__ import annotations

from typing import Literal

from meet_common.schema import ApiModel

Outcome = Literal["applied", "duplicate", "ignored"]


class WebhookReceipt(ApiModel):
    event: str
    # applied: changed meetings or attendance; duplicate: this event id was applied
    # before; ignored: a room this service does not know, or an event it does not use.
    outcome: Outcome
