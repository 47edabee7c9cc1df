"""`make dev`'s start: from launching `python -m devserver` to its first answers.

The database is already there (a throwaway one on the benchmark's PostgreSQL, migrated
before the clock starts, as `make dev` finds .data/ on a machine that ran it before);
the embedded LiveKit stand-in starts with the server, as in `make dev`. Two figures,
each the median of RUNS fresh starts: start to the first 200 from /api/health, and
start to the first join token (a meeting created just before the token is asked for;
both requests are in the figure). ``python_ms`` is a bare interpreter's start-up on
the same machine at the same time, the floor every start pays.

Run: ``.venv/bin/python -m bench.bench_devserver [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

import httpx

from bench.bench_tokens import free_port
from bench.support import ADMIN_KEY, local_stack, print_table, write_results

RUNS = 5
BUDGET_MS = 1_000


def first_answers(env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to the first /api/health 200, and to the first token."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="meet-bench-dev-") as data:
        run_env = {
            **env,
            "PORT": str(port),
            "MEET_DATA_DIR": data,
            "LIFECYCLE_INTERVAL_SECONDS": "3600",
            # Not 7880: other servers on this machine may hold it.
            "LIVEKIT_PORT": str(free_port()),
        }
        for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
            run_env.pop(name, None)  # the embedded stand-in, as `make dev` starts it
        base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "devserver"],
            env=run_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with httpx.Client(base_url=base, timeout=5) as http:
                health = _poll(http, server, "/api/health")
                admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
                meeting = http.post("/api/meetings/instant", json={}, headers=admin).json()
                answer = http.post(
                    f"/api/meetings/{meeting['id']}/token",
                    json={"password": meeting["password"], "name": "First"},
                )
                answer.raise_for_status()
                token = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    return health - started, token


def _poll(http: httpx.Client, server: subprocess.Popen[bytes], path: str) -> float:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"python -m devserver exited with {server.returncode}")
        try:
            if http.get(path).status_code == 200:
                return time.perf_counter()
        except httpx.TransportError:
            pass
        time.sleep(0.01)
    raise SystemExit("python -m devserver did not answer within 120 s")


def python_start_ms() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_devserver")
    parser.add_argument("--quick", action="store_true", help="one start, for CI")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else RUNS

    with local_stack() as stack:
        env = {**os.environ, **stack.env, "ADMIN_API_KEY": ADMIN_KEY}
        health_ms, token_ms, python_ms = [], [], []
        for _ in range(runs):
            python_ms.append(python_start_ms())
            health, token = first_answers(env)
            health_ms.append(health * 1000)
            token_ms.append(token * 1000)

    figures: dict[str, Any] = {
        "runs": runs,
        "budget_ms": BUDGET_MS,
        "start_to_health_ms": round(statistics.median(health_ms), 1),
        "start_to_first_token_ms": round(statistics.median(token_ms), 1),
        "python_ms": round(statistics.median(python_ms), 1),
    }
    floor = figures["python_ms"]
    print_table(
        f"make dev: start to first answers (median of {runs}; budget {BUDGET_MS} ms; "
        "(xN): over a bare interpreter's start)",
        [
            (
                "start -> /api/health 200",
                f"{figures['start_to_health_ms']} ms "
                f"(x{round(figures['start_to_health_ms'] / floor, 1)})",
            ),
            (
                "start -> first token 200",
                f"{figures['start_to_first_token_ms']} ms "
                f"(x{round(figures['start_to_first_token_ms'] / floor, 1)})",
            ),
            ("bare python start", f"{floor} ms"),
        ],
    )
    print(f"\nwrote {write_results('devserver', figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
