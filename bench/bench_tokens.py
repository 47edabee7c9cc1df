"""Join tokens: requests per second and latency through the local HTTP stack, and the
warm in-process latency of the tokens Lambda handler.

The local stack is the one `make dev` serves (every function's routes in one
uvicorn process with its small connection pool, the fake LiveKit), started on a free
loopback port in a process of its own. 10 clients send requests at once over
keep-alive connections; each client is a plain asyncio HTTP/1.1 connection with its
request encoded once (httpx spent more CPU per request than the server, on the same
two cores). Each client connects from its own loopback address (127.0.0.2 ...), as
ten people joining would: the failed-join limiter serialises the attempts of one
address on one meeting by design, which ``http_public_password_one_address`` shows.
One client alone gives the unloaded latency. ``server_cpu_ms_per_request`` is the
server process's CPU time (utime + stime of /proc/<pid>/stat, all its threads)
divided by the requests it served.

The bar is measured in the same run, on the same server: ``bench.minimal_app``'s
raw-ASGI handler (same SQL, same claims, same signing, no framework) runs beside the
service's routes, and before every scenario it is measured with the same clients;
each scenario's figures are also given as ratios to it (``vs_minimal``), which the
load of other processes on the machine changes far less than the figures
themselves.
Scenarios: a public meeting (password only), a private meeting (password plus
allowlist lookup), a host (password plus host key), and the limiter (wrong passwords
from one client: 10 refusals with 401, then 429s that are never evaluated).
Each figure is the median of RUNS runs (one with --quick).

Run: ``.venv/bin/python -m bench.bench_tokens [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import psutil

from bench.minimal_app import MINIMAL_PREFIX
from bench.support import (
    ADMIN_KEY,
    local_stack,
    print_table,
    summary_ms,
    wait_until_healthy,
    write_results,
)
from meet_common.observability import logger
from tests.support.apigw import invoke

CLIENTS = 10
RUNS = 3
# What the token route should reach: a share of the minimal handler's rate measured
# in the same run, and an absolute CPU cost per request.
TARGET = {"rate_vs_minimal": 0.6, "server_cpu_ms_per_request": 1.2}


@dataclass
class Run:
    statuses: Counter[int]
    latencies_s: list[float]
    wall_s: float
    server_cpu_s: float | None = None

    def figures(self) -> dict[str, Any]:
        figures: dict[str, Any] = {
            "requests": len(self.latencies_s),
            "requests_per_s": round(len(self.latencies_s) / self.wall_s, 1),
            **summary_ms(self.latencies_s),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }
        if self.server_cpu_s is not None:
            figures["server_cpu_ms_per_request"] = round(
                self.server_cpu_s / len(self.latencies_s) * 1000, 3
            )
        return figures


RATIOS = ("requests_per_s", "p50_ms", "p99_ms", "server_cpu_ms_per_request")


def versus(figures: dict[str, Any], minimal: dict[str, Any]) -> dict[str, float]:
    """Each figure divided by the minimal handler's from the same round."""
    return {
        key: round(figures[key] / minimal[key], 3)
        for key in RATIOS
        if figures.get(key) and minimal.get(key)
    }


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each numeric figure's median over the runs (statuses from the first run)."""
    merged = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = round(statistics.median(run[key] for run in runs), 3)
        elif key == "vs_minimal":
            merged[key] = {
                k: round(statistics.median(run[key][k] for run in runs), 3) for k in value
            }
    merged["runs"] = len(runs)
    return merged


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_local_app() -> Iterator[tuple[str, psutil.Process]]:
    """`devserver.app.build_app()` with the minimal handler beside it under uvicorn, one
    process of its own (so the load generator does not share its interpreter lock), on
    a free loopback port; yields its base URL and process. The environment
    local_stack() set points it at the same database and fake LiveKit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.minimal_app:build_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        # e.g. "--http h11 --loop asyncio": what httptools and uvloop buy.
        *os.environ.get("BENCH_SERVER_ARGS", "").split(),
    ]
    # The service logs at INFO, as deployed (one JSON line per request is part of the
    # cost of a request), to /dev/null rather than this terminal.
    env = {**os.environ, "POWERTOOLS_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "INFO")}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(server, base_url, timeout=120)
        yield base_url, psutil.Process(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_seconds(process: psutil.Process | None) -> float:
    if process is None:
        return 0.0
    times = process.cpu_times()
    return float(times.user + times.system)


async def hammer(
    base_url: str,
    path: str,
    body: dict[str, Any],
    total: int,
    clients: int = CLIENTS,
    *,
    one_address: bool = False,
    server: psutil.Process | None = None,
) -> Run:
    """``total`` POSTs of ``body`` to ``path`` from ``clients`` concurrent keep-alive
    connections, each from its own loopback address unless ``one_address``."""
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    payload = json.dumps(body).encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode() + payload
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    remaining = iter(range(total))

    async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> int:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lowered = head.lower()
        start = lowered.index(b"content-length:") + len(b"content-length:")
        await reader.readexactly(int(head[start : head.index(b"\r\n", start)]))
        return status

    async def client(index: int) -> None:
        source = None if one_address else (f"127.0.0.{index + 2}", 0)
        reader, writer = await asyncio.open_connection(host, int(port), local_addr=source)
        try:
            await exchange(reader, writer)  # warm the connection
            await ready.wait()
            for _ in remaining:
                started = time.perf_counter()
                status = await exchange(reader, writer)
                latencies.append(time.perf_counter() - started)
                statuses[status] += 1
        finally:
            writer.close()

    ready = asyncio.Event()
    tasks = [asyncio.create_task(client(i)) for i in range(clients)]
    await asyncio.sleep(0.2)  # every connection open and warm
    cpu_before = cpu_seconds(server)
    began = time.perf_counter()
    ready.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    server_cpu = cpu_seconds(server) - cpu_before if server is not None else None
    return Run(statuses, latencies, wall, server_cpu)


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
    parser.add_argument("--requests", type=int, help="per scenario and run")
    parser.add_argument("--runs", type=int, help="runs of each scenario")
    parser.add_argument("--only", nargs="*", default=(), help="these scenarios only")
    args = parser.parse_args(argv)
    total = args.requests or (150 if args.quick else 2_000)
    runs_each = args.runs or (1 if args.quick else RUNS)

    figures: dict[str, Any] = {"clients": CLIENTS, "target": TARGET}
    # The logger took its level at import, before local_stack() set the environment;
    # a JSON line per request on this terminal would be most of what gets measured.
    logger.setLevel("WARNING")
    with local_stack(), serve_local_app() as (base_url, server):
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

        def all_ok(statuses: Counter[int]) -> bool:
            return dict(statuses) == {200: total}

        def limited_out(statuses: Counter[int]) -> bool:
            # One address: the warm-up requests already used up the failures the
            # limiter allows, so what follows is refused unevaluated (429).
            return set(statuses) <= {401, 429} and statuses[429] >= total - 10

        public_body = {"password": public["password"], "name": "Guest"}
        scenarios: dict[str, tuple[str, dict[str, Any], Any, dict[str, Any]]] = {
            "http_public_password": (token_path(public), public_body, all_ok, {}),
            "http_private_allowlist": (
                token_path(private),
                {"password": private["password"], "name": "Guest", "email": "GUEST7@example.com"},
                all_ok,
                {},
            ),
            "http_host_key": (
                token_path(host),
                {"password": host["password"], "name": "Host", "hostKey": host["hostKey"]},
                all_ok,
                {},
            ),
            "http_public_password_one_address": (
                token_path(public),
                public_body,
                all_ok,
                {"one_address": True},
            ),
            "http_limiter_wrong_password": (
                token_path(limited),
                {"password": "not-the-password", "name": "Mallory"},
                limited_out,
                {"one_address": True},
            ),
            "http_public_password_1_client": (
                token_path(public),
                public_body,
                all_ok,
                {"clients": 1},
            ),
        }
        minimal_path = f"{MINIMAL_PREFIX}{public['id']}/token"

        def measure(path: str, body: dict[str, Any], options: dict[str, Any]) -> Run:
            return asyncio.run(hammer(base_url, path, body, total, server=server, **options))

        minimal_runs: dict[str, list[dict[str, Any]]] = {}
        for name, (path, body, ok, options) in scenarios.items():
            if args.only and name not in args.only:
                continue
            runs = []
            for _ in range(runs_each):
                # The bar first, with the same clients, so both see the same machine.
                minimal = measure(minimal_path, public_body, options)
                check(f"minimal ({name})", minimal, {200: total})
                label = "minimal_" + "_".join(f"{k}_{v}" for k, v in options.items())
                minimal_runs.setdefault(label.rstrip("_"), []).append(minimal.figures())
                run = measure(path, body, options)
                if not ok(run.statuses):
                    raise SystemExit(f"{name}: unexpected statuses {dict(run.statuses)}")
                figures_of_run = run.figures()
                figures_of_run["vs_minimal"] = versus(figures_of_run, minimal.figures())
                runs.append(figures_of_run)
            figures[name] = median_of(runs)
        for label, runs in minimal_runs.items():
            figures[label] = median_of(runs)

        lambda_runs = []
        lambda_wanted = not args.only or "lambda_in_process_sequential" in args.only
        for _ in range(runs_each if lambda_wanted else 0):
            lambda_run = in_process(public, total)
            check("lambda_in_process", lambda_run, {200: total})
            lambda_runs.append(lambda_run.figures())
        if lambda_runs:
            figures["lambda_in_process_sequential"] = median_of(lambda_runs)

    rows: list[tuple[str, Any]] = []
    for name, value in figures.items():
        if isinstance(value, dict) and "p50_ms" in value:

            def with_ratio(key: str, value: dict[str, Any] = value) -> str:
                ratio = (value.get("vs_minimal") or {}).get(key)
                return f"{value.get(key, '-')}" + (f" (x{ratio})" if ratio else "")

            rows.append(
                (
                    name,
                    f"{with_ratio('requests_per_s')} req/s  p50 {with_ratio('p50_ms')} ms  "
                    f"p99 {with_ratio('p99_ms')} ms  "
                    f"server CPU {with_ratio('server_cpu_ms_per_request')} ms/req  "
                    f"n={value['n']}x{value['runs']}",
                )
            )
    title = (
        f"Token issue ({CLIENTS} concurrent clients over HTTP unless named, median of "
        f"{runs_each}; Lambda sequential). (xN): the figure over the minimal raw-ASGI "
        f"handler's with the same clients in the same round. Target: rate >= "
        f"x{TARGET['rate_vs_minimal']}, server CPU <= "
        f"{TARGET['server_cpu_ms_per_request']} ms/req"
    )
    print_table(title, rows)
    written = write_results("tokens", figures)
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
