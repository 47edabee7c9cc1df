"""Lambda entry point of the messages function."""

from __future__ import annotations

from meet_common.lambda_http import http_handler
from meet_common.settings import get_settings
from messages.app import app

get_settings()  # validate configuration at cold start
# A post's live delivery calls the room service, whose client (livekit.api, with
# aiohttp and protobuf) is imported on first use: a history read, a late joiner's first
# request, never needs it. With SnapStart it is imported before the snapshot instead,
# since a restored function starts with whatever the snapshot holds.
handler = http_handler(app, preload=("livekit.api",))
