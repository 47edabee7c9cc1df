"""Cold init of each function: a fresh Python process imports the handler module and
serves its first request (an API Gateway event in, a response out; EventBridge's
scheduled event for the lifecycle pass), without the database connect.

The child process starts its clock just before ``import <function>.handler`` and
stops it when the handler returns; the time spent opening the PostgreSQL connection
(``Database._connect``, or ``AsyncDatabase._connect`` for an async route, timed in the
child) is subtracted, since in AWS that is the network to RDS Proxy, not our code.
Interpreter start-up is not counted (Lambda's runtime has started before it imports
the handler).

The budget compares each function with the import time of the libraries it really
needs (measured the same way, in fresh processes): FastAPI (with the pydantic.v1
shim it loads on registering its first route), Mangum, psycopg, pydantic-settings and
Powertools for all of them, email-validator where the models
take email addresses, PyJWT where a participant's token is verified, and livekit.api
for the functions that call the room service on this request's path. Figures are medians of 10
fresh processes (2 with --quick).

The messages function is measured twice: a post (which delivers the message live
through the room service) and a history read, the request a joining page waits on.

Run: ``.venv/bin/python -m bench.bench_cold_start [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.scenarios import FUNCTIONS, Seeded, events, seed
from bench.support import local_stack, print_table, write_results
from tests.support.apigw import rest_event

ROOT = Path(__file__).resolve().parent.parent
BUDGET_RATIO = 1.10
BASE_LIBRARIES = [
    "fastapi",
    # FastAPI imports it when it registers its first route (to tell v1 models apart).
    "pydantic.v1",
    "mangum",
    "psycopg",
    "pydantic_settings",
    "aws_lambda_powertools.logging",
    "aws_lambda_powertools.metrics",
]
SCENARIOS = (*FUNCTIONS, "messages history")
# Beyond the base: what each function's benchmark request really uses.
NEEDS = {
    "meetings": ["email_validator"],  # EmailStr in its models
    "tokens": ["email_validator"],  # an HMAC (hashlib) signs the join token
    "participants": ["email_validator", "livekit.api"],  # moderation's room-service calls
    # PyJWT checks the participant's token; the post's live delivery is a room-service
    # call (the history read, a late joiner's first request, needs no livekit.api).
    "messages": ["jwt", "livekit.api"],
    "messages history": ["jwt"],  # a late joiner's first read: no room-service call
    "webhook": ["livekit.api"],  # WebhookReceiver checks LiveKit's signature
    "lifecycle": ["livekit.api"],  # the room-service client
}


def history_read(seeded: Seeded) -> dict[str, Any]:
    """The messages function's other cold start: the chat history a page reads as it
    joins (the post above also delivers the message through the room service)."""
    return rest_event(
        "GET",
        "/api/messages",
        headers={"Authorization": f"Bearer {seeded.guest_token}"},
        query={"roomName": seeded.meeting["room_name"], "latest": "true"},
    )


_CHILD = """
import importlib, json, sys, time
from tests.support.apigw import LambdaContext  # stdlib only: loaded before the clock

spec = json.loads(sys.stdin.read())
started = time.perf_counter()
module = importlib.import_module(spec["function"] + ".handler")
imported = time.perf_counter() - started

from meet_common import db as db_module

connects = []
_connect = db_module.Database._connect

def timed_connect(self):
    began = time.perf_counter()
    try:
        return _connect(self)
    finally:
        connects.append(time.perf_counter() - began)

db_module.Database._connect = timed_connect

from meet_common import db_async

_aconnect = db_async.AsyncDatabase._connect

async def timed_aconnect(self):
    began = time.perf_counter()
    try:
        return await _aconnect(self)
    finally:
        connects.append(time.perf_counter() - began)

db_async.AsyncDatabase._connect = timed_aconnect
began = time.perf_counter()
response = module.handler(spec["event"], LambdaContext())
served = time.perf_counter() - began
status = response.get("statusCode", 200)
print("RESULT " + json.dumps({
    "import_ms": imported * 1000,
    "first_request_ms": (served - sum(connects)) * 1000,
    "connect_ms": sum(connects) * 1000,
    "status": status,
}))
"""

_LIBRARIES_CHILD = """
import importlib, json, sys, time
names = json.loads(sys.argv[1])
started = time.perf_counter()
for name in names:
    importlib.import_module(name)
print("RESULT " + json.dumps({"import_ms": (time.perf_counter() - started) * 1000}))
"""


def _run_child(code: str, stdin: str = "", args: list[str] | None = None) -> dict[str, Any]:
    env = {**os.environ, "POWERTOOLS_LOG_LEVEL": "WARNING", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code, *(args or [])],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line.removeprefix("RESULT ")))
    raise RuntimeError(f"child failed ({result.returncode}):\n{result.stderr[-2000:]}")


def cold_start(function: str, event: dict[str, Any]) -> dict[str, Any]:
    return _run_child(_CHILD, stdin=json.dumps({"function": function, "event": event}))


def libraries_import_ms(names: list[str]) -> float:
    return float(_run_child(_LIBRARIES_CHILD, args=[json.dumps(names)])["import_ms"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_cold_start")
    parser.add_argument("--quick", action="store_true", help="2 processes each, for CI")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else 10

    figures: dict[str, Any] = {"runs": runs, "budget_ratio": BUDGET_RATIO}
    with local_stack() as stack:
        seeded = seed(stack.database_url)
        makers = events(seeded)
        makers["messages history"] = lambda: history_read(seeded)
        for function in SCENARIOS:
            samples = []
            for _ in range(runs):
                # "messages history" runs the messages function.
                sample = cold_start(function.split()[0], makers[function]())
                if not 200 <= int(sample["status"]) < 300:
                    raise SystemExit(f"{function}: first request answered {sample['status']}")
                samples.append(sample)
            needs = BASE_LIBRARIES + NEEDS[function]
            libraries = statistics.median(libraries_import_ms(needs) for _ in range(runs))
            init = statistics.median(s["import_ms"] + s["first_request_ms"] for s in samples)
            figures[function] = {
                "cold_init_ms": round(init, 1),
                "import_ms": round(statistics.median(s["import_ms"] for s in samples), 1),
                "first_request_ms": round(
                    statistics.median(s["first_request_ms"] for s in samples), 1
                ),
                "connect_ms_excluded": round(
                    statistics.median(s["connect_ms"] for s in samples), 1
                ),
                "needed_libraries": needs,
                "needed_libraries_import_ms": round(libraries, 1),
                "ratio": round(init / libraries, 2),
                "within_budget": init <= libraries * BUDGET_RATIO,
            }

    rows = [
        (
            function,
            f"{f['cold_init_ms']:>6} ms (import {f['import_ms']:>6}, first request "
            f"{f['first_request_ms']:>5}; connect {f['connect_ms_excluded']} excluded)  "
            f"libraries {f['needed_libraries_import_ms']:>6} ms  x{f['ratio']:<4} "
            f"{'ok' if f['within_budget'] else 'OVER'}",
        )
        for function in SCENARIOS
        for f in [figures[function]]
    ]
    print_table(
        f"Cold init per function (median of {runs} fresh processes; budget: at most "
        f"{BUDGET_RATIO:.2f} x the import time of the libraries it needs)",
        rows,
    )
    written = write_results("cold_start", figures)
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
