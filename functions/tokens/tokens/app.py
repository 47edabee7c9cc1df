"""The tokens function's FastAPI app (no Lambda imports: see handler.py)."""

from __future__ import annotations

from meet_common.http import create_app
from tokens.routes import router

app = create_app([router])
