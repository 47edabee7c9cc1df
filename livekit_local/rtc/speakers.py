"""Active speakers from the audio level RTP header extension (RFC 6464).

A port of livekit-server pkg/sfu/audio/audiolevel.go (``AudioLevel``, default config) and of
the room's ``audioUpdateWorker`` (pkg/rtc/room.go): each published audio track observes the
level its packets carry; every update interval the room sends ``SpeakersChanged`` with the
participants whose level changed, and those who stopped speaking with level 0.
"""

from __future__ import annotations

import math
import time

from livekit.protocol import models

SILENT_LEVEL = 127
ACTIVE_LEVEL = 35  # -35 dBov
MIN_PERCENTILE = 40
UPDATE_INTERVAL_MS = 400
SMOOTH_INTERVALS = 2


def convert_audio_level(level: float) -> float:
    """dBov (0 loudest .. 127 silent) to a linear 0..1 level."""
    return float(math.pow(10, -level / 20))


ACTIVE_THRESHOLD = convert_audio_level(ACTIVE_LEVEL)


class AudioLevel:
    def __init__(self, clock_rate: int = 48000) -> None:
        self.clock_rate = clock_rate
        self.min_active_ms = MIN_PERCENTILE * UPDATE_INTERVAL_MS / 100
        self.smooth_factor = 2 / (SMOOTH_INTERVALS + 1)
        self.smoothed = 0.0
        self.loudest = SILENT_LEVEL
        self.active_ms = 0.0
        self.observed_ms = 0.0
        self.last_observed = 0.0
        self._highest_ts: int | None = None

    def observe_rtp(self, level: int, rtp_timestamp: int, now: float | None = None) -> None:
        if self._highest_ts is None:
            self._highest_ts = rtp_timestamp
        delta = (rtp_timestamp - self._highest_ts) & 0xFFFFFFFF
        if delta < (1 << 31):
            self._observe(level, delta * 1000 / self.clock_rate, now or time.monotonic())
            self._highest_ts = rtp_timestamp

    def _observe(self, level: int, duration_ms: float, now: float) -> None:
        self.last_observed = now
        self.observed_ms += duration_ms
        if level <= ACTIVE_LEVEL:
            self.active_ms += duration_ms
            self.loudest = min(self.loudest, level)
        if self.observed_ms >= UPDATE_INTERVAL_MS:
            smoothed = 0.0
            if self.active_ms >= self.min_active_ms:
                # louder the longer the window was active (0 dB when active all of it)
                weight = 20 * math.log10(self.active_ms / UPDATE_INTERVAL_MS)
                linear = convert_audio_level(self.loudest - weight)
                smoothed = self.smoothed + (linear - self.smoothed) * self.smooth_factor
            self._reset(smoothed)

    def _reset(self, smoothed: float) -> None:
        self.smoothed = smoothed
        self.loudest = SILENT_LEVEL
        self.active_ms = 0.0
        self.observed_ms = 0.0

    def level(self, now: float | None = None) -> tuple[float, bool]:
        now = now or time.monotonic()
        if (now - self.last_observed) * 1000 >= 2 * UPDATE_INTERVAL_MS:
            self._reset(0.0)  # stale: the track stopped sending
        return self.smoothed, self.smoothed >= ACTIVE_THRESHOLD


def speaker_changes(active: dict[str, float], last: dict[str, float]) -> list[models.SpeakerInfo]:
    """What changed since ``last`` (participant sid -> level), as room.go audioUpdateWorker."""
    changed = [
        models.SpeakerInfo(sid=sid, level=level, active=True)
        for sid, level in sorted(active.items(), key=lambda kv: -kv[1])
        if last.get(sid) != level
    ]
    changed += [
        models.SpeakerInfo(sid=sid, level=0, active=False) for sid in last if sid not in active
    ]
    return changed
