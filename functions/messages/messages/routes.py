"""HTTP routes of the messages function."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["messages"])
