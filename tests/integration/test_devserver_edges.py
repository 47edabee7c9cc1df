"""The local server's own choices: who the client is, and how the admin key is kept."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

import devserver.__main__ as devserver_main
from devserver import livekit as embedded_livekit
from devserver.app import build_app
from tests.support.meeting_rows import insert_meeting

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def local_server(service_env: dict[str, str]) -> Iterator[str]:
    import socket
    import time

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(build_app(), **devserver_main.UVICORN_OPTIONS)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def test_x_forwarded_for_does_not_buy_a_guesser_fresh_attempts(
    local_server: str, database_url: str
) -> None:
    meeting = insert_meeting(database_url)
    statuses = []
    for n in range(11):
        response = httpx.post(
            f"{local_server}/api/meetings/{meeting['id']}/token",
            json={"password": "wrong-guess", "name": "Mallory"},
            headers={"X-Forwarded-For": f"198.51.100.{n + 1}", "X-Real-IP": f"192.0.2.{n}"},
        )
        statuses.append(response.status_code)
    assert statuses == [401] * 10 + [429]


@pytest.mark.parametrize(
    ("file_name", "env_name", "make"),
    [
        ("admin_key", "ADMIN_API_KEY", lambda data: devserver_main.admin_key()),
        (
            embedded_livekit.SECRET_FILE,
            "LIVEKIT_API_SECRET",
            lambda data: embedded_livekit.api_secret(data),
        ),
    ],
)
def test_generated_secret_files_are_private_from_their_creation(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    file_name: str,
    env_name: str,
    make: Callable[[Path], str],
) -> None:
    monkeypatch.setattr(devserver_main, "DATA_DIR", tmp_path)
    monkeypatch.delenv(env_name, raising=False)
    created_modes: list[int] = []
    real_open = os.open

    def watching_open(path: str, flags: int, mode: int = 0o777, *args: object) -> int:
        fd = real_open(path, flags, mode, *args)  # type: ignore[arg-type]
        if str(path).endswith(file_name) and flags & os.O_CREAT:
            created_modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return fd

    monkeypatch.setattr(os, "open", watching_open)
    secret = make(tmp_path)

    assert created_modes == [0o600]
    assert stat.S_IMODE((tmp_path / file_name).stat().st_mode) == 0o600
    assert make(tmp_path) == secret  # read back, not made anew
