"""The whole service as one ASGI app: every function's routes under /api, the
OpenAPI document and Swagger UI, and the static pages from web/dist.

Routes are taken from each function's own app, so the local server answers
exactly what the Lambdas answer. The app is built in steps (the skeleton, then each
function's routes in order, then the pages) so that `make dev` can answer while the
later steps load (``devserver.staged``); ``build_app`` takes them all at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from devserver.pages import load as load_pages
from devserver.security import page_csp
from meet_common import db as db_module
from meet_common.errors import RouteNotFound
from meet_common.http import create_app
from meet_common.settings import get_settings

# The functions whose routes the API serves, in the order they are matched. Each one's
# app is imported when its routes are added (``<function>.app``).
FUNCTIONS = ("meetings", "tokens", "participants", "messages", "webhook", "lifecycle")
WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
# Connections the local server's database may hold: uvicorn runs sync routes on a
# thread pool, so requests run their SQL side by side (a Lambda keeps one).
LOCAL_POOL_SIZE = 8
# Files Vite copies from web/public to the root of web/dist (S3 serves them as they are).
ROOT_FILES = {
    "favicon.svg": "image/svg+xml",
    "manifest.webmanifest": "application/manifest+json",
}


def function_app(name: str) -> FastAPI:
    """The FastAPI app of one function (imported on first use)."""
    app: FastAPI = importlib.import_module(f"{name}.app").app
    return app


def api_skeleton() -> FastAPI:
    """The API app before any function's routes: its error handlers, middleware and
    /api/openapi.json. ``create_app`` with the routers added afterwards, one
    ``include_router`` each, is what ``create_app`` with them does (the OpenAPI
    document is built on its first request, from the routes there by then)."""
    return create_app(
        [],
        openapi_url="/api/openapi.json",
        description=(
            "Schedule and launch LiveKit meetings, issue join tokens, keep chat history, "
            "and follow LiveKit's webhooks. Admin routes take `Authorization: Bearer "
            "<admin key>`; chat and moderation take the participant's LiveKit token."
        ),
    )


def add_function(app: FastAPI, name: str) -> None:
    """Append one function's routes to ``app`` (after those already there)."""
    app.include_router(function_app(name).router)


def build_api_app() -> FastAPI:
    """All API routes, with /api/openapi.json describing them (no pages)."""
    app = api_skeleton()
    for name in FUNCTIONS:
        add_function(app, name)
    return app


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
    add_pages(app, web_dist)
    return app


def add_pages(app: FastAPI, web_dist: Path = WEB_DIST) -> None:
    """Append the pages, their redirects, the root files and the static assets (after
    the API routes: they are matched last)."""

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
