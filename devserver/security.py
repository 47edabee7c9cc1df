"""The Content-Security-Policy of the pages, locally and (the same text) in CloudFront.

Everything comes from the site's own origin; the only other place a page talks to is
the LiveKit server (signalling over WebSocket, its validate endpoint over HTTP).
Media from cameras and other participants arrives as MediaStreams (``blob:`` and
``mediastream:`` sources). No inline script or style is needed by the pages or by
Swagger UI, so none is allowed.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def livekit_origins(livekit_url: str) -> list[str]:
    """The WebSocket and HTTP origins of a LiveKit URL (the client uses both)."""
    parts = urlsplit(livekit_url)
    secure = parts.scheme in {"wss", "https"}
    host = parts.netloc
    return [f"{'wss' if secure else 'ws'}://{host}", f"{'https' if secure else 'http'}://{host}"]


def page_csp(livekit_url: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob: mediastream:",
            "font-src 'self' data:",
            "connect-src 'self' " + " ".join(livekit_origins(livekit_url)),
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
