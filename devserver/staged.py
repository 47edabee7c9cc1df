"""`make dev` answers while the rest of the service is still loading.

Importing every function's routes, the pages and the embedded LiveKit takes a second
or more; a developer's first request should not wait for all of it. So the server
listens once the API's skeleton (error handlers, middleware, /api/openapi.json) is
built, and a thread adds the rest in steps, in the order the routes are matched:
each function's routes, then the pages and static files.

A request never sees a half-built app. It is served as soon as its route is loaded
and no route before it in the final app could be the one it reaches: the API's
routes are matched in order, first full match wins (starlette routing.Router and
fastapi routing.APIRouter ``__call__``), and steps only append routes, so the first
full match among the routes loaded so far is the final app's answer. A request that
matches none of them yet (a page, a later function's route, a 404, a 405, a
trailing-slash redirect) or that matches the skeleton's OpenAPI route (its document
lists every route) waits until the steps are done.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import traceback
from collections.abc import Callable, Iterable

from fastapi import FastAPI
from starlette.routing import Match
from starlette.types import Receive, Scope, Send

Step = Callable[[], object]


class StagedApp:
    """An ASGI app that forwards to ``app`` while ``build`` adds its routes."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        # The skeleton's own routes (the OpenAPI document) describe the whole app.
        self._held = len(app.router.routes)
        self._loaded = self._held
        self._complete = False
        self.failure: BaseException | None = None
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def complete(self) -> bool:
        return self._complete

    # --- the builder's side (its own thread) -------------------------------------------

    def build(self, steps: Iterable[Step], on_failure: Callable[[], object]) -> threading.Thread:
        """Run ``steps`` in order on a thread; after each one the routes it added are
        served. A step that raises stops the build and calls ``on_failure``."""

        def run() -> None:
            try:
                for step in steps:
                    step()
                    self.loaded()
            except BaseException as exc:
                traceback.print_exc(file=sys.stderr)
                self.failure = exc
                on_failure()
            self._progress(complete=True)

        thread = threading.Thread(target=run, name="devserver-build", daemon=True)
        thread.start()
        return thread

    def loaded(self) -> None:
        """Serve the routes added so far (called after a step, on any thread)."""
        self._progress(complete=False)

    def _progress(self, *, complete: bool) -> None:
        with self._lock:
            self._loaded = len(self.app.router.routes)
            self._complete = complete
            loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self._wake)

    # --- the server's side (its event loop) --------------------------------------------

    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def _servable(self, scope: Scope) -> bool:
        if self._complete:
            return True
        routes = self.app.router.routes
        for index in range(self._loaded):
            match, _ = routes[index].matches(scope)
            if match == Match.FULL:
                return index >= self._held
        return False

    async def _until_servable(self, scope: Scope) -> None:
        loop = asyncio.get_running_loop()
        with self._lock:
            self._loop = loop
        while not self._servable(scope):
            # _wake runs on this loop, so it cannot slip in between the check and this.
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            await waiter
        if self.failure is not None:
            raise RuntimeError("the service failed to load") from self.failure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Lifespan goes straight through: the skeleton holds whatever startup it has.
        if scope["type"] != "lifespan" and (not self._complete or self.failure is not None):
            await self._until_servable(scope)
        await self.app(scope, receive, send)
