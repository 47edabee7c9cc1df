"""HTTP routes of the lifecycle function (``/api/scheduler``)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["lifecycle"])
