"""Forwarding published media to subscribers without decoding it.

aiortc's RTCRtpReceiver reassembles RTP into encoded frames and hands them to a decoder
thread through a queue; RTCRtpSender sends an ``av.Packet`` through its codec's ``pack``
(packetize only) instead of its encoder. ``tap_receiver`` swaps the receiver's decoder queue
for a sink that hands each encoded frame to a ``TrackForwarder``, which fans it out to one
``ForwardedTrack`` per subscriber. No frame is ever decoded or encoded on the server, which is
what keeps four browsers within two cores (a selective forwarding unit, like livekit-server).
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import av
from aiortc import MediaStreamTrack, RTCRtpReceiver, RTCRtpSender
from aiortc.codecs import HEADER_EXTENSIONS
from aiortc.mediastreams import MediaStreamError
from aiortc.rtcdtlstransport import RtpRouter
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters

from livekit_local.rtc.speakers import AudioLevel

log = logging.getLogger(__name__)

VIDEO_TIME_BASE = fractions.Fraction(1, 90000)
# a subscriber that falls this many frames behind drops the oldest ones rather than lag
QUEUE_LIMIT = 60
# livekit-server pkg/sfu/buffer: keyframe requests to a publisher are throttled
PLI_MIN_INTERVAL = 0.5


def _accept_rid_extensions() -> None:
    """Lets aiortc negotiate the RID header extensions for video.

    livekit-client offers simulcast (``a=simulcast:send`` with rids). aiortc does not receive
    simulcast, so its answer declines it and Chrome sends one layer; but Chrome's later offers
    on the same m-line still carry simulcast, and it refuses to apply them ("negotiates
    simulcast but does not negotiate the RID RTP header extension") unless the RID extension
    was negotiated. Accepting the extension (aiortc parses and ignores its value) keeps
    renegotiation, e.g. unpublishing a camera, working.
    """
    uris = {ext.uri for ext in HEADER_EXTENSIONS["video"]}
    for ext_id, uri in (
        (10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
        (11, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"),
    ):
        if uri not in uris:
            HEADER_EXTENSIONS["video"].append(RTCRtpHeaderExtensionParameters(id=ext_id, uri=uri))


_accept_rid_extensions()


def _route_rtp_by_mid() -> None:
    """Makes aiortc's RTP router use the MID header extension (RFC 8843 9.2).

    aiortc 1.16 routes an incoming RTP packet by its SSRC, and a packet of an unknown SSRC by
    its payload type only when exactly one receiver of the transport has that payload type.
    livekit-client's video m-lines are simulcast offers, which carry no ``a=ssrc`` lines, so
    a publisher's video SSRCs are unknown until packets arrive: the first video track is
    found by its payload type, but once a second video track (a screen share) shares the
    BUNDLE transport, both receivers have VP8's payload type and every packet of the new
    SSRC was dropped. Chrome puts the m-line's MID in each packet until the SSRC is
    acknowledged, which is what a BUNDLE receiver must route by; the SSRC is learnt then.
    """
    route_by_ssrc = RtpRouter.route_rtp
    if getattr(route_by_ssrc, "routes_by_mid", False):
        return

    def route_rtp(self: RtpRouter, packet: Any) -> Any:
        mid = packet.extensions.mid
        receiver = self.mid_table.get(mid) if mid is not None else None
        if receiver is not None:
            self.ssrc_table[packet.ssrc] = receiver
            return receiver
        return route_by_ssrc(self, packet)

    route_rtp.routes_by_mid = True  # type: ignore[attr-defined]
    RtpRouter.route_rtp = route_rtp  # type: ignore[method-assign]


_route_rtp_by_mid()


def is_vp8_keyframe(data: bytes) -> bool:
    # RFC 6386 9.1: bit 0 of the frame tag is 0 for a key frame
    return len(data) > 3 and not (data[0] & 0x01)


def is_h264_keyframe(data: bytes) -> bool:
    # aiortc hands over Annex-B: look for an IDR (5) or SPS (7) NAL unit
    i = 0
    while True:
        i = data.find(b"\x00\x00\x01", i)
        if i < 0 or i + 3 >= len(data):
            return False
        if data[i + 3] & 0x1F in (5, 7):
            return True
        i += 3


class _EncodedFrameSink:
    """Stands in for the receiver's decoder queue (``queue.Queue`` duck type)."""

    def __init__(self, on_frame: Callable[[Any, Any], None]) -> None:
        self._on_frame = on_frame

    def put(self, item: Any) -> None:
        if item is not None:
            codec, frame = item
            self._on_frame(codec, frame)

    def get(self, *args: Any, **kwargs: Any) -> None:
        # the receiver's decoder thread reads this once and exits: nothing is decoded
        return None


class TrackForwarder:
    """One published track: receives encoded frames, fans them out to subscribers."""

    def __init__(self, kind: str, track_sid: str, participant_sid: str) -> None:
        self.kind = kind
        self.track_sid = track_sid
        self.participant_sid = participant_sid
        self.codec_name: str | None = None
        self.mime_type: str | None = None
        self.outputs: set[ForwardedTrack] = set()
        self._receiver: RTCRtpReceiver | None = None
        self._last_pli = 0.0
        self.frames = 0
        self.audio_level = AudioLevel()

    def attach(self, receiver: RTCRtpReceiver) -> None:
        """Takes the encoded frames from ``receiver`` (call before its ``receive()`` runs)."""
        self._receiver = receiver
        receiver._RTCRtpReceiver__decoder_queue = _EncodedFrameSink(self._on_frame)  # type: ignore[attr-defined]
        if self.kind == "audio":
            # the level each audio packet carries (RFC 6464) feeds active speaker detection
            handle_rtp = receiver._handle_rtp_packet
            level = self.audio_level

            async def observe(packet: Any, arrival_time_ms: int) -> None:
                ext = packet.extensions.audio_level
                if ext is not None:
                    level.observe_rtp(ext[1], packet.timestamp)
                await handle_rtp(packet, arrival_time_ms)

            receiver._handle_rtp_packet = observe  # type: ignore[method-assign]

    def _on_frame(self, codec: Any, frame: Any) -> None:
        if self.codec_name is None:
            self.codec_name = codec.name
            self.mime_type = codec.mimeType
        self.frames += 1
        data: bytes = frame.data
        keyframe = self.kind == "audio" or self._is_keyframe(data)
        for out in list(self.outputs):
            out.push(data, frame.timestamp, keyframe)

    def _is_keyframe(self, data: bytes) -> bool:
        if self.codec_name == "VP8":
            return is_vp8_keyframe(data)
        if self.codec_name == "H264":
            return is_h264_keyframe(data)
        return True

    def request_keyframe(self) -> None:
        receiver = self._receiver
        if self.kind != "video" or receiver is None:
            return
        now = time.monotonic()
        if now - self._last_pli < PLI_MIN_INTERVAL:
            return
        self._last_pli = now
        ssrcs = [s.source for s in receiver.getSynchronizationSources()]
        for ssrc in ssrcs:
            task = asyncio.ensure_future(receiver._send_rtcp_pli(ssrc))
            task.add_done_callback(_ignore_result)

    def subscribe(self, stream_id: str) -> ForwardedTrack:
        out = ForwardedTrack(self, stream_id)
        self.outputs.add(out)
        self.request_keyframe()
        return out

    def close(self) -> None:
        for out in list(self.outputs):
            out.stop()
        self.outputs.clear()


def _ignore_result(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()


class ForwardedTrack(MediaStreamTrack):
    """What a subscriber's RTCRtpSender reads: the publisher's encoded frames as av.Packets."""

    def __init__(self, source: TrackForwarder, stream_id: str) -> None:
        super().__init__()
        self.kind = source.kind
        self._source = source
        # livekit-client maps a remote track to its publication by the msid: the stream id is
        # "<participant sid>|<track sid>" and the track id the track sid (Room.onTrackAdded)
        self._id = source.track_sid
        self.stream_id = stream_id
        self._queue: asyncio.Queue[av.Packet[Any] | None] = asyncio.Queue()
        self._wait_keyframe = source.kind == "video"
        self._time_base = (
            VIDEO_TIME_BASE if source.kind == "video" else fractions.Fraction(1, 48000)
        )

    @property
    def id(self) -> str:
        return self._id

    def bind_sender(self, sender: RTCRtpSender) -> None:
        sender._stream_id = self.stream_id
        sender._track_id = self._id
        source = self._source

        # the subscriber's PLI/FIR must reach the publisher: there is no encoder here to obey it
        def send_keyframe() -> None:
            source.request_keyframe()

        sender._send_keyframe = send_keyframe  # type: ignore[method-assign]

    def push(self, data: bytes, timestamp: int, keyframe: bool) -> None:
        if self.readyState != "live":
            return
        if self._wait_keyframe:
            if not keyframe:
                self._source.request_keyframe()
                return
            self._wait_keyframe = False
        if self._queue.qsize() >= QUEUE_LIMIT:
            with contextlib.suppress(asyncio.QueueEmpty):
                self._queue.get_nowait()
        packet = av.Packet(data)
        packet.pts = timestamp
        packet.time_base = self._time_base
        self._queue.put_nowait(packet)

    async def recv(self) -> av.Packet[Any]:  # type: ignore[override]
        if self.readyState != "live":
            raise MediaStreamError
        packet = await self._queue.get()
        if packet is None:
            raise MediaStreamError
        return packet

    def stop(self) -> None:
        if self.readyState == "live":
            self._queue.put_nowait(None)
        self._source.outputs.discard(self)
        super().stop()


def new_stream_id() -> str:
    return str(uuid.uuid4())
