"""Several people in one meeting, each in a browser profile of their own, and what
each of them sees: whose tiles are on the stage, whether a tile's video is live
(frames decoded and changing, not just a <video> element), and the WebRTC stats
of the browser's own peer connections.

The browser tests and `make bench`'s meeting benchmark both use this.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

# Test instrumentation, injected before the page's own scripts: keeps every
# RTCPeerConnection the page makes, so its inbound video stats can be read.
PEER_CONNECTION_PROBE = """
(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__meetPeerConnections) return;
  const kept = [];
  window.__meetPeerConnections = kept;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      kept.push(this);
    }
  };
})();
"""

# Frames the browser has decoded from others: inbound-rtp video, summed over the
# page's peer connections, per remote track.
INBOUND_VIDEO_JS = """
async () => {
  const out = [];
  for (const pc of window.__meetPeerConnections || []) {
    if (pc.connectionState === "closed") continue;
    const stats = await pc.getStats();
    stats.forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "video") {
        out.push({
          id: s.id,
          track: s.trackIdentifier || "",
          framesDecoded: s.framesDecoded || 0,
          width: s.frameWidth || 0,
          height: s.frameHeight || 0,
        });
      }
    });
  }
  return out;
}
"""

# What one tile's <video> shows: frames presented so far, its size, and how far
# apart its darkest and brightest pixels are (a black or frozen frame has no spread).
TILE_VIDEO_JS = """
(tile) => {
  const video = tile.querySelector("video");
  if (!video || video.videoWidth === 0) return null;
  const canvas = document.createElement("canvas");
  canvas.width = 64;
  canvas.height = 36;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  g.drawImage(video, 0, 0, canvas.width, canvas.height);
  const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
  let lo = 255, hi = 0, sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const y = (data[i] * 299 + data[i + 1] * 587 + data[i + 2] * 114) / 1000;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
    sum += y;
  }
  return {
    frames: video.getVideoPlaybackQuality().totalVideoFrames,
    width: video.videoWidth,
    height: video.videoHeight,
    spread: hi - lo,
    mean: sum / (data.length / 4),
  };
}
"""

# The first moment a remote camera tile shows a decoded frame (performance.now()).
FIRST_REMOTE_FRAME_JS = """
() => {
  const remote = '.lk-participant-tile[data-lk-local-participant="false"]';
  for (const tile of document.querySelectorAll(remote)) {
    const video = tile.querySelector("video");
    if (video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 0) {
      return performance.now();
    }
  }
  return 0;
}
"""


@dataclass
class Attendee:
    """One person in the meeting: their browser context and the meeting page."""

    name: str
    context: Any
    page: Any
    joined_at_ms: float = 0.0  # performance.now() when Join was pressed
    notes: dict[str, Any] = field(default_factory=dict)

    def tile(self, name: str) -> Any:
        """The camera tile of the participant called `name` on this person's stage."""
        page = self.page
        return page.locator(".meeting-stage .lk-participant-tile").filter(
            has=page.locator(f'.lk-participant-name[data-lk-participant-name="{name}"]')
        )

    def tile_video(self, name: str) -> dict[str, Any] | None:
        tile = self.tile(name)
        if tile.count() == 0:
            return None
        result = tile.first.evaluate(TILE_VIDEO_JS)
        return dict(result) if result else None

    def wait_for_live_video(self, name: str, timeout: float = 30.0) -> dict[str, Any]:
        """Waits until `name`'s tile shows decoded frames that keep coming and have
        picture in them; returns the last sample. Fails with what it last saw."""
        deadline = time.monotonic() + timeout
        last: dict[str, Any] | None = None
        first_frames: int | None = None
        while time.monotonic() < deadline:
            sample = self.tile_video(name)
            if sample and sample["frames"] > 0:
                if first_frames is None:
                    first_frames = sample["frames"]
                # Frames keep arriving (at least 5 more since first seen), and the
                # picture is not a flat colour.
                elif sample["frames"] >= first_frames + 5 and sample["spread"] > 40:
                    return sample
            last = sample
            self.page.wait_for_timeout(250)
        raise AssertionError(f"{self.name} sees no live video from {name}: last sample {last}")

    def inbound_video(self) -> list[dict[str, Any]]:
        return list(self.page.evaluate(INBOUND_VIDEO_JS))

    def frames_decoded(self) -> dict[str, int]:
        """Frames decoded so far per inbound video stream (by stats id)."""
        return {s["id"]: int(s["framesDecoded"]) for s in self.inbound_video()}

    def first_remote_frame_ms(self, timeout: float = 60.0) -> float:
        """Milliseconds from pressing Join to the first remote frame on the stage."""
        handle = self.page.wait_for_function(
            FIRST_REMOTE_FRAME_JS, polling="raf", timeout=timeout * 1000
        )
        return float(handle.json_value()) - self.joined_at_ms


def join_meeting(
    context: Any,
    join_url: str,
    name: str,
    *,
    camera: bool = True,
    microphone: bool = True,
    email: str | None = None,
) -> Attendee:
    """Opens the join link in `context`, fills the lobby and presses Join; returns
    once the meeting view is on screen (connected or not)."""
    context.add_init_script(PEER_CONNECTION_PROBE)
    page = context.new_page()
    page.goto(join_url)
    page.get_by_label("Your name").fill(name)
    if email is not None:
        page.get_by_label("Your email").fill(email)
    if not camera:
        page.get_by_role("button", name="Camera on").click()
    if not microphone:
        page.get_by_role("button", name="Microphone on").click()
    joined_at = float(page.evaluate("performance.now()"))
    page.get_by_role("button", name="Join meeting").click()
    page.locator(".meeting").wait_for()
    return Attendee(name, context, page, joined_at)


def connected(attendee: Attendee) -> Any:
    """The locator of the meeting's connection state once it is connected."""
    return attendee.page.locator('.connection-banner[data-state="connected"]')
