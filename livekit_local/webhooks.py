"""Webhook delivery as livekit-server does it (livekit/protocol webhook/).

* The body is protojson of ``WebhookEvent`` (lowerCamelCase names, int64 as
  strings, enums by name; protocol utils/protojson Marshal), posted with
  ``content-type: application/webhook+json``, ``User-Agent: LiveKit`` and
  ``Authorization: <jwt>`` - the bare token, issued by the API key, valid five
  minutes, whose ``sha256`` claim is base64(sha256(body))
  (webhook/resource_url_notifier.go ``send``).
* One ordered queue per URL and resource (the room name for room events;
  webhook/notifier.go ``EventKey``), at most 200 deep; an event that waited more
  than 30 s in its queue is dropped instead of sent
  (``DefaultResourceURLNotifierConfig``, ``Process``).
* Each send is go-retryablehttp v0.7.8 with its defaults: up to 4 retries on a
  connection error, 429 or 5xx other than 501, none on other statuses; waits 1 s,
  2 s, 4 s, 8 s (doubling from 1 s, capped at 30 s), or what ``Retry-After`` says
  on a 429/503.

Retry waits and queue ages use the model's clock, so a test on a ``ManualClock``
moves them with ``advance``. Sends happen on the event loop given to ``attach``.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import datetime
import email.utils
import functools
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field

import aiohttp
from google.protobuf.json_format import MessageToDict
from livekit import api
from livekit.protocol import webhook as webhook_pb

from livekit_local.clock import Clock

CONTENT_TYPE = "application/webhook+json"
USER_AGENT = "LiveKit"


def event_key(event: webhook_pb.WebhookEvent) -> str:
    """webhook/notifier.go EventKey: the resource an event belongs to."""
    if event.HasField("egress_info"):
        return event.egress_info.egress_id
    if event.HasField("ingress_info"):
        return event.ingress_info.ingress_id
    if event.HasField("room"):
        return event.room.name
    return ""


def encode(event: webhook_pb.WebhookEvent) -> bytes:
    return json.dumps(MessageToDict(event), separators=(",", ":")).encode()


def sign(body: bytes, api_key: str, api_secret: str) -> str:
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    return (
        api.AccessToken(api_key, api_secret)
        .with_ttl(datetime.timedelta(minutes=5))
        .with_sha256(digest)
        .to_jwt()
    )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class Delivery:
    """What became of one event at one URL."""

    url: str
    event: webhook_pb.WebhookEvent
    outcome: str = "pending"  # sent (any final status), failed (gave up), dropped (too old/full)
    statuses: list[int] = field(default_factory=list)  # one per attempt; 0 = connection error
    waits: list[float] = field(default_factory=list)  # the delay before each retry (once set)


@dataclass
class _Item:
    queued_at: float
    delivery: Delivery


class WebhookNotifier:
    """Queues events per URL and room, and posts them in order with retries."""

    def __init__(
        self,
        urls: list[str],
        api_key: str,
        api_secret: str,
        clock: Clock,
        *,
        max_age: float = 30.0,
        max_depth: int = 200,
        retry_wait_min: float = 1.0,
        retry_wait_max: float = 30.0,
        max_retries: int = 4,
        request_timeout: float = 30.0,
    ) -> None:
        self.urls = list(urls)
        self.api_key, self.api_secret = api_key, api_secret
        self.clock = clock
        self.max_age, self.max_depth = max_age, max_depth
        self.retry_wait_min, self.retry_wait_max = retry_wait_min, retry_wait_max
        self.max_retries = max_retries
        self.request_timeout = request_timeout
        self.deliveries: list[Delivery] = []
        self._queues: dict[tuple[str, str], collections.deque[_Item]] = {}
        self._busy: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # --- lifecycle --------------------------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver on ``loop`` from now on (events queued before are sent too)."""
        self._loop = loop
        with self._lock:
            keys = list(self._queues)
        for key in keys:
            loop.call_soon_threadsafe(self._wake, key)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
        self._loop = None

    # --- the model's side -----------------------------------------------------------------

    def notify(self, event: webhook_pb.WebhookEvent) -> None:
        """Queue ``event`` for every URL; thread-safe, never blocks."""
        key = event_key(event)
        for url in self.urls:
            delivery = Delivery(url, event)
            with self._lock:
                self.deliveries.append(delivery)
                queue = self._queues.setdefault((url, key), collections.deque())
                if len(queue) >= self.max_depth:
                    delivery.outcome = "dropped"  # resource_queue.go errQueueFull
                    continue
                queue.append(_Item(self.clock.now(), delivery))
            if self._loop is not None:
                self._loop.call_soon_threadsafe(self._wake, (url, key))

    # --- for tests --------------------------------------------------------------------

    def pending(self) -> int:
        """Events queued or being sent."""
        with self._lock:
            return sum(len(q) for q in self._queues.values()) + len(self._busy)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block (a test's thread) until every queue is empty; TimeoutError if not."""
        deadline = time.monotonic() + timeout
        while self.pending():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.pending()} webhook(s) still pending")
            time.sleep(0.01)

    def reset(self) -> None:
        with self._lock:
            self._queues.clear()
            self.deliveries.clear()

    # --- delivery ---------------------------------------------------------------------

    def _wake(self, key: tuple[str, str]) -> None:
        with self._lock:
            if key in self._busy or not self._queues.get(key):
                return
            self._busy.add(key)
        task = asyncio.get_running_loop().create_task(self._worker(key))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _worker(self, key: tuple[str, str]) -> None:
        # resource_queue.go worker: the item being sent is out of the queue, so it
        # does not count against max_depth.
        try:
            while True:
                with self._lock:
                    queue = self._queues.get(key)
                    if not queue:
                        return
                    item = queue.popleft()
                await self._process(item)
        finally:
            with self._lock:
                self._busy.discard(key)

    async def _process(self, item: _Item) -> None:
        delivery = item.delivery
        if self.clock.now() - item.queued_at > self.max_age:
            delivery.outcome = "dropped"  # resource_url_notifier.go Process: "age"
            return
        body = encode(delivery.event)
        token = sign(body, self.api_key, self.api_secret)
        headers = {
            "Authorization": token,
            "content-type": CONTENT_TYPE,
            "User-Agent": USER_AGENT,
        }
        if self._session is None:
            self._session = aiohttp.ClientSession()
        for attempt in range(self.max_retries + 1):
            status, retry_after = 0, None
            try:
                async with self._session.post(
                    delivery.url,
                    data=body,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.request_timeout),
                ) as response:
                    await response.read()
                    status = response.status
                    retry_after = response.headers.get("Retry-After")
            except (aiohttp.ClientError, TimeoutError):
                status = 0
            delivery.statuses.append(status)
            retryable = status == 0 or status == 429 or (status >= 500 and status != 501)
            if not retryable:
                delivery.outcome = "sent"
                return
            if attempt == self.max_retries:
                break
            wait = min(self.retry_wait_min * 2**attempt, self.retry_wait_max)
            if status in (429, 503):
                honoured = _retry_after(retry_after)
                if honoured is not None:
                    wait = honoured
            # recorded once the timer is set, so a test can advance the clock past it
            await self.clock.sleep(wait, functools.partial(delivery.waits.append, wait))
        delivery.outcome = "failed"
