"""Join tokens: requests per second and latency through the local HTTP stack, and the
warm in-process latency of the tokens Lambda handler.

The local stack is the one `make dev` serves (every function's routes in one
uvicorn process with one PostgreSQL connection, the fake LiveKit), started on a free
loopback port in a process of its own; 10 clients (httpx, in this process) send
requests at once, and one client alone gives the unloaded latency.
Scenarios: a public meeting (password only), a private meeting (password plus
allowlist lookup), a host (password plus host key), and the limiter (wrong passwords
from one client: 10 refusals with 401, then 429s that are never evaluated).

Run: ``.venv/bin/python -m bench.bench_tokens [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from bench.support import ADMIN_KEY, local_stack, print_table, summary_ms, write_results
from meet_common.observability import logger
from tests.support.apigw import invoke

CLIENTS = 10


@dataclass
class Run:
    statuses: Counter[int]
    latencies_s: list[float]
    wall_s: float

    def figures(self) -> dict[str, Any]:
        return {
            "requests": len(self.latencies_s),
            "requests_per_s": round(len(self.latencies_s) / self.wall_s, 1),
            **summary_ms(self.latencies_s),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_local_app() -> Iterator[str]:
    """`devserver.app.build_app()` under uvicorn, one process of its own (so the load
    generator does not share its interpreter lock), on a free loopback port; yields its
    base URL. The environment local_stack() set points it at the same database and
    fake LiveKit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "devserver.app:build_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    env = {**os.environ, "POWERTOOLS_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(command, env=env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the local server exited with {server.returncode}")
            try:
                if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the local server did not come up")
            time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def hammer(
    base_url: str, path: str, body: dict[str, Any], total: int, clients: int = CLIENTS
) -> Run:
    """``total`` POSTs of ``body`` to ``path`` from ``clients`` concurrent clients."""
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    remaining = iter(range(total))

    async def client(http: httpx.AsyncClient) -> None:
        for _ in remaining:
            started = time.perf_counter()
            response = await http.post(path, json=body)
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as http:
        await http.post(path, json=body)  # warm the connection and the route
        statuses.clear()
        began = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        wall = time.perf_counter() - began
    return Run(statuses, latencies, wall)


def create(http: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post(path, json=body)
    response.raise_for_status()
    return dict(response.json())


def in_process(meeting: dict[str, Any], total: int) -> Run:
    """The tokens Lambda handler called directly with API Gateway events, warm."""
    from tokens.handler import handler

    path = f"/api/meetings/{meeting['id']}/token"
    body = {"password": meeting["password"], "name": "Bench"}
    invoke(handler, "POST", path, body=body)  # cold start outside the figures
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    began = time.perf_counter()
    for _ in range(total):
        started = time.perf_counter()
        response = invoke(handler, "POST", path, body=body)
        latencies.append(time.perf_counter() - started)
        statuses[response.status] += 1
    return Run(statuses, latencies, time.perf_counter() - began)


def check(name: str, run: Run, expected: dict[int, int]) -> None:
    if dict(run.statuses) != expected:
        raise SystemExit(f"{name}: expected statuses {expected}, got {dict(run.statuses)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_tokens")
    parser.add_argument("--quick", action="store_true", help="a few seconds, for CI")
    args = parser.parse_args(argv)
    total = 150 if args.quick else 2_000

    figures: dict[str, Any] = {"clients": CLIENTS}
    # The logger took its level at import, before local_stack() set the environment;
    # a JSON line per request on this terminal would be most of what gets measured.
    logger.setLevel("WARNING")
    with local_stack(), serve_local_app() as base_url:
        admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
        with httpx.Client(base_url=base_url, headers=admin, timeout=30) as http:
            public = create(http, "/api/meetings/instant", {"title": "Bench public"})
            private = create(http, "/api/meetings/instant", {"isPublic": False})
            create(
                http,
                f"/api/meetings/{private['id']}/participants",
                {"participants": [{"email": f"guest{i}@example.com"} for i in range(200)]},
            )
            host = create(http, "/api/meetings/instant", {"title": "Bench host"})
            limited = create(http, "/api/meetings/instant", {"title": "Bench limiter"})

        def token_path(meeting: dict[str, Any]) -> str:
            return f"/api/meetings/{meeting['id']}/token"

        scenarios = {
            "http_public_password": (
                token_path(public),
                {"password": public["password"], "name": "Guest"},
                {200: total},
            ),
            "http_private_allowlist": (
                token_path(private),
                {"password": private["password"], "name": "Guest", "email": "GUEST7@example.com"},
                {200: total},
            ),
            "http_host_key": (
                token_path(host),
                {"password": host["password"], "name": "Host", "hostKey": host["hostKey"]},
                {200: total},
            ),
            # Every request comes from 127.0.0.1: the warm-up and 9 more are counted
            # failures (401), everything after is refused unevaluated (429).
            "http_limiter_wrong_password": (
                token_path(limited),
                {"password": "not-the-password", "name": "Mallory"},
                {401: 9, 429: total - 9},
            ),
        }
        for name, (path, body, expected) in scenarios.items():
            run = asyncio.run(hammer(base_url, path, body, total))
            check(name, run, expected)
            figures[name] = run.figures()
        alone = asyncio.run(
            hammer(base_url, *scenarios["http_public_password"][:2], total, clients=1)
        )
        check("http_public_password_1_client", alone, {200: total})
        figures["http_public_password_1_client"] = alone.figures()

        lambda_run = in_process(public, total)
        check("lambda_in_process", lambda_run, {200: total})
        figures["lambda_in_process_sequential"] = lambda_run.figures()

    rows: list[tuple[str, Any]] = []
    for name, value in figures.items():
        if isinstance(value, dict):
            rows.append(
                (
                    name,
                    f"{value['requests_per_s']:>7} req/s  p50 {value['p50_ms']:>7} ms  "
                    f"p99 {value['p99_ms']:>7} ms  n={value['n']}  {value['statuses']}",
                )
            )
    print_table(f"Token issue ({CLIENTS} concurrent clients over HTTP; Lambda sequential)", rows)
    written = write_results("tokens", figures)
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
