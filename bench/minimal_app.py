"""The limit the token route is measured against: a join-token handler of our own in
raw ASGI (no framework, no middleware, no log line), served by the same uvicorn
process beside the service's routes.

It does the work the route cannot avoid, done the plainest way: parse the JSON body,
one transaction with the route's SQL (BEGIN with the statement timeout, the client's
advisory lock, the one read of the meeting with the client's failures and the
allowlist, the insert of the issued identity, COMMIT) on a psycopg async connection
pool inside the server's loop, the password compared in constant time, a join JWT
with the claims LiveKit's ``AccessToken`` produces signed with PyJWT, a JSON answer.
It is deliberately independent of the service's code, so its figures stay the same
reference while the service changes.

Served as ``uvicorn bench.minimal_app:build_app --factory``: ``MINIMAL_PREFIX``
paths go to the handler, everything else to the local server's app.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.types import ASGIApp, Receive, Scope, Send

MINIMAL_PREFIX = "/bench/minimal/"
POOL_SIZE = 8  # what the local server's pool holds
TOKEN_TTL_SECONDS = 6 * 3600
FAILURE_LIMIT = 10
FAILURE_WINDOW = timedelta(minutes=15)

BEGIN = "BEGIN; SET LOCAL statement_timeout = 5000"
LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))"
READ = (
    "SELECT m.*,"
    " (SELECT f.attempted_at FROM failed_join_attempts f"
    " WHERE f.meeting_id = m.id AND f.client_ip = %(client_ip)s"
    " AND f.attempted_at > %(since)s"
    " ORDER BY f.attempted_at DESC OFFSET %(offset)s LIMIT 1) AS nth_failure_at,"
    " (%(email)s::text IS NOT NULL AND EXISTS (SELECT 1 FROM meeting_participants p"
    " WHERE p.meeting_id = m.id AND p.email = %(email)s::text)) AS invited"
    " FROM meetings m WHERE m.id = %(meeting_id)s"
)
INSERT = (
    "INSERT INTO issued_identities (meeting_id, identity, name, email, is_host, issued_at)"
    " VALUES (%s, %s, %s, %s, false, now()) ON CONFLICT (meeting_id, identity) DO NOTHING"
)
JSON_HEADERS = [(b"content-type", b"application/json")]


class MinimalTokenHandler:
    def __init__(
        self,
        database_url: str,
        api_key: str,
        api_secret: str,
        livekit_url: str,
        pool_size: int = POOL_SIZE,
    ):
        self.database_url = database_url
        self.pool_size = pool_size
        self.api_key = api_key
        self.api_secret = api_secret
        self.livekit_url = livekit_url
        self.pool: AsyncConnectionPool[AsyncConnection[dict[str, Any]]] | None = None

    async def _pool(self) -> AsyncConnectionPool[AsyncConnection[dict[str, Any]]]:
        """The pool, created inside the server's loop on the first request (the first
        requests arrive together: they share one pool, which hands out connections
        as it opens them)."""
        if self.pool is None:
            self.pool = AsyncConnectionPool(
                self.database_url,
                min_size=self.pool_size,
                max_size=self.pool_size,
                open=False,
                connection_class=AsyncConnection[dict[str, Any]],
                kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": None},
            )
            await self.pool.open()
        return self.pool

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        request = json.loads(body)
        meeting_id = scope["path"][len(MINIMAL_PREFIX) :].split("/", 1)[0]
        client_ip = scope["client"][0] if scope.get("client") else "unknown"
        name = str(request["name"]).strip()
        email = (request.get("email") or "").strip().lower() or None
        identity = f"guest-{secrets.token_hex(6)}"
        pool = await self._pool()
        async with pool.connection() as conn:
            await conn.execute(BEGIN)
            try:
                await conn.execute(LOCK, (f"join:{meeting_id}:{client_ip}",))
                cursor = await conn.execute(
                    READ,
                    {
                        "meeting_id": meeting_id,
                        "client_ip": client_ip,
                        "since": datetime.now(UTC) - FAILURE_WINDOW,
                        "offset": FAILURE_LIMIT - 1,
                        "email": email,
                    },
                )
                meeting = await cursor.fetchone()
                ok = meeting is not None and hmac.compare_digest(
                    str(request["password"]).encode(), meeting["password"].encode()
                )
                ok = ok and meeting is not None and (meeting["is_public"] or meeting["invited"])
                if ok and meeting is not None:
                    await conn.execute(INSERT, (meeting["id"], identity, name, email))
                await conn.execute("COMMIT")
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
        if not ok or meeting is None:
            await _answer(send, 401, {"error": {"code": "refused"}})
            return
        now = int(time.time())
        config: dict[str, Any] = {"emptyTimeout": 300, "departureTimeout": 90}
        if meeting["max_participants"]:
            config["maxParticipants"] = meeting["max_participants"]
        claims = {
            "name": name,
            "video": {
                "roomJoin": True,
                "room": meeting["room_name"],
                "canPublish": True,
                "canSubscribe": True,
                "canPublishData": True,
            },
            "roomConfig": config,
            "sub": identity,
            "iss": self.api_key,
            "nbf": now,
            "exp": now + TOKEN_TTL_SECONDS,
        }
        token = jwt.encode(claims, self.api_secret, algorithm="HS256")
        await _answer(
            send,
            200,
            {
                "token": token,
                "livekitUrl": self.livekit_url,
                "roomName": meeting["room_name"],
                "identity": identity,
                "meeting": {
                    "id": str(meeting["id"]),
                    "title": meeting["title"],
                    "status": meeting["status"],
                    "isPublic": meeting["is_public"],
                },
            },
        )


async def _answer(send: Send, status: int, document: dict[str, Any]) -> None:
    body = json.dumps(document).encode()
    headers = [*JSON_HEADERS, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def build_app() -> ASGIApp:
    """The local server's app with the minimal handler beside it (uvicorn factory)."""
    from devserver.app import build_app as build_local_app

    service = build_local_app()
    minimal = MinimalTokenHandler(
        os.environ["DATABASE_URL"],
        os.environ["LIVEKIT_API_KEY"],
        os.environ["LIVEKIT_API_SECRET"],
        os.environ["LIVEKIT_URL"],
    )

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(MINIMAL_PREFIX):
            await minimal(scope, receive, send)
        else:
            await service(scope, receive, send)

    return app
