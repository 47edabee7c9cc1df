"""Webhooks as livekit-server posts them, received over loopback HTTP and verified
with the SDK's ``WebhookReceiver``; retries and drops on the manual clock."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import partial

from livekit import api
from livekit.protocol import room as room_pb

from livekit_local import LiveKitServer, ManualClock
from tests.support.livekit_model import KEY, SECRET, WebhookSink, eventually, settle


def start_room(lk: LiveKitServer, name: str) -> None:
    lk.model.create_room(room_pb.CreateRoomRequest(name=name))


def test_a_webhook_is_signed_protojson_that_the_sdk_receiver_accepts(
    lk: LiveKitServer, sink: WebhookSink
) -> None:
    lk.connect(lk.token("r1", "ada", "Ada"))

    eventually(lambda: len(sink.received) == 2)
    first = sink.received[0]
    started, joined = sink.events()

    assert first.headers["Content-Type"] == "application/webhook+json"
    assert first.headers["User-Agent"] == "LiveKit"
    assert not first.headers["Authorization"].startswith("Bearer")
    claims = api.TokenVerifier(KEY, SECRET).verify(first.headers["Authorization"])
    assert claims.sha256 == base64.b64encode(hashlib.sha256(first.body.encode()).digest()).decode()
    body = json.loads(first.body)
    # protojson: lowerCamelCase names, int64 as strings
    assert body["event"] == "room_started"
    assert body["createdAt"] == str(started.created_at)
    assert body["room"]["emptyTimeout"] == 300
    assert (started.event, joined.event) == ("room_started", "participant_joined")
    assert joined.participant.name == "Ada"
    assert started.id.startswith("EV_")
    assert started.id != joined.id
    assert started.room.sid == joined.room.sid


def test_each_room_is_delivered_in_order_behind_a_retried_event(
    lk: LiveKitServer, sink: WebhookSink, clock: ManualClock
) -> None:
    sink.answers = [(503, {"Retry-After": "3"})]
    start_room(lk, "a")
    eventually(lambda: lk.notifier.deliveries[0].waits == [3])
    start_room(lk, "b")  # another room's queue is not held up
    eventually(lambda: len(sink.received) == 2)
    lk.model.delete_room("a")
    settle()
    assert sink.kinds()[1:] == ["room_started"]  # a's second event waits behind its retry

    clock.advance(3)

    eventually(lambda: len(sink.received) == 4)
    rooms = [(e.room.name, e.event) for e in sink.events()]
    assert rooms == [
        ("a", "room_started"),
        ("b", "room_started"),
        ("a", "room_started"),
        ("a", "room_finished"),
    ]


def test_a_503_is_retried_after_its_retry_after(
    lk: LiveKitServer, sink: WebhookSink, clock: ManualClock
) -> None:
    sink.answers = [(503, {"Retry-After": "7"})]
    start_room(lk, "r1")
    eventually(lambda: lk.notifier.deliveries[0].waits == [7])

    clock.advance(6.9)
    settle()
    assert len(sink.received) == 1
    clock.advance(0.1)

    eventually(lambda: len(sink.received) == 2)
    assert sink.received[1].at - sink.received[0].at == 7
    (delivery,) = lk.notifier.deliveries
    eventually(lambda: delivery.outcome == "sent")
    assert delivery.statuses == [503, 200]


def test_server_errors_back_off_1_2_4_8_seconds_then_give_up(
    lk: LiveKitServer, sink: WebhookSink, clock: ManualClock
) -> None:
    sink.answers = [(500, {})] * 5
    start_room(lk, "r1")

    delivery = lk.notifier.deliveries[0]

    def waited(times: int) -> bool:
        return len(delivery.waits) == times

    for retry in range(4):
        eventually(partial(waited, retry + 1))
        clock.advance(2**retry)
    eventually(lambda: len(sink.received) == 5)
    clock.advance(60)
    settle()

    eventually(lambda: delivery.outcome == "failed")
    assert len(sink.received) == 5
    assert delivery.waits == [1, 2, 4, 8]


def test_a_4xx_is_not_retried(lk: LiveKitServer, sink: WebhookSink, clock: ManualClock) -> None:
    sink.answers = [(400, {})]
    start_room(lk, "r1")
    eventually(lambda: len(sink.received) == 1)

    clock.advance(60)
    settle()

    assert len(sink.received) == 1
    assert lk.notifier.deliveries[0].statuses == [400]


def test_an_event_older_than_30_seconds_in_its_queue_is_dropped(
    lk: LiveKitServer, sink: WebhookSink, clock: ManualClock
) -> None:
    sink.answers = [(503, {"Retry-After": "31"})]
    start_room(lk, "r1")
    eventually(lambda: lk.notifier.deliveries[0].waits == [31])
    lk.model.delete_room("r1")  # queued behind the retry, for 31 s

    clock.advance(31)
    eventually(lambda: len(sink.received) == 2)
    eventually(lambda: lk.notifier.pending() == 0)
    start_room(lk, "r1")  # a fresh event is sent again
    eventually(lambda: len(sink.received) == 3)

    assert sink.kinds() == ["room_started", "room_started", "room_started"]
    assert [d.outcome for d in lk.notifier.deliveries] == ["sent", "dropped", "sent"]


def test_a_full_room_queue_drops_new_events(
    lk: LiveKitServer, sink: WebhookSink, clock: ManualClock
) -> None:
    lk.notifier.max_depth = 2  # 200 in livekit (DefaultResourceURLNotifierConfig)
    sink.answers = [(503, {"Retry-After": "5"})]
    start_room(lk, "r1")
    eventually(lambda: lk.notifier.deliveries[0].waits == [5])
    for identity in ("ada", "bob", "cyd"):  # two fit behind the one being sent
        lk.connect(lk.token("r1", identity))

    assert [d.outcome for d in lk.notifier.deliveries[1:]] == ["pending", "pending", "dropped"]
    clock.advance(5)
    eventually(lambda: len(sink.received) == 4)
    assert [e.participant.identity for e in sink.events()[1:]] == ["", "ada", "bob"]
