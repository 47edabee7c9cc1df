"""LiveKit webhook events applied per second, in process, against a throwaway
PostgreSQL, each figure beside a minimal handler's measured in the same run.

A meeting's joins and leaves arrive in bursts, so the figure is how many signed
events one process applies per second, one after another (a Lambda serves one
request at a time). The events are what livekit-server sends for a participant in a
real room (livekit_local/state.py's ParticipantInfo: tracks with simulcast layers,
permission, version, kind; the room with its timeouts and counts), as compact
protojson, with a five-minute JWT whose ``sha256`` claim is the body's hash
(protocol webhook/url_notifier.go ``send``). Half are participant_joined, half the
matching participant_left, spread over MEETINGS ACTIVE meetings; every delivery has
an event id of its own, so each is applied.

- ``lambda``: the webhook function's Lambda entry point (Powertools, Mangum,
  FastAPI, the service), logging at INFO as deployed (to /dev/null).
- ``minimal``: the bar. A plain function doing the work nothing can avoid, the
  plainest way: check the HS256 JWT (issuer, expiry) and the body's SHA-256 with the
  standard library, ``json.loads`` the body, then one transaction on a psycopg
  connection: BEGIN with the statement timeout, the meeting locked and the event id
  recorded in one statement, the event's statements in one pipeline, COMMIT. No
  framework and no log line. It is independent of the service's code, so it stays
  the same reference while the service changes.

Rounds alternate (minimal, then lambda) so both see the same machine; each figure is
the median of RUNS rounds; ``vs_minimal`` is lambda's rate over minimal's from the
same round, ``cpu_vs_minimal`` its CPU time per event (this process's, PostgreSQL's
not counted) over minimal's.

``--async-commit`` turns synchronous_commit off in the throwaway database, so that
the disk's flush at each COMMIT (which bounds the minimal handler as much as the
service, one event at a time) leaves the figures: what the code itself allows.

Run: ``.venv/bin/python -m bench.bench_webhook [--quick] [--async-commit]``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import logging
import os
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from google.protobuf.json_format import MessageToDict
from livekit import api
from livekit.protocol import models
from livekit.protocol.webhook import WebhookEvent
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from bench.support import LIVEKIT_KEY, LIVEKIT_SECRET, local_stack, print_table, write_results
from meet_common.observability import logger
from tests.support.apigw import LambdaContext, rest_event
from tests.support.meeting_rows import insert_meetings

MEETINGS = 50
RUNS = 3


@dataclass(frozen=True)
class Delivery:
    body: bytes
    authorization: str


def _participant(identity: str, joined: float) -> models.ParticipantInfo:
    simulcast = ((0, 320, 180, 150_000), (1, 640, 360, 500_000), (2, 1280, 720, 1_700_000))
    layers = [
        models.VideoLayer(quality=q, width=w, height=h, bitrate=b)  # type: ignore[arg-type]
        for q, w, h, b in simulcast
    ]
    return models.ParticipantInfo(
        sid=f"PA_{uuid.uuid4().hex[:12]}",
        identity=identity,
        name="Guest Bench",
        state=models.ParticipantInfo.State.ACTIVE,
        joined_at=int(joined),
        joined_at_ms=int(joined * 1000),
        version=3,
        is_publisher=True,
        kind=models.ParticipantInfo.Kind.STANDARD,
        permission=models.ParticipantPermission(
            can_subscribe=True, can_publish=True, can_publish_data=True
        ),
        tracks=[
            models.TrackInfo(
                sid=f"TR_{uuid.uuid4().hex[:12]}",
                type=models.TrackType.AUDIO,
                source=models.TrackSource.MICROPHONE,
                mime_type="audio/opus",
            ),
            models.TrackInfo(
                sid=f"TR_{uuid.uuid4().hex[:12]}",
                type=models.TrackType.VIDEO,
                source=models.TrackSource.CAMERA,
                width=1280,
                height=720,
                simulcast=True,
                mime_type="video/VP8",
                layers=layers,
            ),
        ],
    )


def _room(name: str, created: float) -> models.Room:
    return models.Room(
        sid=f"RM_{name}",
        name=name,
        empty_timeout=300,
        departure_timeout=20,
        creation_time=int(created),
        creation_time_ms=int(created * 1000),
        turn_password="t" * 32,
        num_participants=7,
        num_publishers=5,
    )


def deliveries(rooms: list[str], events: int) -> list[Delivery]:
    """``events`` signed deliveries: joins and the matching leaves, new ids."""
    now = time.time()
    out = []
    for i in range(events):
        kind = "participant_joined" if i % 2 == 0 else "participant_left"
        pair = i // 2
        if i % 2 == 0:
            person = _participant(f"guest-{uuid.uuid4().hex[:12]}", now)
        message = WebhookEvent(
            event=kind,
            id=f"EV_{uuid.uuid4().hex[:12]}",
            created_at=int(now) + (i % 2),
            room=_room(rooms[pair % len(rooms)], now - 60),
            participant=person,
        )
        body = json.dumps(MessageToDict(message), separators=(",", ":")).encode()
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        token = (
            api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
            .with_ttl(timedelta(minutes=5))
            .with_sha256(digest)
            .to_jwt()
        )
        out.append(Delivery(body, token))
    return out


# --- the bar -------------------------------------------------------------------------

BEGIN = "BEGIN; SET LOCAL statement_timeout = 5000"
LOCK_AND_RECORD = (
    "WITH meeting AS (SELECT id, status FROM meetings WHERE room_name = %(room)s FOR UPDATE),"
    " recorded AS (INSERT INTO webhook_events (id, event, room_name, occurred_at)"
    " SELECT %(id)s, %(event)s, %(room)s, %(at)s FROM meeting"
    " ON CONFLICT (id) DO NOTHING RETURNING 1)"
    " SELECT id, status, EXISTS (SELECT FROM recorded) FROM meeting"
)
FIRST_JOIN = (
    "UPDATE meetings SET started_at = LEAST(started_at, %(at)s), updated_at = now()"
    " WHERE id = %(m)s AND (started_at IS NULL OR started_at > %(at)s)"
)
CLOSE_EARLIER = (
    "UPDATE attendance SET left_at = GREATEST(joined_at, %(at)s), updated_at = now()"
    " WHERE meeting_id = %(m)s AND identity = %(i)s AND participant_sid <> %(s)s"
    " AND left_at IS NULL AND joined_at <= %(at)s"
)
UPSERT = (
    "INSERT INTO attendance (meeting_id, identity, participant_sid, name, joined_at, left_at)"
    " VALUES (%(m)s, %(i)s, %(s)s, %(name)s, %(at)s, %(left)s)"
    " ON CONFLICT (meeting_id, identity, participant_sid) DO UPDATE SET"
    " joined_at = LEAST(attendance.joined_at, EXCLUDED.joined_at),"
    " left_at = LEAST(attendance.left_at, EXCLUDED.left_at),"
    " name = COALESCE(EXCLUDED.name, attendance.name), updated_at = now()"
)
RECOUNT = (
    "UPDATE meetings m SET participant_count = (SELECT count(*) FROM attendance a"
    " WHERE a.meeting_id = m.id AND a.left_at IS NULL) WHERE m.id = %(m)s"
)


def _b64url(part: bytes) -> bytes:
    return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))


class MinimalWebhook:
    """Checks, parses and applies one delivery; answers (status, body)."""

    def __init__(self, database_url: str, api_key: str, api_secret: str) -> None:
        self.key = api_key
        self.secret = api_secret.encode()
        self.conn = psycopg.connect(database_url, autocommit=True, prepare_threshold=None)

    def close(self) -> None:
        self.conn.close()

    def __call__(self, body: bytes, authorization: str) -> tuple[int, bytes]:
        head, payload, signature = authorization.encode().split(b".")
        mac = hmac.new(self.secret, head + b"." + payload, hashlib.sha256).digest()
        claims = json.loads(_b64url(payload))
        now = time.time()
        if (
            not hmac.compare_digest(mac, _b64url(signature))
            or json.loads(_b64url(head)).get("alg") != "HS256"
            or claims.get("iss") != self.key
            or claims["exp"] < now - 60
            or claims.get("nbf", 0) > now + 60
            or base64.b64decode(claims["sha256"]) != hashlib.sha256(body).digest()
        ):
            return 401, b'{"error":{"code":"webhook_signature_invalid"}}'
        event = json.loads(body)
        kind = event["event"]
        person = event["participant"]
        at = datetime.fromtimestamp(int(event["createdAt"]), UTC)
        joined = datetime.fromtimestamp(int(person["joinedAtMs"]) / 1000, UTC)
        conn = self.conn
        conn.execute(BEGIN)
        try:
            row = conn.execute(
                LOCK_AND_RECORD,
                {"room": event["room"]["name"], "id": event["id"], "event": kind, "at": at},
            ).fetchone()
            outcome = "ignored" if row is None else "applied" if row[2] else "duplicate"
            if row is not None and row[2]:
                values = {
                    "m": row[0],
                    "i": person["identity"],
                    "s": person["sid"],
                    "name": person.get("name"),
                    "at": joined if kind == "participant_joined" else min(joined, at),
                    "left": None if kind == "participant_joined" else at,
                }
                with conn.pipeline():
                    if kind == "participant_joined":
                        conn.execute(FIRST_JOIN, values)
                        conn.execute(CLOSE_EARLIER, values)
                    conn.execute(UPSERT, values)
                    conn.execute(RECOUNT, values)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return 200, json.dumps({"event": kind, "outcome": outcome}).encode()


# --- measuring -----------------------------------------------------------------------


def timed(apply: Callable[[Delivery], int], sent: list[Delivery]) -> dict[str, Any]:
    statuses: Counter[int] = Counter()
    cpu = time.process_time()
    started = time.perf_counter()
    for delivery in sent:
        statuses[apply(delivery)] += 1
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if dict(statuses) != {200: len(sent)}:
        raise SystemExit(f"unexpected statuses {dict(statuses)}")
    return {
        "events": len(sent),
        "events_per_s": round(len(sent) / wall, 1),
        "mean_ms": round(wall / len(sent) * 1000, 3),
        # This process's CPU (PostgreSQL's is not counted): less sensitive than the
        # rate to what else the machine runs.
        "cpu_ms": round(cpu / len(sent) * 1000, 3),
    }


def lambda_apply() -> Callable[[Delivery], int]:
    from webhook.handler import handler

    context = LambdaContext()

    def apply(delivery: Delivery) -> int:
        event = rest_event(
            "POST",
            "/api/livekit/webhook",
            raw_body=delivery.body,
            headers={
                "Content-Type": "application/webhook+json",
                "Authorization": delivery.authorization,
            },
        )
        return int(handler(event, context)["statusCode"])

    return apply


def quiet_info_logs() -> None:
    """The service's log lines at INFO, as deployed, written to /dev/null: formatting
    and writing them is part of an event's cost, reading them on this terminal is not."""
    logger.setLevel("INFO")
    sink = open(os.devnull, "w")  # noqa: SIM115 - open for the process's life
    for handler in logger.handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(sink)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_webhook")
    parser.add_argument("--quick", action="store_true", help="a few seconds, for CI")
    parser.add_argument("--events", type=int, help="per scenario and round")
    parser.add_argument("--runs", type=int, help="rounds")
    parser.add_argument(
        "--async-commit",
        action="store_true",
        help="synchronous_commit off in the throwaway database: the disk's flush per "
        "COMMIT taken out of every figure, to see what the code itself allows",
    )
    args = parser.parse_args(argv)
    events = args.events or (300 if args.quick else 3_000)
    runs = args.runs or (1 if args.quick else RUNS)

    with local_stack() as stack:
        quiet_info_logs()
        url = stack.database_url
        if args.async_commit:
            database = conninfo_to_dict(url)["dbname"]
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("ALTER DATABASE {} SET synchronous_commit = off").format(
                        sql.Identifier(str(database))
                    )
                )
        meeting_ids = insert_meetings(url, MEETINGS, status="ACTIVE")
        with psycopg.connect(url) as conn:
            found = conn.execute(
                "SELECT room_name FROM meetings WHERE id = ANY(%s)", (meeting_ids,)
            ).fetchall()
        rooms = [row[0] for row in found]
        minimal = MinimalWebhook(url, LIVEKIT_KEY, LIVEKIT_SECRET)
        through_lambda = lambda_apply()
        scenarios: dict[str, Callable[[Delivery], int]] = {
            "minimal": lambda d: minimal(d.body, d.authorization)[0],
            "lambda": through_lambda,
        }
        for apply in scenarios.values():  # warm: imports, connections, caches
            for delivery in deliveries(rooms, 20):
                apply(delivery)
        rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in scenarios}
        for _ in range(runs):
            for name, apply in scenarios.items():
                rounds[name].append(timed(apply, deliveries(rooms, events)))
            ours, bar = rounds["lambda"][-1], rounds["minimal"][-1]
            ours["vs_minimal"] = round(ours["events_per_s"] / bar["events_per_s"], 3)
            ours["cpu_vs_minimal"] = round(ours["cpu_ms"] / bar["cpu_ms"], 3)
        minimal.close()

    figures: dict[str, Any] = {
        "meetings": MEETINGS,
        "runs": runs,
        "synchronous_commit": "off" if args.async_commit else "on",
    }
    for name, results in rounds.items():
        merged = dict(results[0])
        for key in results[0]:
            merged[key] = round(statistics.median(r[key] for r in results), 3)
        figures[name] = merged
    written = write_results("webhook", figures)
    rows = [
        (
            name,
            f"{f['events_per_s']} events/s"
            + (f" (x{f['vs_minimal']})" if "vs_minimal" in f else "")
            + f", {f['mean_ms']} ms each, CPU {f['cpu_ms']} ms"
            + (f" (x{f['cpu_vs_minimal']})" if "cpu_vs_minimal" in f else ""),
        )
        for name, f in ((n, figures[n]) for n in scenarios)
    ]
    print_table(
        f"Webhook events applied, one process, one at a time ({events} per round, median "
        f"of {runs}, synchronous_commit {figures['synchronous_commit']}); (xN): over the "
        "minimal handler's figure in the same round",
        rows,
    )
    print(f"\nwrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
