"""What every benchmark needs: a throwaway migrated PostgreSQL, the fake LiveKit
server, the service's settings pointed at both, and a results file."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from livekit_local.server import LiveKitServer
from meet_common import db as db_module
from meet_common.db import Database
from meet_common.migrate import apply_migrations
from meet_common.settings import get_settings
from tests.support.database import postgres_server, throwaway_database

RESULTS_DIR = Path(__file__).with_name("results")
ADMIN_KEY = "bench-admin-key"
LIVEKIT_KEY = "devkey"
LIVEKIT_SECRET = "bench-livekit-secret-long-enough"


@dataclass
class Stack:
    database_url: str
    livekit: LiveKitServer
    env: dict[str, str]


@contextmanager
def local_stack() -> Iterator[Stack]:
    with postgres_server() as server, throwaway_database(server) as url:
        apply_migrations(url)
        livekit = LiveKitServer(LIVEKIT_KEY, LIVEKIT_SECRET)
        livekit.start()
        env = {
            "DATABASE_URL": url,
            "LIVEKIT_URL": livekit.url,
            "LIVEKIT_API_KEY": LIVEKIT_KEY,
            "LIVEKIT_API_SECRET": LIVEKIT_SECRET,
            "ADMIN_API_KEY": ADMIN_KEY,
            "PUBLIC_BASE_URL": "http://localhost:3000",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            # One benchmark client sends what a whole meeting would: chat's per-person
            # and per-meeting limits would turn the measurement into 429s.
            "CHAT_PARTICIPANT_LIMIT": str(10**9),
            "CHAT_MEETING_LIMIT": str(10**9),
        }
        os.environ.update(env)
        get_settings.cache_clear()
        db_module.set_database(Database(lambda: url))
        try:
            yield Stack(url, livekit, env)
        finally:
            db_module.set_database(None)
            livekit.close()


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {
        "p50_ms": round(statistics.median(ms), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "n": len(ms),
    }


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
    }


def write_results(name: str, figures: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), "figures": figures}, indent=2) + "\n")
    return path


def print_table(title: str, rows: list[tuple[str, Any]]) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"\n{title}")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


def wait_until_healthy(proc: subprocess.Popen[bytes], base: str, *, timeout: float) -> None:
    """Polls ``base``'s /api/health until it answers 200; RuntimeError if the process
    exits first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the local server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the local server did not come up within {timeout:.0f} s")
        time.sleep(0.1)
