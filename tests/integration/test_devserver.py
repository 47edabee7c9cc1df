"""`make dev`'s process: one origin for pages, API and docs; Ctrl-C leaves nothing behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

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
        finally:
            output = stop(proc)
    assert key in output  # the admin key is printed for the operator
    assert base.rsplit(":", 1)[1] in output


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_embedded_postgres_starts_under_the_data_dir_and_stops_with_the_server(
    data_dir: Path, how: signal.Signals
) -> None:
    proc, base = start({"ADMIN_API_KEY": "dev-key-for-test"}, data_dir)
    try:
        response = httpx.get(
            f"{base}/api/meetings", headers={"Authorization": "Bearer dev-key-for-test"}
        )
        assert response.status_code == 200
        pid_file = data_dir / "postgres" / "postmaster.pid"
        assert pid_file.exists()
        postmaster = int(pid_file.read_text().split()[0])
    finally:
        stop(proc, how)
    assert not (data_dir / "admin_key").exists()  # a given key is not written down
    assert not pid_file.exists()  # PostgreSQL shut down cleanly...
    assert not postgres_alive(postmaster)  # ...and its process is gone


def test_dev_server_runs_a_local_livekit_that_gets_its_rooms(
    postgres_url: str, data_dir: Path
) -> None:
    import asyncio

    from livekit import api

    from tests.support.database import throwaway_database

    livekit_port = free_port()
    with throwaway_database(postgres_url) as url:
        proc, base = start({"DATABASE_URL": url, "LIVEKIT_PORT": str(livekit_port)}, data_dir)
        try:
            key = (data_dir / "admin_key").read_text().strip()
            auth = {"Authorization": f"Bearer {key}"}
            meeting = httpx.post(f"{base}/api/meetings/instant", headers=auth, timeout=10).json()

            async def rooms() -> list[str]:
                # livekit-server --dev's key pair, the settings' defaults
                async with api.LiveKitAPI(
                    f"http://127.0.0.1:{livekit_port}", "devkey", "secret"
                ) as client:
                    listed = await client.room.list_rooms(api.ListRoomsRequest())
                    return [r.name for r in listed.rooms]

            # not asyncio.run: it unsets the main thread's loop, which Mangum needs later
            loop = asyncio.new_event_loop()
            try:
                assert loop.run_until_complete(rooms()) == [meeting["roomName"]]
            finally:
                loop.close()
        finally:
            output = stop(proc)
    assert f"ws://127.0.0.1:{livekit_port}" in output
