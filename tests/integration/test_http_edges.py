"""What the HTTP stack does at its edges, over real sockets to uvicorn: bodies that
hide their size, an unexpected error on a keep-alive connection, request ids a client
makes up, and the headers every answer carries."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import APIRouter

from devserver.app import build_app
from devserver.security import page_csp
from meet_common.http import create_app
from meet_common.settings import get_settings

pytestmark = pytest.mark.usefixtures("db")

JSON = {"Content-Type": "application/json"}
boom = APIRouter()


@boom.get("/api/boom")
def explode() -> None:
    raise RuntimeError("an unexpected failure")


@boom.post("/api/echo-size")
async def echo_size(body: dict[str, str]) -> dict[str, int]:
    return {"size": len(body.get("data", ""))}


def serve(app: object) -> Iterator[tuple[str, int]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield sock.getsockname()[:2]
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def edge_server(service_env: dict[str, str]) -> Iterator[tuple[str, int]]:
    yield from serve(create_app([boom]))


@pytest.fixture(scope="module")
def dev_server(service_env: dict[str, str]) -> Iterator[tuple[str, int]]:
    yield from serve(build_app())


def raw_exchange(address: tuple[str, int], request: bytes, *, chunks: Iterator[bytes]) -> bytes:
    with socket.create_connection(address, timeout=10) as conn:
        conn.sendall(request)
        try:
            for chunk in chunks:
                conn.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body ended: as it should
        received = b""
        while b"\r\n\r\n" not in received:
            data = conn.recv(65536)
            if not data:
                break
            received += data
        return received


def test_a_chunked_body_with_a_small_content_length_is_counted_and_refused(
    edge_server: tuple[str, int],
) -> None:
    limit = get_settings().max_request_body_bytes
    piece = b"x" * 65536
    pieces = (limit // len(piece)) + 4  # past the limit by four pieces

    def chunks() -> Iterator[bytes]:
        yield b'{"data": "'
        for _ in range(pieces):
            yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        yield b"0\r\n\r\n"

    head = (
        b"POST /api/echo-size HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    first = b'{"data": "'
    request = head + f"{len(first):x}\r\n".encode() + first + b"\r\n"
    answer = raw_exchange(edge_server, request, chunks=iter(list(chunks())[1:]))
    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line.split()[1] in {b"413", b"400"}, answer[:200]


def test_an_unexpected_error_is_a_500_in_the_error_shape_and_keeps_the_connection(
    edge_server: tuple[str, int],
) -> None:
    conn = http.client.HTTPConnection(*edge_server, timeout=10)
    conn.request("GET", "/api/boom")
    failed = conn.getresponse()
    assert failed.status == 500
    assert json.loads(failed.read()) == {
        "error": {"code": "internal", "message": "Internal server error."}
    }
    assert failed.getheader("connection") != "close"
    first_socket = conn.sock
    # http.client does not reconnect by itself: this fails if the server hung up.
    conn.request("POST", "/api/echo-size", body=b'{"data": "abc"}', headers=JSON)
    after = conn.getresponse()
    assert json.loads(after.read()) == {"size": 3}
    assert conn.sock is first_socket
    conn.close()


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("req-123.abc", True),
        ("x" * 65, False),
        ("bad id with spaces", False),
        ("evil\u00e9", False),
    ],
)
def test_a_client_request_id_is_kept_only_when_short_and_safe(
    edge_server: tuple[str, int], sent: str, kept: bool
) -> None:
    host, port = edge_server
    response = httpx.get(
        f"http://{host}:{port}/api/echo-missing",
        headers=[(b"X-Request-Id", sent.encode("latin-1"))],
    )
    assert (response.headers["x-request-id"] == sent) is kept


def test_api_answers_carry_security_headers_and_no_store(dev_server: tuple[str, int]) -> None:
    host, port = dev_server
    for path in ["/api/health", "/api/rooms/nope-aaaaaaaa", "/api/meetings"]:
        response = httpx.get(f"http://{host}:{port}{path}")
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "no-referrer", path
        assert response.headers["content-security-policy"] == (
            "default-src 'none'; frame-ancestors 'none'"
        ), path
        assert response.headers["cache-control"] == "no-store", path


def test_pages_carry_their_csp(dev_server: tuple[str, int]) -> None:
    host, port = dev_server
    expected = page_csp(get_settings().livekit_url)
    assert "frame-ancestors 'none'" in expected
    for path in ["/meetings", "/join/some-room-abcdefgh", "/api/docs"]:
        response = httpx.get(f"http://{host}:{port}{path}")
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == expected, path
        assert response.headers["x-content-type-options"] == "nosniff", path
