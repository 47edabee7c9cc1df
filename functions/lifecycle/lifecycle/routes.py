"""HTTP routes of the lifecycle function: ``GET`` and ``POST /api/scheduler`` run one pass."""

from __future__ import annotations

from fastapi import APIRouter

from lifecycle import service
from lifecycle.models import PassReport
from meet_common.auth import ADMIN_ERRORS, AdminRequired
from meet_common.deps import Db, Now, Rooms
from meet_common.schema import error_responses

router = APIRouter(
    prefix="/api/scheduler",
    tags=["lifecycle"],
    dependencies=[AdminRequired],
    responses=error_responses(*ADMIN_ERRORS),
)

_SUMMARY = "Run one lifecycle pass now"
_DESCRIPTION = (
    "Activates due meetings, ends expired ones, creates and deletes their LiveKit rooms "
    "and reconciles participant counts; returns what it did. EventBridge runs the same "
    "pass every minute."
)


def _run(db: Db, rooms: Rooms, now: Now) -> PassReport:
    return service.run_pass(db, rooms, now=now)


@router.get("", response_model=PassReport, summary=_SUMMARY, description=_DESCRIPTION)
def run_pass_get(db: Db, rooms: Rooms, now: Now) -> PassReport:
    return _run(db, rooms, now)


@router.post("", response_model=PassReport, summary=_SUMMARY, description=_DESCRIPTION)
def run_pass_post(db: Db, rooms: Rooms, now: Now) -> PassReport:
    return _run(db, rooms, now)
