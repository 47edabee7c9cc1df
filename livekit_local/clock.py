"""Time for the local LiveKit: a clock tests can move, and the system clock.

Every timed rule of the model (a room's empty/departure timeout, the one-minute
join timeout, the five-minute token refresh) and every webhook retry delay is a
timer on one of these clocks, so a test can play minutes of LiveKit time in
milliseconds with ``ManualClock.advance``.

Timers fire on the thread that moves time: ``advance()``'s caller for the
manual clock, the server's event loop (its ticker calls ``tick()``) for the
system clock. Callbacks must therefore be thread-safe and must not block.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(order=True)
class Timer:
    """A pending callback; ``cancel()`` it to stop it from firing."""

    when: float
    seq: int
    callback: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    """A clock with timers. Subclasses say what "now" is and when time moves."""

    def __init__(self) -> None:
        self._timers: list[Timer] = []
        self._seq = itertools.count()
        self._lock = threading.RLock()

    def now(self) -> float:
        raise NotImplementedError

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        timer = Timer(when, next(self._seq), callback)
        with self._lock:
            heapq.heappush(self._timers, timer)
        return timer

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        return self.call_at(self.now() + delay, callback)

    def _pop_due(self, now: float) -> Timer | None:
        with self._lock:
            while self._timers and self._timers[0].cancelled:
                heapq.heappop(self._timers)
            if self._timers and self._timers[0].when <= now:
                return heapq.heappop(self._timers)
            return None

    def _next_deadline(self) -> float | None:
        with self._lock:
            live = [t.when for t in self._timers if not t.cancelled]
            return min(live) if live else None

    async def sleep(self, seconds: float, scheduled: Callable[[], None] | None = None) -> None:
        """Sleep ``seconds`` of this clock's time on the running event loop;
        ``scheduled`` runs once the wake-up timer is set (tests wait for it)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            def resolve() -> None:
                if not done.done():
                    done.set_result(None)

            loop.call_soon_threadsafe(resolve)

        timer = self.call_later(max(0.0, seconds), wake)
        if scheduled is not None:
            scheduled()
        try:
            await done
        finally:
            timer.cancel()

    def pending(self) -> int:
        """How many timers are waiting (for tests and debugging)."""
        with self._lock:
            return sum(1 for t in self._timers if not t.cancelled)


class SystemClock(Clock):
    """Wall-clock time; ``tick()`` (called by the server about ten times a second)
    fires the timers that are due."""

    def now(self) -> float:
        return time.time()

    def tick(self) -> None:
        now = self.now()
        while (timer := self._pop_due(now)) is not None:
            timer.callback()

    async def sleep(self, seconds: float, scheduled: Callable[[], None] | None = None) -> None:
        if scheduled is not None:
            scheduled()
        await asyncio.sleep(max(0.0, seconds))


class ManualClock(Clock):
    """Time that only moves when a test says so. Starts at the wall-clock time of
    its creation (so tokens signed from it verify against real time)."""

    def __init__(self, start: float | None = None) -> None:
        super().__init__()
        self._now = time.time() if start is None else start

    def now(self) -> float:
        with self._lock:
            return self._now

    def tick(self) -> None:
        """Nothing to do: manual time moves only in ``advance``."""

    def advance(self, seconds: float) -> None:
        """Move time forward, firing each due timer at its own deadline, in order."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        with self._lock:
            target = self._now + seconds
        while True:
            with self._lock:
                timer = self._pop_due(target)
                if timer is None:
                    self._now = target
                    return
                self._now = max(self._now, timer.when)
            timer.callback()
