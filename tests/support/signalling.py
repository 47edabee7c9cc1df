"""A page's LiveKit signalling sockets, run through Playwright so a test can drop one."""

from __future__ import annotations

import re
import time
from typing import Any


class SignallingSockets:
    """Runs a page's LiveKit signalling sockets through Playwright, so a test can
    close one from the server's side (the page sees the server hang up)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.routes: list[Any] = []
        self.servers: list[Any] = []

        def through(ws: Any) -> None:
            self.routes.append(ws)
            self.servers.append(ws.connect_to_server())

        page.route_web_socket(re.compile(r"/rtc"), through)

    def count(self) -> int:
        return len(self.routes)

    def drop_from_server(self) -> None:
        assert self.routes, "no signalling connection went through the watch"
        # The page's side of the socket closes as if the server hung up; then the
        # server's side closes too, so LiveKit sees the connection gone.
        self.routes[-1].close(code=1001, reason="going away")
        self.servers[-1].close(code=1001, reason="going away")

    def wait_for(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self.count() < count:
            assert time.monotonic() < deadline, f"no new signalling connection ({self.count()})"
            # Waiting through Playwright lets it run the route handler meanwhile.
            self.page.wait_for_timeout(100)
