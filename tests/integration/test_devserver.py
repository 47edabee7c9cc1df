"""`make dev`'s process: one origin for pages, API and docs; the embedded LiveKit
stand-in when LIVEKIT_URL is unset (and nothing of it when it is set); Ctrl-C and
SIGTERM leave nothing behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil
import psycopg
import pytest
from livekit import api

from livekit_local.server import LiveKitServer
from meet_common.livekit_rooms import run_sync
from meet_common.settings import Settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_alive(pid: int) -> bool:
    try:
        process = psutil.Process(pid)
        # In a container nobody may reap the daemonised postmaster: a zombie is gone too.
        return bool(process.status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def start(env: dict[str, str], data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    # Only what the test passes configures the server (not this session's settings).
    ours = {name.upper() for name in Settings.model_fields}
    full_env = {k: v for k, v in os.environ.items() if k not in ours}
    full_env.update(
        {
            "PORT": str(port),
            "MEET_DATA_DIR": str(data_dir),
            "LIFECYCLE_INTERVAL_SECONDS": "1",
            # Not 7880: other servers on this machine may hold it, or take it after us.
            "LIVEKIT_PORT": str(free_port()),
            **env,
        }
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "devserver"],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"devserver exited early:\n{proc.stdout.read() if proc.stdout else ''}"
            )
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("devserver did not answer within 60 s")


def stop(proc: subprocess.Popen[str], how: signal.Signals = signal.SIGINT) -> str:
    proc.send_signal(how)
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    return output


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def rooms_at(livekit_url: str, key: str, secret: str) -> set[str]:
    """The rooms a LiveKit server has, asked over its room service."""

    async def ask() -> set[str]:
        http_url = livekit_url.replace("ws", "http", 1)
        async with api.LiveKitAPI(http_url, key, secret) as lk:
            return {r.name for r in (await lk.room.list_rooms(api.ListRoomsRequest())).rooms}

    # run_sync, not asyncio.run: that leaves the main thread without a current event
    # loop, which Mangum asks for in the handler tests that follow.
    return run_sync(ask())


def join_token(base: str, meeting: dict[str, str]) -> dict[str, str]:
    response = httpx.post(
        f"{base}/api/meetings/{meeting['id']}/token",
        json={"password": meeting["password"], "name": "Ada"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def listening(url: str) -> bool:
    parts = urlsplit(url)
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((parts.hostname or "", parts.port or 80)) == 0


def listening_ports(pid: int) -> set[int]:
    return {
        c.laddr.port
        for c in psutil.Process(pid).net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN
    }


def applied_events(database_url: str, room_name: str) -> list[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT event FROM webhook_events WHERE room_name = %s", (room_name,)
        ).fetchall()
    return [row[0] for row in rows]


def test_dev_server_serves_api_pages_and_docs_and_stops_cleanly(
    postgres_url: str, data_dir: Path
) -> None:
    from tests.support.database import throwaway_database

    with throwaway_database(postgres_url) as url:
        proc, base = start({"DATABASE_URL": url}, data_dir)
        try:
            key = (data_dir / "admin_key").read_text().strip()
            auth = {"Authorization": f"Bearer {key}"}
            created = httpx.post(f"{base}/api/meetings/instant", headers=auth, timeout=10)
            assert created.status_code == 201
            assert created.json()["joinUrl"].startswith(
                f"http://localhost:{base.rsplit(':', 1)[1]}/join/"
            )
            assert httpx.get(f"{base}/api/meetings", headers=auth).json()["meetings"]
            assert httpx.get(f"{base}/api/meetings").status_code == 401
            assert "openapi" in httpx.get(f"{base}/api/openapi.json").json()
            for page in ["/meetings", "/join/some-room-ab12", "/api/docs"]:
                response = httpx.get(base + page)
                assert response.status_code == 200, page
                assert response.headers["content-type"].startswith("text/html")

            # LIVEKIT_URL unset: the embedded stand-in runs on loopback, tokens point
            # at it, the service's room calls reach it (launching made the room), and
            # its signed webhooks reach the service (the room_started event applied).
            meeting = created.json()
            livekit_url = join_token(base, meeting)["livekitUrl"]
            assert livekit_url.startswith("ws://127.0.0.1:")
            assert listening_ports(proc.pid) == {
                int(base.rsplit(":", 1)[1]),
                urlsplit(livekit_url).port,
            }
            secret = (data_dir / "livekit_api_secret").read_text().strip()
            assert len(secret) >= 32
            assert meeting["roomName"] in rooms_at(livekit_url, "devkey", secret)
            deadline = time.monotonic() + 10
            while "room_started" not in applied_events(url, meeting["roomName"]):
                assert time.monotonic() < deadline, "no room_started webhook was applied"
                time.sleep(0.1)
        finally:
            output = stop(proc)
    assert key in output  # the admin key is printed for the operator
    assert base.rsplit(":", 1)[1] in output
    # The banner says what the stand-in is, and is not.
    assert f"LiveKit    {livekit_url} (embedded LiveKit stand-in)" in output
    assert "for a few participants on this machine" in output
    assert "production uses LiveKit Cloud or livekit-server" in output
    assert secret not in output
    assert not listening(livekit_url)


def test_with_livekit_url_set_no_stand_in_starts(
    postgres_url: str, data_dir: Path, fake_livekit_server: LiveKitServer
) -> None:
    from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
    from tests.support.database import throwaway_database

    with throwaway_database(postgres_url) as url:
        env = {
            "DATABASE_URL": url,
            "ADMIN_API_KEY": "dev-key-for-test",
            "LIVEKIT_URL": fake_livekit_server.url,
            "LIVEKIT_API_KEY": LIVEKIT_KEY,
            "LIVEKIT_API_SECRET": LIVEKIT_SECRET,
        }
        proc, base = start(env, data_dir)
        try:
            created = httpx.post(
                f"{base}/api/meetings/instant",
                headers={"Authorization": "Bearer dev-key-for-test"},
                timeout=10,
            ).json()
            assert join_token(base, created)["livekitUrl"] == fake_livekit_server.url
            assert created["roomName"] in {
                c.request.name for c in fake_livekit_server.calls_to("CreateRoom")
            }
            # Nothing but the service listens: no stand-in was started.
            assert listening_ports(proc.pid) == {int(base.rsplit(":", 1)[1])}
        finally:
            output = stop(proc)
    assert "stand-in" not in output
    assert f"LiveKit    {fake_livekit_server.url}" in output
    assert not (data_dir / "livekit_api_secret").exists()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_embedded_postgres_and_livekit_start_and_stop_with_the_server(
    data_dir: Path, how: signal.Signals
) -> None:
    proc, base = start({"ADMIN_API_KEY": "dev-key-for-test"}, data_dir)
    try:
        auth = {"Authorization": "Bearer dev-key-for-test"}
        response = httpx.get(f"{base}/api/meetings", headers=auth)
        assert response.status_code == 200
        pid_file = data_dir / "postgres" / "postmaster.pid"
        assert pid_file.exists()
        postmaster = int(pid_file.read_text().split()[0])
        meeting = httpx.post(f"{base}/api/meetings/instant", headers=auth, timeout=10).json()
        livekit_url = join_token(base, meeting)["livekitUrl"]
        assert listening(livekit_url)
    finally:
        stop(proc, how)
    assert not listening(livekit_url)  # the LiveKit stand-in stopped with it
    assert not (data_dir / "admin_key").exists()  # a given key is not written down
    assert not pid_file.exists()  # PostgreSQL shut down cleanly...
    assert not postgres_alive(postmaster)  # ...and its process is gone


def test_the_stand_in_listens_on_livekit_port(postgres_url: str, data_dir: Path) -> None:
    from tests.support.database import throwaway_database

    livekit_port = free_port()
    with throwaway_database(postgres_url) as url:
        proc, base = start({"DATABASE_URL": url, "LIVEKIT_PORT": str(livekit_port)}, data_dir)
        try:
            key = (data_dir / "admin_key").read_text().strip()
            auth = {"Authorization": f"Bearer {key}"}
            meeting = httpx.post(f"{base}/api/meetings/instant", headers=auth, timeout=10).json()
            livekit_url = join_token(base, meeting)["livekitUrl"]
            assert livekit_url == f"ws://127.0.0.1:{livekit_port}"
            secret = (data_dir / "livekit_api_secret").read_text().strip()
            assert rooms_at(livekit_url, "devkey", secret) == {meeting["roomName"]}
        finally:
            stop(proc)
