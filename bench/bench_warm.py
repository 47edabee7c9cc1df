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
import contextlib
import importlib
import io
import statistics
import time
from typing import Any

from bench.scenarios import FUNCTIONS, events, seed, succeeded
from bench.support import local_stack, print_table, summary_ms, write_results
from meet_common.observability import logger
from tests.support.apigw import LambdaContext

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
            rounds = [measure(function, makers[function], n) for _ in range(runs)]
            figures[function] = {
                "p50_ms": round(statistics.median(r["p50_ms"] for r in rounds), 3),
                "p99_ms": round(statistics.median(r["p99_ms"] for r in rounds), 3),
                "n": n * runs,
            }

    labels = {
        "tokens": "token issue",
        "meetings": "meeting list (1,000 meetings, 100 a page)",
        "webhook": "webhook apply",
        "messages": "message post",
        "participants": "allowlist read",
        "lifecycle": "lifecycle pass, nothing due",
    }
    ordered = [*HEADLINE, *(f for f in FUNCTIONS if f not in HEADLINE)]
    rows = [
        (
            f"{function}: {labels[function]}",
            f"p50 {figures[function]['p50_ms']:>7} ms  p99 {figures[function]['p99_ms']:>7} ms",
        )
        for function in ordered
    ]
    print_table(f"Warm latency through each Lambda entry point (n={n} x {runs})", rows)
    written = write_results("warm", figures)
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
