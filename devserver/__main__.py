"""`make dev`: the whole service on one origin.

Starts an embedded PostgreSQL under .data/ unless DATABASE_URL is set, applies
migrations, keeps an admin key in .data/admin_key unless ADMIN_API_KEY is set,
starts the embedded LiveKit stand-in unless LIVEKIT_URL is set (on LIVEKIT_PORT,
default 7880, else any free port; webhooks to this server), serves pages, API and
docs on PORT, and runs the lifecycle pass every LIFECYCLE_INTERVAL_SECONDS.
Ctrl-C (or SIGTERM) stops everything it started.

It listens as soon as the API's skeleton is built and the first function's routes
(with /api/health) are loaded; the other functions, the stand-in and the pages load
behind it, and a request that needs one of them waits for it (``devserver.staged``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from devserver.kept_secret import kept_secret

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
    return kept_secret(DATA_DIR / "admin_key")


# How the local server runs uvicorn. No proxy headers: nothing sits in front of it, so an
# X-Forwarded-For is the client's own claim and must not become its address (the
# failed-join limiter counts by address).
UVICORN_OPTIONS: dict[str, Any] = {
    "proxy_headers": False,
    "server_header": False,
    "log_level": "warning",
    "access_log": False,
}


# uvicorn's exit status when it could not start serving (uvicorn.main.STARTUP_FAILURE).
STARTUP_FAILURE = 3


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
def livekit(port: int, listen_host: str) -> Iterator[tuple[str, Callable[[], object]]]:
    """The LiveKit the service uses: LIVEKIT_URL when set (nothing starts), else the
    embedded stand-in, with its webhooks sent to this server and the service's
    settings pointed at it. Yields the line the banner shows and the step that starts
    the stand-in: its port is bound here, so its URL is known at once, and a client
    that connects before it has started waits for it in the port's backlog."""
    if os.environ.get("LIVEKIT_URL"):
        yield os.environ["LIVEKIT_URL"], lambda: None
        return
    from devserver import livekit as embedded

    key = os.environ.get("LIVEKIT_API_KEY") or embedded.DEFAULT_API_KEY
    secret = embedded.api_secret(DATA_DIR)
    # The webhook goes to this process over loopback, whatever address it listens on.
    webhook_host = "127.0.0.1" if listen_host in {"0.0.0.0", "::", ""} else listen_host
    webhook_url = f"http://{webhook_host}:{port}/api/livekit/webhook"
    print("starting the embedded LiveKit stand-in ...", flush=True)
    sock = embedded.reserve_port(port=embedded.preferred_port())
    url = "ws://{}:{}".format(*sock.getsockname()[:2])
    try:
        with ExitStack() as stand_in:

            def start() -> None:
                stand_in.enter_context(embedded.running(key, secret, webhook_url, sock=sock))

            os.environ.update(
                {"LIVEKIT_URL": url, "LIVEKIT_API_KEY": key, "LIVEKIT_API_SECRET": secret}
            )
            try:
                yield embedded.BANNER.format(url=url), start
            finally:
                for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
                    os.environ.pop(name, None)
    finally:
        sock.close()  # the stand-in closed it if it started; this if it never did
        print("embedded LiveKit stopped", flush=True)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    # uvicorn re-raises the signal that stopped it once it has shut down; with the
    # default SIGTERM action the process would die before stopping PostgreSQL.
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devserver", description=__doc__)
    parser.add_argument("--migrate-only", action="store_true", help="apply migrations and exit")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    DATA_DIR.mkdir(exist_ok=True)

    with ExitStack() as stack:
        url = stack.enter_context(database())
        from meet_common.migrate import apply_migrations

        applied = apply_migrations(url)
        print("migrations: " + (", ".join(applied) if applied else "up to date"), flush=True)
        if args.migrate_only:
            return 0

        os.environ["DATABASE_URL"] = url
        os.environ["ADMIN_API_KEY"] = key = admin_key()
        import uvicorn

        from devserver import app as full
        from devserver.staged import StagedApp
        from meet_common import db as db_module
        from meet_common.settings import get_settings

        host = os.environ.get("HOST", "127.0.0.1")
        get_settings.cache_clear()
        livekit_line, start_livekit = stack.enter_context(livekit(get_settings().port, host))
        get_settings.cache_clear()
        settings = get_settings()
        if not (full.WEB_DIST / "meetings" / "index.html").exists():
            print("warning: web/dist is missing; run `make web` for the pages", file=sys.stderr)
        timer = LifecycleTimer(settings.lifecycle_interval_seconds)

        # What build_app does, in steps: the first function (its routes hold
        # /api/health) before the server listens, the rest behind it. The stand-in
        # first of those: creating a meeting creates its room there.
        db_module.set_default_pool_size(full.LOCAL_POOL_SIZE)
        app = full.api_skeleton()
        staged = StagedApp(app)
        first, *rest = full.FUNCTIONS
        full.add_function(app, first)
        staged.loaded()
        steps: list[Callable[[], object]] = [start_livekit]
        steps += [partial(full.add_function, app, name) for name in rest]
        steps += [partial(full.add_pages, app, full.WEB_DIST), timer.start]
        print(
            f"\n  LiveKit Meet is running at {settings.base_url}\n"
            f"    dashboard  {settings.base_url}/meetings\n"
            f"    API docs   {settings.base_url}/api/docs\n"
            f"    admin key  {key}\n"
            f"    LiveKit    {livekit_line}\n"
            "  Ctrl-C stops it.\n",
            flush=True,
        )
        server = uvicorn.Server(
            uvicorn.Config(staged, host=host, port=settings.port, **UVICORN_OPTIONS)
        )
        builder = staged.build(steps, on_failure=lambda: setattr(server, "should_exit", True))
        try:
            server.run()
        except KeyboardInterrupt:  # as uvicorn.run: Ctrl-C is a clean stop
            pass
        finally:
            builder.join()
            if timer.is_alive():
                timer.stopped.set()
                timer.join(timeout=5)
        if staged.failure is not None:
            raise staged.failure
        if not server.started:  # as uvicorn.run: the port is taken, say
            sys.exit(STARTUP_FAILURE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
