"""GET /api/health: is the service up, and can it reach its database?"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from meet_common.db import get_database
from meet_common.schema import ApiModel

router = APIRouter(prefix="/api", tags=["health"])


class Health(ApiModel):
    status: Literal["ok", "degraded"]
    database: Literal["ok", "unavailable"]


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "The database is unavailable"}},
)
def health() -> JSONResponse:
    if get_database().ping():
        return JSONResponse({"status": "ok", "database": "ok"})
    return JSONResponse({"status": "degraded", "database": "unavailable"}, status_code=503)
