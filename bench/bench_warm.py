"""Warm latency through each function's real Lambda entry point, in process, with a
real local PostgreSQL: token issue, meeting list (1,000 meetings, a page of 100),
webhook apply (a signed participant_joined delivery, a new event each time) and
message post, plus the other functions' benchmark requests for completeness.

Each function's handler serves one warm-up request (its cold start, outside the
figures), then N requests one after another, as one Lambda execution environment
would. Event building and signing happen outside the timed call. p50 and p99 are
each the median over RUNS rounds.

Run: ``.venv/bin/python -m bench.bench_warm [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import io
import os
import statistics
import time
from typing import Any

from bench.minimal_app import MINIMAL_PREFIX
from bench.scenarios import FUNCTIONS, events, seed, succeeded
from bench.support import local_stack, print_table, summary_ms, write_results
from meet_common.observability import logger
from tests.support.apigw import LambdaContext, rest_event

RUNS = 3
# The four the issue names first; the others are measured the same way.
HEADLINE = ("tokens", "meetings", "webhook", "messages")


def measure(function: str, make_event: Any, n: int) -> dict[str, Any]:
    handler = importlib.import_module(f"{function}.handler").handler
    context = LambdaContext()
    # The lifecycle pass prints its metrics (CloudWatch EMF) to stdout: not here.
    with contextlib.redirect_stdout(io.StringIO()):
        handler(make_event(), context)  # the cold start, not counted
        samples: list[float] = []
        for _ in range(n):
            event = make_event()
            started = time.perf_counter()
            response = handler(event, context)
            samples.append(time.perf_counter() - started)
            if not succeeded(function, response):
                status, body = response.get("statusCode"), response.get("body")
                raise SystemExit(f"{function}: {status} {body}")
    return summary_ms(samples)


def minimal_handler() -> tuple[Any, Any]:
    """``bench.minimal_app``'s raw-ASGI join handler behind Mangum, as a Lambda entry
    point: the bar the token function's warm figure is given against."""
    from mangum import Mangum

    from bench.minimal_app import MinimalTokenHandler
    from meet_common.settings import get_settings

    settings = get_settings()
    minimal = MinimalTokenHandler(
        os.environ["DATABASE_URL"],
        settings.livekit_api_key,
        settings.livekit_api_secret.get_secret_value(),
        settings.livekit_url,
        pool_size=1,  # a Lambda environment serves one request at a time
    )
    return Mangum(minimal, lifespan="off"), minimal


def measure_minimal(meeting: dict[str, Any], n: int) -> dict[str, Any]:
    handler, minimal = minimal_handler()
    context = LambdaContext()
    path = f"{MINIMAL_PREFIX}{meeting['id']}/token"
    body = {"password": meeting["password"], "name": "Bench Guest"}
    handler(rest_event("POST", path, body=body), context)
    samples: list[float] = []
    for _ in range(n):
        event = rest_event("POST", path, body=body)
        started = time.perf_counter()
        response = handler(event, context)
        samples.append(time.perf_counter() - started)
        if response["statusCode"] != 200:
            raise SystemExit(f"minimal: {response['statusCode']} {response.get('body')}")
    if minimal.pool is not None:  # on Mangum's loop, where it was opened
        asyncio.get_event_loop().run_until_complete(minimal.pool.close())
    return summary_ms(samples)


def _medians(rounds: list[dict[str, Any]], n: int) -> dict[str, Any]:
    return {
        "p50_ms": round(statistics.median(r["p50_ms"] for r in rounds), 3),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in rounds), 3),
        "n": n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_warm")
    parser.add_argument("--quick", action="store_true", help="a few seconds, for CI")
    args = parser.parse_args(argv)
    n = 50 if args.quick else 500
    runs = 1 if args.quick else RUNS

    logger.setLevel("WARNING")  # a JSON line per request would be most of the figure
    figures: dict[str, Any] = {"requests_per_round": n, "runs": runs}
    with local_stack() as stack:
        seeded = seed(stack.database_url)
        makers = events(seeded)
        for function in FUNCTIONS:
            if function == "tokens":
                # Round for round beside the minimal handler, its bar.
                pairs = [
                    (measure_minimal(seeded.meeting, n), measure(function, makers[function], n))
                    for _ in range(runs)
                ]
                figures["tokens_minimal"] = _medians([m for m, _ in pairs], n * runs)
                figures[function] = _medians([t for _, t in pairs], n * runs)
                figures[function]["vs_minimal_p50"] = round(
                    statistics.median(t["p50_ms"] / m["p50_ms"] for m, t in pairs), 3
                )
                continue
            rounds = [measure(function, makers[function], n) for _ in range(runs)]
            figures[function] = _medians(rounds, n * runs)

    labels = {
        "tokens": "token issue",
        "meetings": "meeting list (1,000 meetings, 100 a page)",
        "webhook": "webhook apply",
        "messages": "message post",
        "participants": "allowlist read",
        "lifecycle": "lifecycle pass, nothing due",
    }
    labels["tokens_minimal"] = "the minimal raw-ASGI join handler behind Mangum (the bar)"
    ordered = ["tokens_minimal", *HEADLINE, *(f for f in FUNCTIONS if f not in HEADLINE)]
    rows = [
        (
            f"{function}: {labels[function]}",
            f"p50 {figures[function]['p50_ms']:>7} ms  p99 {figures[function]['p99_ms']:>7} ms"
            + (
                f"  (p50 x{figures[function]['vs_minimal_p50']} the bar's)"
                if "vs_minimal_p50" in figures[function]
                else ""
            ),
        )
        for function in ordered
    ]
    print_table(f"Warm latency through each Lambda entry point (n={n} x {runs})", rows)
    written = write_results("warm", figures)
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
