"""A meeting with cameras on, in real browsers, against `make dev`'s own server.

Starts `python -m devserver` (the service and the embedded LiveKit stand-in in one
process, as `make dev` runs them) on a throwaway database, opens PARTICIPANTS
Chromium profiles with a fake camera and microphone, joins them one after the
other through the join page, holds the call for HOLD_SECONDS, and reports:

- the server process's CPU while the call is held (percent of one core);
- the frames per second each browser decodes from each of the others (WebRTC's
  inbound-rtp ``framesDecoded`` over the hold);
- the time from pressing Join to the first remote frame on the joiner's stage,
  for everyone who joins a call already under way.

Full: 4 people for 60 s. Quick: 2 people for about 10 s.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench.support import ADMIN_KEY, print_table, wait_until_healthy, write_results
from tests.support.database import postgres_server, throwaway_database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]
# Which settings the child server takes from us, not from this shell.
SERVICE_VARIABLES = ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "PUBLIC_BASE_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def dev_server(database_url: str) -> Iterator[tuple[str, psutil.Process]]:
    """`python -m devserver` with LIVEKIT_URL unset (so it embeds the stand-in)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
        env.update(
            {
                "DATABASE_URL": database_url,
                "ADMIN_API_KEY": ADMIN_KEY,
                "PORT": str(port),
                "MEET_DATA_DIR": data_dir,
                "POWERTOOLS_LOG_LEVEL": "WARNING",
            }
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "devserver"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(proc, base, timeout=60)
            yield base, psutil.Process(proc.pid)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def run(participants: int, hold_seconds: float) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.support.meeting_harness import Attendee, join_meeting

    with (
        postgres_server() as server,
        throwaway_database(server) as url,
        dev_server(url) as (base, process),
        sync_playwright() as playwright,
    ):
        meeting = httpx.post(
            f"{base}/api/meetings/instant",
            json={"title": "Bench call"},
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
            timeout=10,
        ).json()
        join_url = meeting["joinUrl"].replace(meeting["joinUrl"].split("/join/")[0], base)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        people: list[Attendee] = []
        first_frame_ms: list[float] = []
        for i in range(participants):
            context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 800})
            context.grant_permissions(["camera", "microphone"], origin=base)
            context.set_default_timeout(60_000)
            person = join_meeting(context, join_url, f"Person {i + 1}")
            if people:  # a call is under way: time their first sight of it
                first_frame_ms.append(person.first_remote_frame_ms())
            people.append(person)
        # Everyone sees everyone before the clock starts.
        for person in people:
            person.first_remote_frame_ms()

        before = [p.frames_decoded() for p in people]
        cpu_before, wall_before = cpu_seconds(process), time.monotonic()
        people[0].page.wait_for_timeout(hold_seconds * 1000)
        cpu = cpu_seconds(process) - cpu_before
        wall = time.monotonic() - wall_before
        after = [p.frames_decoded() for p in people]
        browser.close()

    fps: list[dict[str, Any]] = []
    every_stream: list[float] = []
    for person, start, end in zip(people, before, after, strict=True):
        streams = [(end[k] - start.get(k, 0)) / wall for k in end]
        every_stream += streams
        fps.append(
            {
                "browser": person.name,
                "remote_streams": len(streams),
                "fps_per_stream": [round(f, 1) for f in sorted(streams)],
            }
        )
    return {
        "participants": participants,
        "hold_s": round(wall, 1),
        "server_cpu_percent_of_one_core": round(cpu / wall * 100, 1),
        "decoded_fps": fps,
        "decoded_fps_min": round(min(every_stream, default=0.0), 1),
        "decoded_fps_median": round(statistics.median(every_stream), 1) if every_stream else 0.0,
        "join_to_first_remote_frame_ms": [round(ms) for ms in first_frame_ms],
        "join_to_first_remote_frame_ms_max": round(max(first_frame_ms, default=0.0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_meeting")
    parser.add_argument("--quick", action="store_true", help="2 people for about 10 s")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print("bench_meeting: /usr/bin/chromium is missing; skipped", file=sys.stderr)
        return 0
    participants, hold = (2, 10.0) if args.quick else (4, 60.0)
    figures = run(participants, hold)
    print_table(
        f"Meeting: {participants} people with cameras on for {figures['hold_s']} s "
        "(make dev's server: service + LiveKit stand-in)",
        [
            ("server CPU", f"{figures['server_cpu_percent_of_one_core']} % of one core"),
            *(
                (
                    f"decoded by {entry['browser']}",
                    f"{entry['remote_streams']} streams at {entry['fps_per_stream']} fps",
                )
                for entry in figures["decoded_fps"]
            ),
            ("Join to first remote frame", f"{figures['join_to_first_remote_frame_ms']} ms"),
        ],
    )
    write_results("meeting", figures)
    # Everyone must decode everyone else, or the call did not work.
    ok = all(e["remote_streams"] == participants - 1 for e in figures["decoded_fps"])
    return 0 if ok and figures["decoded_fps_min"] > 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
