"""A minimal LiveKit client in Python (aiortc), for tests cheaper than a browser.

It speaks the same protocol v0 as livekit-client: protobuf signalling over ``/rtc``, a publisher
PC it offers and a subscriber PC the server offers.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import fractions
import json
from typing import Any

import aiohttp
import av
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.sdp import candidate_from_sdp
from livekit.protocol import models, rtc

from livekit_local.rtc.participant import start_late_transceivers


class ColourTrack(MediaStreamTrack):
    """A small synthetic camera: solid frames, cheap to encode."""

    kind = "video"

    def __init__(self, width: int = 160, height: int = 120) -> None:
        super().__init__()
        self._pts = 0
        self._size = (width, height)

    async def recv(self) -> av.VideoFrame:
        await asyncio.sleep(1 / 15)
        width, height = self._size
        frame = av.VideoFrame(width, height, "yuv420p")
        shade = (self._pts // 6000) % 200 + 20
        for plane, value in zip(frame.planes, (shade, 128, 128), strict=True):
            plane.update(bytes([value]) * plane.buffer_size)
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, 90000)
        self._pts += 6000
        return frame


class ToneTrack(MediaStreamTrack):
    """A microphone that plays a loud square wave (``amplitude`` 0 is silence)."""

    kind = "audio"

    def __init__(self, amplitude: int = 20000) -> None:
        super().__init__()
        self._pts = 0
        self.amplitude = amplitude

    async def recv(self) -> av.AudioFrame:
        await asyncio.sleep(0.02)
        samples = 960
        wave = array.array(
            "h", ((self.amplitude if (i // 24) % 2 else -self.amplitude) for i in range(samples))
        )
        frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
        frame.planes[0].update(wave.tobytes())
        frame.sample_rate = 48000
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, 48000)
        self._pts += samples
        return frame


class PyClient:
    def __init__(self, base_url: str, token: str, query: str = "") -> None:
        self.url = f"{base_url}/rtc?access_token={token}&auto_subscribe=1&protocol=16{query}"
        self.messages: list[rtc.SignalResponse] = []
        self.join: rtc.JoinResponse | None = None
        self.data: list[models.DataPacket] = []
        self.tracks: list[MediaStreamTrack] = []
        self.pub = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.sub = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self._http: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.reliable = self.pub.createDataChannel("_reliable")
        self.lossy = self.pub.createDataChannel("_lossy", ordered=False, maxRetransmits=0)
        self.closed = asyncio.Event()
        self._tasks: set[asyncio.Future[None]] = set()

        @self.sub.on("track")  # type: ignore[misc]
        def on_track(track: MediaStreamTrack) -> None:
            self.tracks.append(track)
            self._changed.set()

        @self.sub.on("datachannel")  # type: ignore[misc]
        def on_channel(channel: Any) -> None:
            @channel.on("message")  # type: ignore[misc,untyped-decorator]
            def on_message(message: bytes) -> None:
                packet = models.DataPacket()
                packet.ParseFromString(message)
                self.data.append(packet)
                self._changed.set()

    async def connect(self) -> rtc.JoinResponse:
        self._http = aiohttp.ClientSession()
        self.ws = await self._http.ws_connect(self.url)
        self._reader = asyncio.ensure_future(self._read())
        await self.wait_for(lambda: self.join is not None or self.first("leave") is not None)
        assert self.join is not None, self.first("leave")
        return self.join

    async def send(self, request: rtc.SignalRequest) -> None:
        assert self.ws is not None
        await self.ws.send_bytes(request.SerializeToString())

    def of(self, kind: str) -> list[Any]:
        return [getattr(m, kind) for m in self.messages if m.WhichOneof("message") == kind]

    def first(self, kind: str) -> Any:
        found = self.of(kind)
        return found[0] if found else None

    async def wait_for(self, check: Any, seconds: float = 10.0) -> None:
        async with asyncio.timeout(seconds):
            while not check():
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 0.2)

    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for msg in self.ws:
                if msg.type != aiohttp.WSMsgType.BINARY:
                    continue
                response = rtc.SignalResponse()
                response.ParseFromString(msg.data)
                kind = response.WhichOneof("message")
                if kind == "join":
                    self.join = response.join
                elif kind == "offer":
                    await self._answer(response.offer)
                elif kind == "answer":
                    await self.pub.setRemoteDescription(
                        RTCSessionDescription(sdp=response.answer.sdp, type="answer")
                    )
                    self._tasks.add(asyncio.ensure_future(start_late_transceivers(self.pub)))
                elif kind == "trickle":
                    await self._add_candidate(response.trickle)
                self.messages.append(response)
                self._changed.set()
        finally:
            self.closed.set()
            self._changed.set()

    async def _answer(self, offer: rtc.SessionDescription) -> None:
        await self.sub.setRemoteDescription(RTCSessionDescription(sdp=offer.sdp, type="offer"))
        answer = await self.sub.createAnswer()
        await self.sub.setLocalDescription(answer)
        # the same aiortc race the server works around (livekit_local.rtc.participant)
        self._tasks.add(asyncio.ensure_future(start_late_transceivers(self.sub)))
        await self.send(
            rtc.SignalRequest(
                answer=rtc.SessionDescription(
                    type="answer", sdp=self.sub.localDescription.sdp, id=offer.id
                )
            )
        )

    async def _add_candidate(self, trickle: rtc.TrickleRequest) -> None:
        pc = self.pub if trickle.target == rtc.SignalTarget.PUBLISHER else self.sub
        if pc.remoteDescription is None:
            return  # the same candidates are in the description that follows
        init = json.loads(trickle.candidateInit)
        candidate = candidate_from_sdp(init["candidate"].removeprefix("candidate:"))
        candidate.sdpMid = init.get("sdpMid")
        candidate.sdpMLineIndex = init.get("sdpMLineIndex")
        with contextlib.suppress(Exception):
            await pc.addIceCandidate(candidate)

    async def publish(self, track: MediaStreamTrack, source: int) -> models.TrackInfo:
        kind = models.TrackType.VIDEO if track.kind == "video" else models.TrackType.AUDIO
        await self.send(
            rtc.SignalRequest(
                add_track=rtc.AddTrackRequest(cid=track.id, type=kind, source=source)  # type: ignore[arg-type]
            )
        )
        await self.wait_for(lambda: any(r.cid == track.id for r in self.of("track_published")))
        self.pub.addTrack(track)
        await self.negotiate()
        published: models.TrackInfo = next(
            r.track for r in self.of("track_published") if r.cid == track.id
        )
        return published

    async def negotiate(self) -> None:
        offer = await self.pub.createOffer()
        await self.pub.setLocalDescription(offer)
        answers = len(self.of("answer"))
        await self.send(
            rtc.SignalRequest(
                offer=rtc.SessionDescription(type="offer", sdp=self.pub.localDescription.sdp, id=1)
            )
        )
        await self.wait_for(lambda: len(self.of("answer")) > answers)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 2)
        await self.pub.close()
        await self.sub.close()
        if self._http is not None:
            await self._http.close()
