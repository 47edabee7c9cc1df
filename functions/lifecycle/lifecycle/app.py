"""The lifecycle function's FastAPI app (no Lambda imports: see handler.py)."""

from __future__ import annotations

from lifecycle.routes import router
from meet_common.http import create_app

app = create_app([router])
