"""The browser suite's stack: the composed app (pages from web/dist plus every
API route) under uvicorn on a loopback port, a real PostgreSQL, the fake
LiveKit server, and Debian's Chromium with a fake camera and microphone.

Every page is watched: a request to any other origin, or an uncaught script
error, fails the test (so the pages provably load nothing from a CDN).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn

from devserver.app import WEB_DIST, build_app
from meet_common import deps
from meet_common.settings import get_settings
from tests.conftest import ADMIN_KEY

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


@pytest.fixture(scope="session")
def web_dist() -> Path:
    if not (WEB_DIST / "join" / "index.html").is_file():
        pytest.fail("web/dist is not built: run `make web` (make pytest does)")
    return WEB_DIST


@pytest.fixture(scope="session")
def live_server(service_env: dict[str, str], web_dist: Path) -> Iterator[str]:
    """The whole app on http://127.0.0.1:<port>, with join links on that origin."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = build_app(web_dist)
    # Join links must point at this server; overriding the dependency (not
    # PUBLIC_BASE_URL) leaves the session's settings alone for other tests.
    settings = get_settings().model_copy(update={"public_base_url": origin})
    app.dependency_overrides[deps.settings] = lambda: settings

    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.02)
    yield origin
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


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
def context(browser: Any, live_server: str, db: Any, fake_livekit: Any) -> Iterator[Any]:
    """A fresh browser profile per test (sessionStorage, permissions), on an empty database."""
    ctx = browser.new_context(base_url=live_server, viewport=DESKTOP)
    ctx.grant_permissions(
        ["camera", "microphone", "clipboard-read", "clipboard-write"], origin=live_server
    )
    ctx.set_default_timeout(10_000)
    foreign: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost"} and not url.startswith(
            ("data:", "blob:")
        ):
            foreign.append(url)
            route.abort()
        else:
            route.continue_()

    ctx.route("**/*", guard)
    crashes: list[str] = []
    ctx.on("page", lambda page: page.on("pageerror", lambda error: crashes.append(str(error))))
    yield ctx
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
