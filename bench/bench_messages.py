"""How many chat messages one process stores and reads.

One meeting, one participant's LiveKit token, sequential requests (a Lambda
execution environment serves one request at a time):

- store: ``POST /api/messages``, one message per request;
- read: ``GET /api/messages`` paging through the whole history, 100 a page.

Both run through the messages function's real Lambda entry point in process
(API Gateway REST events, Mangum, FastAPI, token check, PostgreSQL), and, unless
``--no-http``, over HTTP against the same app under uvicorn on loopback.

Run: ``.venv/bin/python -m bench.bench_messages [--quick] [--no-http]``
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from livekit import api

from bench.support import (
    LIVEKIT_KEY,
    LIVEKIT_SECRET,
    local_stack,
    print_table,
    summary_ms,
    write_results,
)

PAGE = 100
# A request: (method, query or None, body or None) -> (status, decoded JSON).
Call = Callable[[str, dict[str, str] | None, dict[str, Any] | None], tuple[int, Any]]


def add_meeting() -> str:
    from meet_common.db import get_database
    from meet_common.repo import meetings as meetings_repo

    now = datetime.now(UTC)
    room = f"bench-{secrets.token_hex(3)}"
    with get_database().transaction() as conn:
        meetings_repo.insert(
            conn,
            {
                "id": uuid.uuid4(),
                "title": "Bench",
                "room_name": room,
                "status": "ACTIVE",
                "start_time": now,
                "end_time": now + timedelta(hours=2),
                "password": "bench-pass",
                "host_key": "bench-host-key",
            },
        )
    return room


def mint(room: str) -> str:
    return (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity("bench-1")
        .with_name("Bench")
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .with_ttl(timedelta(hours=1))
        .to_jwt()
    )


def lambda_caller(token: str) -> Call:
    from messages.handler import handler
    from tests.support.apigw import invoke

    headers = {"Authorization": f"Bearer {token}"}

    def call(method: str, query: dict[str, str] | None, body: dict[str, Any] | None) -> Any:
        response = invoke(handler, method, "/api/messages", headers=headers, body=body, query=query)
        return response.status, response.json()

    return call


@contextmanager
def http_caller(token: str) -> Iterator[Call]:
    import httpx
    import uvicorn

    from messages.app import app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    base = f"http://127.0.0.1:{port}/api/messages"
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as client:

        def call(method: str, query: dict[str, str] | None, body: dict[str, Any] | None) -> Any:
            response = client.request(method, base, params=query, json=body)
            return response.status_code, response.json()

        try:
            yield call
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def measure(call: Call, room: str, messages: int, read_passes: int) -> dict[str, Any]:
    for i in range(5):  # warm up: imports, connection, first plans
        call("POST", None, {"roomName": room, "text": f"warm-up {i}"})
        call("GET", {"roomName": room, "limit": "10"}, None)

    store: list[float] = []
    started = time.perf_counter()
    for i in range(messages):
        body = {"roomName": room, "text": f"message {i}: " + "lorem ipsum " * 8}
        t0 = time.perf_counter()
        status, _ = call("POST", None, body)
        store.append(time.perf_counter() - t0)
        if status != 201:
            raise RuntimeError(f"POST answered {status}")
    store_elapsed = time.perf_counter() - started

    pages: list[float] = []
    read_count = 0
    started = time.perf_counter()
    for _ in range(read_passes):
        after: str | None = None
        while True:
            query = {"roomName": room, "limit": str(PAGE), **({"after": after} if after else {})}
            t0 = time.perf_counter()
            status, payload = call("GET", query, None)
            pages.append(time.perf_counter() - t0)
            if status != 200:
                raise RuntimeError(f"GET answered {status}")
            batch = payload["messages"]
            read_count += len(batch)
            if len(batch) < PAGE:
                break
            after = batch[-1]["id"]
    read_elapsed = time.perf_counter() - started

    return {
        "store_messages_per_s": round(messages / store_elapsed, 1),
        "store_request": summary_ms(store),
        "read_messages_per_s": round(read_count / read_elapsed, 1),
        "read_pages_per_s": round(len(pages) / read_elapsed, 1),
        "read_page_of_100": summary_ms(pages),
        "history_messages": read_count // read_passes,
    }


def run(*, quick: bool, http: bool) -> dict[str, Any]:
    messages, read_passes = (200, 3) if quick else (3_000, 10)
    figures: dict[str, Any] = {"messages_stored_per_path": messages, "read_passes": read_passes}
    with local_stack():
        from meet_common.observability import logger

        logger.setLevel("WARNING")  # one request line per call would drown the figures
        room = add_meeting()
        token = mint(room)
        figures["lambda_handler"] = measure(lambda_caller(token), room, messages, read_passes)
        if http:
            room = add_meeting()
            token = mint(room)
            with http_caller(token) as call:
                figures["http_uvicorn"] = measure(call, room, messages, read_passes)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_messages")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    parser.add_argument("--no-http", action="store_true", help="skip the uvicorn run")
    args = parser.parse_args(argv)
    asyncio.set_event_loop(asyncio.new_event_loop())  # Mangum uses the thread's loop
    figures = run(quick=args.quick, http=not args.no_http)
    for name in ("lambda_handler", "http_uvicorn"):
        if name not in figures:
            continue
        f = figures[name]
        print_table(
            f"messages: {name} ({figures['messages_stored_per_path']} messages, one process)",
            [
                ("store messages/s", f["store_messages_per_s"]),
                (
                    "store p50 / p99 ms",
                    f"{f['store_request']['p50_ms']} / {f['store_request']['p99_ms']}",
                ),
                ("read messages/s", f["read_messages_per_s"]),
                ("read pages/s (100 a page)", f["read_pages_per_s"]),
                (
                    "read page p50 / p99 ms",
                    f"{f['read_page_of_100']['p50_ms']} / {f['read_page_of_100']['p99_ms']}",
                ),
            ],
        )
    path = write_results("messages", figures)
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
