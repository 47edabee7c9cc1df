from __future__ import annotations

from collections.abc import Iterator

import pytest

from livekit_local import LiveKitServer, ManualClock
from tests.support.livekit_model import WebhookSink, serve


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sink(clock: ManualClock) -> Iterator[WebhookSink]:
    receiver = WebhookSink(clock).start()
    yield receiver
    receiver.stop()


@pytest.fixture
def lk(clock: ManualClock, sink: WebhookSink) -> Iterator[LiveKitServer]:
    """A local LiveKit on a manual clock, posting webhooks to ``sink``."""
    yield from serve(clock, (sink.url,))
