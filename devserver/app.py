"""The whole service as one ASGI app: every function's routes under /api, the
OpenAPI document and Swagger UI, and the static pages from web/dist.

Routes are taken from each function's own app, so the local server answers
exactly what the Lambdas answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from devserver.pages import load as load_pages
from devserver.security import page_csp
from lifecycle.app import app as lifecycle_app
from meet_common import db as db_module
from meet_common.errors import RouteNotFound
from meet_common.http import create_app
from meet_common.settings import get_settings
from meetings.app import app as meetings_app
from messages.app import app as messages_app
from participants.app import app as participants_app
from tokens.app import app as tokens_app
from webhook.app import app as webhook_app

FUNCTION_APPS = {
    "meetings": meetings_app,
    "tokens": tokens_app,
    "participants": participants_app,
    "messages": messages_app,
    "webhook": webhook_app,
    "lifecycle": lifecycle_app,
}
WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
# Connections the local server's database may hold: uvicorn runs sync routes on a
# thread pool, so requests run their SQL side by side (a Lambda keeps one).
LOCAL_POOL_SIZE = 8
# Files Vite copies from web/public to the root of web/dist (S3 serves them as they are).
ROOT_FILES = {
    "favicon.svg": "image/svg+xml",
    "manifest.webmanifest": "application/manifest+json",
}


def build_api_app() -> FastAPI:
    """All API routes, with /api/openapi.json describing them (no pages)."""
    return create_app(
        [app.router for app in FUNCTION_APPS.values()],
        openapi_url="/api/openapi.json",
        description=(
            "Schedule and launch LiveKit meetings, issue join tokens, keep chat history, "
            "and follow LiveKit's webhooks. Admin routes take `Authorization: Bearer "
            "<admin key>`; chat and moderation take the participant's LiveKit token."
        ),
    )


def _redirect_to(target: str) -> Callable[[], RedirectResponse]:
    def redirect() -> RedirectResponse:
        return RedirectResponse(target)

    return redirect


def _serve(page: Callable[..., FileResponse], html: str) -> Callable[[], FileResponse]:
    # Path parameters ({roomName}) are the page's to read from its URL, not ours.
    def serve() -> FileResponse:
        return page(*html.split("/"))

    return serve


def build_app(web_dist: Path = WEB_DIST) -> FastAPI:
    db_module.set_default_pool_size(LOCAL_POOL_SIZE)
    app = build_api_app()

    def page(*parts: str) -> FileResponse:
        path = web_dist.joinpath(*parts)
        if not path.is_file():
            raise RouteNotFound("This page is not built: run `make web`.")
        csp = page_csp(get_settings().livekit_url)
        return FileResponse(
            path, headers={"Cache-Control": "no-cache", "Content-Security-Policy": csp}
        )

    # The pages and redirects CloudFront serves, from the same list (web/pages.json).
    routes = load_pages()
    for path, target in routes.redirects.items():
        app.add_api_route(path, _redirect_to(target), methods=["GET"], include_in_schema=False)
    for entry in routes.pages:
        app.add_api_route(
            entry.path, _serve(page, entry.html), methods=["GET"], include_in_schema=False
        )

    def root_file(name: str, media_type: str) -> None:
        @app.get(f"/{name}", include_in_schema=False)
        def serve() -> FileResponse:
            path = web_dist / name
            if not path.is_file():
                raise RouteNotFound("This file is not built: run `make web`.")
            return FileResponse(path, media_type=media_type, headers={"Cache-Control": "no-cache"})

    for name, media_type in ROOT_FILES.items():
        root_file(name, media_type)

    if (web_dist / "api" / "docs").is_dir():  # Swagger UI's assets, beside its page
        app.mount("/api/docs", StaticFiles(directory=web_dist / "api" / "docs"), name="docs")
    if (web_dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=web_dist / "assets"), name="assets")
    return app
