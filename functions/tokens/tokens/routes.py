"""HTTP routes of the tokens function."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["tokens"])
