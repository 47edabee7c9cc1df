"""HTTP routes of the webhook function."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["webhook"])
