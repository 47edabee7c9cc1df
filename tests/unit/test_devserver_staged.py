"""`make dev` serves while it loads, and no request sees a half-built app: one whose
route is loaded (with nothing before it still to come) is answered at once; any
other (a later route, a 404, the OpenAPI document) waits for the whole app."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from devserver.staged import StagedApp
from meet_common.livekit_rooms import run_sync


def router(*paths: str) -> APIRouter:
    made = APIRouter()
    for path in paths:

        def answer(path: str = path) -> dict[str, str]:
            return {"route": path}

        made.add_api_route(path, answer, methods=["GET"])
    return made


class Builder:
    """Steps that each wait for the test's go-ahead before adding their routes."""

    def __init__(self, app: FastAPI, *routers: APIRouter) -> None:
        self.app = app
        self.go = [threading.Event() for _ in routers]
        self.done = [threading.Event() for _ in routers]
        self.steps: list[Callable[[], object]] = [
            self._step(index, made) for index, made in enumerate(routers)
        ]

    def _step(self, index: int, made: APIRouter) -> Callable[[], object]:
        def step() -> None:
            assert self.go[index].wait(10)
            self.app.include_router(made)
            self.done[index].set()

        return step

    async def release(self, index: int) -> None:
        self.go[index].set()
        await asyncio.to_thread(self.done[index].wait, 10)
        await asyncio.sleep(0.05)  # the wake-up is scheduled on the loop


async def pending(task: asyncio.Task[httpx.Response]) -> bool:
    await asyncio.sleep(0.05)
    return not task.done()


@pytest.fixture
def staged() -> tuple[StagedApp, Builder]:
    app = FastAPI(openapi_url="/openapi.json")
    staged = StagedApp(app)
    app.include_router(router("/first", "/shared/{name}"))
    staged.loaded()
    # The second step's /shared/exact comes after the first's /shared/{name}: the
    # first step's route answers it, as in the whole app.
    builder = Builder(app, router("/second", "/shared/exact"), router("/third"))
    return staged, builder


def test_requests_wait_only_for_what_they_need(staged: tuple[StagedApp, Builder]) -> None:
    # run_sync, not asyncio.run: that would leave this thread without an event loop.
    run_sync(_requests_wait_only_for_what_they_need(*staged))


async def _requests_wait_only_for_what_they_need(app: StagedApp, builder: Builder) -> None:
    failures: list[str] = []
    thread = app.build(builder.steps, on_failure=lambda: failures.append("failed"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        # Loaded before the server listened: answered at once.
        assert (await client.get("/first")).json() == {"route": "/first"}
        assert (await client.get("/shared/exact")).json() == {"route": "/shared/{name}"}

        second = asyncio.create_task(client.get("/second"))
        third = asyncio.create_task(client.get("/third"))
        missing = asyncio.create_task(client.get("/missing"))
        document = asyncio.create_task(client.get("/openapi.json"))
        assert await pending(second)

        await builder.release(0)
        assert (await second).json() == {"route": "/second"}
        assert await pending(third)
        assert await pending(missing)  # a later step might have had it
        assert await pending(document)  # it lists every route

        await builder.release(1)
        assert (await third).json() == {"route": "/third"}
        assert (await missing).status_code == 404
        assert set((await document).json()["paths"]) == {
            "/first",
            "/shared/{name}",
            "/second",
            "/shared/exact",
            "/third",
        }
    await asyncio.to_thread(thread.join, 10)
    assert app.complete
    assert not failures


def test_a_failed_build_stops_the_server_and_fails_waiting_requests() -> None:
    run_sync(_a_failed_build_stops_the_server_and_fails_waiting_requests())


async def _a_failed_build_stops_the_server_and_fails_waiting_requests() -> None:
    app = FastAPI()
    staged = StagedApp(app)
    failures: list[str] = []

    def broken() -> None:
        raise ImportError("a function that does not import")

    transport = httpx.ASGITransport(app=staged)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        waiting = asyncio.create_task(client.get("/anything"))
        await asyncio.sleep(0.05)
        thread = staged.build([broken], on_failure=lambda: failures.append("stop"))
        with pytest.raises(RuntimeError, match="failed to load"):
            await waiting
    await asyncio.to_thread(thread.join, 10)
    assert failures == ["stop"]
    assert isinstance(staged.failure, ImportError)
