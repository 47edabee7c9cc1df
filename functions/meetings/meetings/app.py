"""The meetings function's FastAPI app (no Lambda imports: see handler.py)."""

from __future__ import annotations

from meet_common.health import router as health_router
from meet_common.http import create_app
from meetings.invite import router as invite_router
from meetings.routes import router

app = create_app([router, invite_router, health_router])
