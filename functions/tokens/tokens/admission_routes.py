"""A waiting guest's routes: the admission request's status, and leaving the queue.

Authorised by the request secret of the 202 (``Authorization: Bearer <secret>``),
never by a URL: it would end up in logs and browser history.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from meet_common.auth import bearer_token
from meet_common.deps import Config, Db, Now, Rooms
from meet_common.errors import (
    AdmissionDenied,
    AdmissionExpired,
    AdmissionNotFound,
    AdmissionSecretMissing,
    DatabaseUnavailable,
    MeetingOver,
    ParticipantRemoved,
    SecretUnavailable,
)
from meet_common.schema import error_responses
from meet_common.waiting_room import POLL_AFTER_SECONDS, parse_admission_id
from tokens import admission
from tokens.models import AdmissionStatus
from tokens.views import token_view

router = APIRouter(
    prefix="/api/admissions/{admission_id}",
    tags=["waiting room"],
    responses=error_responses(AdmissionSecretMissing, AdmissionNotFound, DatabaseUnavailable),
)

_secret_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AdmissionSecret",
    description="The request secret the token route returned with its 202",
)


def request_secret(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_secret_bearer)],
) -> str:
    secret = bearer_token(credentials)
    if secret is None:
        raise AdmissionSecretMissing("The admission request's secret is required.")
    return secret


Secret = Annotated[str, Depends(request_secret)]


@router.get(
    "",
    response_model=AdmissionStatus,
    responses=error_responses(
        AdmissionDenied, ParticipantRemoved, AdmissionExpired, MeetingOver, SecretUnavailable
    ),
    summary="Guest: is my admission request decided?",
    description=(
        "Poll every `pollAfterSeconds`; each poll keeps the request alive (one not "
        "polled for 30 s expires). `waiting`: still waiting, with whether a host is in "
        "the meeting; `admitted`: `grant` is the join token (every poll after the "
        "admission answers one with the same claims). 401 `admission_secret_missing`; "
        "404 `admission_not_found` (no request with that id and secret); 403 "
        "`admission_denied`; 403 `removed_from_meeting`; 410 `admission_expired`; "
        "410 `meeting_over`."
    ),
)
def admission_status(
    admission_id: str,
    secret: Secret,
    response: Response,
    db: Db,
    now: Now,
    rooms: Rooms,
    config: Config,
) -> AdmissionStatus:
    state = admission.poll(
        db,
        parse_admission_id(admission_id),
        secret,
        now=now,
        rooms=rooms,
        settings=config,
    )
    response.headers["Cache-Control"] = "no-store"
    return AdmissionStatus(
        id=state.record.id,
        status="admitted" if state.grant is not None else "waiting",
        host_present=state.host_present,
        poll_after_seconds=POLL_AFTER_SECONDS,
        grant=token_view(state.grant, config) if state.grant is not None else None,
    )


@router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Guest: stop waiting",
    description=(
        "The request expires at once and the hosts' lists drop it. A request already "
        "decided or expired, or another secret, changes nothing (still 204)."
    ),
)
def withdraw(admission_id: str, secret: Secret, db: Db, rooms: Rooms) -> Response:
    admission.withdraw(db, parse_admission_id(admission_id), secret, rooms=rooms)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
