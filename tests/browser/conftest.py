"""The browser suite's stack: the composed app (pages from web/dist plus every
API route) under uvicorn on a loopback port, a real PostgreSQL, the embedded
LiveKit stand-in that `make dev` runs (so joins connect, and calls carry real
video), and Debian's Chromium with a fake camera and microphone.

Every page is watched: a request to any other origin, or an uncaught script
error, fails the test (so the pages provably load nothing from a CDN).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import psycopg
import pytest
import uvicorn

from devserver import livekit as embedded_livekit
from devserver.app import WEB_DIST, build_app
from devserver.livekit import EmbeddedLiveKit
from meet_common import db as db_module
from meet_common import deps
from meet_common.db import Database
from meet_common.settings import Settings, get_settings
from tests.conftest import ADMIN_KEY, LIVEKIT_SECRET, SECRETS
from tests.support.database import empty_tables

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 760}
T = TypeVar("T")
# How the stand-in runs under test (LiveKit's own default refreshes tokens every 5 min).
LIVEKIT_OPTIONS: dict[str, Any] = {}


@pytest.fixture(scope="session")
def web_dist() -> Path:
    if not (WEB_DIST / "join" / "index.html").is_file():
        pytest.fail("web/dist is not built: run `make web` (make pytest does)")
    return WEB_DIST


class SettingsOverride:
    """The settings the live server's routes see; a test may swap in changed ones."""

    def __init__(self, settings: Settings) -> None:
        self.original = self.current = settings

    def update(self, **fields: Any) -> None:
        # model_copy does not validate: a test may go below the production minimums.
        self.current = self.original.model_copy(update=fields)

    def reset(self) -> None:
        self.current = self.original


@dataclass
class Stack:
    origin: str
    livekit: EmbeddedLiveKit
    settings: SettingsOverride


# Package scope: the stack points LIVEKIT_URL at the stand-in, which other test
# packages (run after this one) must not inherit; they use the fake LiveKit.
@pytest.fixture(scope="package")
def stack(service_env: dict[str, str], web_dist: Path) -> Iterator[Stack]:
    """The whole app on http://127.0.0.1:<port>, with join links on that origin, and
    the LiveKit stand-in its tokens point at (webhooks back to the app)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with embedded_livekit.running(
        service_env["LIVEKIT_API_KEY"],
        service_env["LIVEKIT_API_SECRET"],
        f"{origin}/api/livekit/webhook",
        **LIVEKIT_OPTIONS,
    ) as livekit:
        saved_url = os.environ["LIVEKIT_URL"]
        os.environ["LIVEKIT_URL"] = livekit.url
        get_settings.cache_clear()
        try:
            app = build_app(web_dist)
            # Join links must point at this server; overriding the dependency (not
            # PUBLIC_BASE_URL) leaves the session's settings alone for other tests.
            settings = SettingsOverride(
                get_settings().model_copy(update={"public_base_url": origin})
            )
            app.dependency_overrides[deps.settings] = lambda: settings.current
            server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
            thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
            thread.start()
            deadline = time.monotonic() + 15
            while not server.started:
                if time.monotonic() > deadline or not thread.is_alive():
                    raise RuntimeError("the app did not start")
                time.sleep(0.02)
            yield Stack(origin, livekit, settings)
            server.should_exit = True
            thread.join(timeout=10)
        finally:
            os.environ["LIVEKIT_URL"] = saved_url
            get_settings.cache_clear()
            sock.close()


@pytest.fixture(scope="package")
def live_server(stack: Stack) -> str:
    return stack.origin


@pytest.fixture
def db(stack: Stack, database_url: str) -> Iterator[Database]:
    """The service's database, emptied after each test. Here LiveKit's webhooks reach
    the app on their own schedule (a leave, a room closing after its departure
    timeout), so emptying the tables waits for the queued ones and tries again when
    one of them takes its locks in the other order (a deadlock PostgreSQL breaks)."""
    yield db_module.get_database()
    with contextlib.suppress(TimeoutError):
        stack.livekit.server.notifier.wait_idle(timeout=10)
    for attempt in range(5):
        try:
            with psycopg.connect(database_url) as conn:
                SECRETS.record_meetings(conn)
                empty_tables(conn)
            return
        except (psycopg.errors.DeadlockDetected, psycopg.errors.LockNotAvailable):
            if attempt == 4:
                raise
            time.sleep(0.2)


@pytest.fixture
def livekit(stack: Stack) -> EmbeddedLiveKit:
    """The LiveKit stand-in the pages connect to."""
    return stack.livekit


def livekit_rooms(livekit: EmbeddedLiveKit) -> set[str]:
    """The rooms the LiveKit stand-in has now, asked over its room service."""
    from livekit import api

    async def ask() -> set[str]:
        async with api.LiveKitAPI(
            livekit.url.replace("ws", "http", 1), livekit.api_key, LIVEKIT_SECRET
        ) as lk:
            return {room.name for room in (await lk.room.list_rooms(api.ListRoomsRequest())).rooms}

    return run_async(ask)


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Runs a coroutine to its end on a thread of its own: Playwright's sync API keeps
    an event loop running in the test's thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


@pytest.fixture
def service_settings(stack: Stack) -> Iterator[SettingsOverride]:
    """The live server's settings, put back after the test."""
    yield stack.settings
    stack.settings.reset()


# Package scope: Playwright's sync API keeps an event loop running in this
# thread while it is open, which would break later tests that use asyncio.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright_sync.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(new_context: Callable[..., Any]) -> Any:
    """A fresh browser profile per test (sessionStorage, permissions), on an empty database."""
    return new_context()


@pytest.fixture
def new_context(browser: Any, live_server: str, db: Any) -> Iterator[Callable[..., Any]]:
    """Opens fresh browser profiles (one per person in a meeting), each watched: a
    request to another origin or an uncaught script error fails the test."""
    contexts: list[Any] = []
    foreign: list[str] = []
    crashes: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost"} and not url.startswith(
            ("data:", "blob:")
        ):
            foreign.append(url)
            route.abort()
        else:
            route.continue_()

    def open_context(viewport: dict[str, int] = DESKTOP) -> Any:
        ctx = browser.new_context(base_url=live_server, viewport=viewport)
        ctx.grant_permissions(
            ["camera", "microphone", "clipboard-read", "clipboard-write"], origin=live_server
        )
        ctx.set_default_timeout(10_000)
        ctx.route("**/*", guard)
        ctx.on("page", lambda page: page.on("pageerror", lambda error: crashes.append(str(error))))
        contexts.append(ctx)
        return ctx

    yield open_context
    for ctx in contexts:
        ctx.close()
    assert not foreign, f"pages requested other origins: {foreign}"
    assert not crashes, f"uncaught errors in the page: {crashes}"


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


def screenshot(page: Any, name: str) -> None:
    """Saves the page at desktop width and at 375 px, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)  # let layout and media settle after the resize
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


class AdminApi:
    """Direct REST calls for setting up a scene faster than clicking through it."""

    def __init__(self, origin: str) -> None:
        self.client = httpx.Client(
            base_url=origin, headers={"Authorization": f"Bearer {ADMIN_KEY}"}, timeout=10
        )

    def schedule(self, *, starts_in: timedelta, **fields: Any) -> dict[str, Any]:
        start = datetime.now(UTC) + starts_in
        body = {"title": "Design review", "startTime": start.isoformat(), **fields}
        response = self.client.post("/api/meetings", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def instant(self, **fields: Any) -> dict[str, Any]:
        response = self.client.post("/api/meetings/instant", json={"title": "Standup", **fields})
        assert response.status_code == 201, response.text
        return dict(response.json())

    def end(self, meeting_id: str) -> None:
        response = self.client.post(f"/api/meetings/{meeting_id}/end")
        assert response.status_code == 200, response.text


@pytest.fixture
def admin_api(live_server: str) -> Iterator[AdminApi]:
    api = AdminApi(live_server)
    yield api
    api.client.close()


# --- accessibility: axe-core, served from web/node_modules (never a CDN) ---------------

import json  # noqa: E402  (kept with the fixtures it serves, appended to this file)

AXE_JS = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
WIDE = {"width": 1440, "height": 900}
AXE_ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "axe"


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a script tag: the pages' CSP refuses inline scripts.
        page.evaluate(AXE_JS.read_text())
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await window.axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
            }));
        }"""
    )
    return found


class AxeAudit:
    """Runs axe on a page state at 1440 and 375 pixels wide, light and dark, and records it."""

    def __init__(self) -> None:
        self.results: dict[str, dict[str, list[dict[str, Any]]]] = {}

    def __call__(self, page: Any, state: str) -> None:
        original = page.viewport_size
        per_width: dict[str, list[dict[str, Any]]] = {}
        # Both widths in the light theme and in the dark one (prefers-color-scheme).
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            for label, size in (("1440", WIDE), ("375", PHONE)):
                page.set_viewport_size(size)
                page.wait_for_timeout(100)
                per_width[f"{label}-{scheme}"] = axe_violations(page)
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(original)
        self.results[state] = per_width
        AXE_ARTIFACT.mkdir(parents=True, exist_ok=True)
        summary = {width: [v["id"] for v in found] for width, found in per_width.items()}
        (AXE_ARTIFACT / f"{state}.json").write_text(
            json.dumps({"violations": summary, "details": per_width}, indent=2)
        )
        failing = {width: found for width, found in per_width.items() if found}
        assert not failing, f"axe violations in {state!r}: {json.dumps(failing, indent=2)}"


@pytest.fixture
def axe() -> AxeAudit:
    """``axe(page, "state-name")``: no axe-core violations at either width, or the test fails."""
    if not AXE_JS.is_file():
        pytest.fail("axe-core is not installed: run `npm ci` in web/")
    return AxeAudit()


def screenshots_wide_and_phone(page: Any, name: str, *, dark: bool = False) -> None:
    """Saves the page at 1440 and at 375 pixels wide (and in the dark theme if asked)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for scheme in ("light", "dark") if dark else ("light",):
        page.emulate_media(color_scheme=scheme)
        for label, size in (("1440", WIDE), ("375", PHONE)):
            page.set_viewport_size(size)
            page.wait_for_timeout(150)
            suffix = f"{label}-{scheme}" if dark else label
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{suffix}.png"), full_page=True)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(original)
