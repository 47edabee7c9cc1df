"""Lambda entry point of the messages function."""

from __future__ import annotations

from meet_common.lambda_http import http_handler
from meet_common.settings import get_settings
from messages.app import app

get_settings()  # validate configuration at cold start
handler = http_handler(app)
