"""`make dev`: the whole service on one origin.

Starts an embedded PostgreSQL under .data/ unless DATABASE_URL is set, applies
migrations, keeps an admin key in .data/admin_key unless ADMIN_API_KEY is set,
serves pages, API and docs on PORT, and runs the lifecycle pass every
LIFECYCLE_INTERVAL_SECONDS. Unless LIVEKIT_URL names a LiveKit server, it runs
livekit_local's stand-in on LIVEKIT_PORT (default 7880, else any free port),
sending its webhooks to this server. Ctrl-C stops everything it started.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meet_common.settings import Settings

# Where the embedded database and the generated admin key live (tests point it elsewhere).
DATA_DIR = Path(os.environ.get("MEET_DATA_DIR") or Path(__file__).resolve().parent.parent / ".data")


@contextmanager
def database() -> Iterator[str]:
    given = os.environ.get("DATABASE_URL")
    if given:
        yield given
        return
    import pgserver

    print("starting embedded PostgreSQL in .data/postgres ...", flush=True)
    server = pgserver.get_server(DATA_DIR / "postgres", cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        print("embedded PostgreSQL stopped", flush=True)


def admin_key() -> str:
    given = os.environ.get("ADMIN_API_KEY")
    if given:
        return given
    path = DATA_DIR / "admin_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(32)
    path.write_text(key + "\n")
    path.chmod(0o600)
    return key


class LifecycleTimer(threading.Thread):
    """Runs the lifecycle pass on an interval, as EventBridge does in AWS."""

    def __init__(self, interval: float) -> None:
        super().__init__(name="lifecycle", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        from lifecycle.service import run_pass
        from meet_common.db import get_database
        from meet_common.livekit_rooms import RoomService
        from meet_common.observability import logger

        while not self.stopped.wait(self.interval):
            try:
                run_pass(get_database(), RoomService(), now=datetime.now(UTC))
            except Exception:
                logger.exception("lifecycle pass failed; next one in %ss", self.interval)


@contextmanager
def local_livekit(host: str, app_port: int, api_key: str, api_secret: str) -> Iterator[None]:
    """Run livekit_local's LiveKit unless LIVEKIT_URL is set; sets LIVEKIT_URL to it."""
    if os.environ.get("LIVEKIT_URL"):
        yield
        return
    from livekit_local import LiveKitServer

    webhook = f"http://127.0.0.1:{app_port}/api/livekit/webhook"
    server = None
    for port in (int(os.environ.get("LIVEKIT_PORT", "7880")), 0):
        candidate = LiveKitServer(api_key, api_secret, host=host, port=port, webhook_urls=[webhook])
        try:
            candidate.start()
        except OSError:  # the port is taken (a livekit-server --dev, say): any free one
            continue
        server = candidate
        break
    assert server is not None
    # A browser cannot connect to 0.0.0.0.
    os.environ["LIVEKIT_URL"] = server.url.replace("//0.0.0.0:", "//localhost:")
    try:
        yield
    finally:
        server.stop()
        os.environ.pop("LIVEKIT_URL", None)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    # uvicorn re-raises the signal that stopped it once it has shut down; with the
    # default SIGTERM action the process would die before stopping PostgreSQL.
    raise SystemExit(0)


def serve(settings: Settings, host: str, key: str) -> None:
    """The service on one origin until Ctrl-C, with the lifecycle pass beside it."""
    import uvicorn

    from devserver.app import WEB_DIST, build_app

    if not (WEB_DIST / "meetings" / "index.html").exists():
        print("warning: web/dist is missing; run `make web` for the pages", file=sys.stderr)
    timer = LifecycleTimer(settings.lifecycle_interval_seconds)
    timer.start()
    print(
        f"\n  LiveKit Meet is running at {settings.base_url}\n"
        f"    dashboard  {settings.base_url}/meetings\n"
        f"    API docs   {settings.base_url}/api/docs\n"
        f"    admin key  {key}\n"
        f"    LiveKit    {settings.livekit_url}\n"
        "  Ctrl-C stops it.\n",
        flush=True,
    )
    try:
        uvicorn.run(
            build_app(),
            host=host,
            port=settings.port,
            log_level="warning",
            access_log=False,
        )
    finally:
        timer.stopped.set()
        timer.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devserver", description=__doc__)
    parser.add_argument("--migrate-only", action="store_true", help="apply migrations and exit")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    DATA_DIR.mkdir(exist_ok=True)

    with database() as url:
        from meet_common.migrate import apply_migrations

        applied = apply_migrations(url)
        print("migrations: " + (", ".join(applied) if applied else "up to date"), flush=True)
        if args.migrate_only:
            return 0

        os.environ["DATABASE_URL"] = url
        os.environ["ADMIN_API_KEY"] = key = admin_key()
        from meet_common.settings import get_settings

        get_settings.cache_clear()
        settings = get_settings()
        host = os.environ.get("HOST", "127.0.0.1")
        with local_livekit(
            host,
            settings.port,
            settings.livekit_api_key,
            settings.livekit_api_secret.get_secret_value(),
        ):
            get_settings.cache_clear()
            serve(get_settings(), host, key)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
