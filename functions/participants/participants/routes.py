"""HTTP routes of the participants function."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["participants"])
