"""One participant's signalling connection and its two peer connections (protocol v0).

livekit-client in dual peer connection mode (livekit-server pkg/rtc/participant.go,
transportmanager.go): the client offers on its *publisher* PC (its tracks and the `_reliable` /
`_lossy` data channels) and the server answers; the server offers on the *subscriber* PC (every
other participant's tracks, plus the server's own `_reliable` / `_lossy` channels that carry
data to the client) and the client answers. Candidates trickle both ways as JSON
``RTCIceCandidateInit`` strings tagged with the PC they belong to.

The participant's room state lives in the model; this class only keeps media state (peer
connections, which forwarded tracks this subscriber receives) and turns the model's callbacks
into signal messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web
from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCRtpReceiver,
    RTCRtpTransceiver,
    RTCSessionDescription,
)
from aiortc.sdp import candidate_from_sdp
from livekit.api.access_token import Claims
from livekit.protocol import models, rtc

from livekit_local.errors import TwirpError
from livekit_local.model import Session
from livekit_local.rtc.data import prepare_data_packet
from livekit_local.rtc.forward import ForwardedTrack, TrackForwarder
from livekit_local.state import can_publish_source

if TYPE_CHECKING:
    from livekit_local.rtc.service import RtcService

log = logging.getLogger(__name__)

PUBLISHER = rtc.SignalTarget.PUBLISHER
SUBSCRIBER = rtc.SignalTarget.SUBSCRIBER
# pkg/rtc/participant.go PingTimeoutSeconds, also sent in the JoinResponse
PING_TIMEOUT_SECONDS = 15.0


def _rtc_configuration() -> RTCConfiguration:
    # no ICE servers: aiortc would otherwise reach for a public STUN server; host candidates
    # are all a loopback or LAN call needs
    return RTCConfiguration(iceServers=[])


def _candidate_init(sdp_line: str, mid: str | None, mline: int | None) -> str:
    return json.dumps({"candidate": sdp_line, "sdpMid": mid, "sdpMLineIndex": mline})


def local_candidates(sdp: str) -> list[tuple[str, str | None, int]]:
    """The host candidates aiortc put in a local description, one per m-line (trickled too)."""
    out: list[tuple[str, str | None, int]] = []
    mline = -1
    mid: str | None = None
    for line in sdp.splitlines():
        if line.startswith("m="):
            mline += 1
            mid = None
        elif line.startswith("a=mid:"):
            mid = line[len("a=mid:") :]
        elif line.startswith("a=candidate:") and mline >= 0:
            out.append((line[2:], mid, mline))
    return out


def msid_track_ids(sdp: str) -> dict[str, str]:
    """The track id of each m-line's ``a=msid``, by mid.

    livekit-client's AddTrackRequest ``cid`` is its MediaStreamTrack id, which Chrome puts in
    the msid. aiortc names a remote track after it only when the msid's stream is listed in
    the session's ``a=msid-semantic:WMS`` line, which Chrome does not do for every stream;
    livekit-server (pion) reads the msid of the m-line itself (pkg/rtc/participant.go
    onMediaTrack -> getPendingTrack(track.ID(), ...)).
    """
    out: dict[str, str] = {}
    mid: str | None = None
    track_id: str | None = None

    def close_section() -> None:
        if mid is not None and track_id is not None:
            out[mid] = track_id

    for line in sdp.splitlines():
        if line.startswith("m="):
            close_section()
            mid, track_id = None, None
        elif line.startswith("a=mid:"):
            mid = line[len("a=mid:") :].strip()
        elif line.startswith("a=msid:"):
            bits = line[len("a=msid:") :].split()
            if len(bits) >= 2:
                track_id = bits[1]
    close_section()
    return out


async def start_late_transceivers(pc: RTCPeerConnection) -> None:
    """Starts senders and receivers that aiortc left idle after a renegotiation.

    Two aiortc gaps, both hit when tracks come and go while a connection is being set up:

    - it starts a transceiver's RTP sender and receiver in the connect step that follows a
      description, and only if DTLS is connected by then: a renegotiation applied during the
      first DTLS handshake leaves its new transceivers unstarted for good;
    - with its default "balanced" bundle policy, a second transceiver of a kind created before
      the first one is bundled shares the first one's own transport, which bundling then stops,
      and is itself never moved to the bundle's transport (max-bundle avoids this but aiortc
      does not start ICE when a max-bundle offer's first m-line is media).

    Once the connection is up, this moves such transceivers to the live transport and runs the
    (idempotent) connect step again.
    """
    for _ in range(200):
        if pc.connectionState == "connected":
            break
        if pc.connectionState in ("failed", "closed"):
            return
        await asyncio.sleep(0.05)
    else:
        return
    transports = [t.receiver.transport for t in pc.getTransceivers()]
    if pc.sctp is not None:
        transports.append(pc.sctp.transport)
    live = next((t for t in transports if t.state == "connected"), None)
    if live is None:
        return
    for transceiver in pc.getTransceivers():
        # the stopped transport's ICE is closed; its DTLS may still say "new"
        if transceiver.receiver.transport.transport.state == "closed":
            transceiver.receiver.setTransport(live)
            transceiver.sender.setTransport(live)
    await pc._RTCPeerConnection__connect()  # type: ignore[attr-defined]


class RtcParticipant:
    """One client connection; the model's ``ParticipantListener`` for its session."""

    def __init__(
        self, service: RtcService, claims: Claims, loop: asyncio.AbstractEventLoop
    ) -> None:
        self.service = service
        self.claims = claims
        self.room_name = claims.video.room if claims.video else ""
        self._loop = loop
        grants = claims.video
        # the model may change them (UpdateParticipant): kept from our own participant updates
        self.permission = models.ParticipantPermission(
            can_publish=bool(grants and grants.can_publish),
            can_subscribe=bool(grants and grants.can_subscribe),
            can_publish_data=bool(grants and grants.can_publish_data),
        )
        self.session: Session | None = None
        self.ws: web.WebSocketResponse | None = None
        self._outbox: asyncio.Queue[rtc.SignalResponse | None] = asyncio.Queue()
        self.closed = False
        self.left = False
        self._tasks: set[asyncio.Future[Any]] = set()

        self.pub_pc = RTCPeerConnection(_rtc_configuration())
        self.sub_pc = RTCPeerConnection(_rtc_configuration())
        self._pub_remote_set = False
        self._sub_remote_set = False
        self._pending_candidates: dict[int, list[rtc.TrickleRequest]] = {
            PUBLISHER: [],
            SUBSCRIBER: [],
        }
        self._pub_lock = asyncio.Lock()

        # subscriber negotiation: one offer in flight at a time
        self._sub_offer_id = 0
        self._sub_awaiting_answer = False
        self._sub_renegotiate = False

        # tracks this participant publishes, by the client's track id (cid) until media arrives
        self._pending_tracks: dict[str, models.TrackInfo] = {}
        self.forwarders: dict[str, TrackForwarder] = {}
        self._forwarder_transceivers: dict[str, RTCRtpTransceiver] = {}
        self._forwarder_sources: dict[str, int] = {}
        # the msid track id (the client's cid) of each m-line of the publisher's last offer
        self._offered_track_ids: dict[str, str] = {}

        # tracks of other participants, as the model last described them: sid -> publisher sid
        self._known_tracks: dict[str, str] = {}
        self._subscribed: dict[str, tuple[RTCRtpTransceiver, ForwardedTrack]] = {}

        self.sub_reliable = self.sub_pc.createDataChannel("_reliable", ordered=True)
        self.sub_lossy = self.sub_pc.createDataChannel("_lossy", ordered=False, maxRetransmits=0)

        self.pub_pc.on("track", self._on_published_track)
        self.pub_pc.on("datachannel", self._on_client_datachannel)
        self.pub_pc.on("connectionstatechange", self._on_pc_state)
        self.sub_pc.on("connectionstatechange", self._on_pc_state)

    # ------------------------------------------------------------------ plumbing

    @property
    def sid(self) -> str:
        return self.session.sid if self.session else ""

    @property
    def identity(self) -> str:
        return self.claims.identity

    def send(self, response: rtc.SignalResponse) -> None:
        if not self.closed:
            self._outbox.put_nowait(response)

    def spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Future[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("rtc task failed for %s", self.identity, exc_info=task.exception())

    async def _writer(self, ws: web.WebSocketResponse) -> None:
        while True:
            msg = await self._outbox.get()
            if msg is None or ws.closed:
                return
            await ws.send_bytes(msg.SerializeToString())

    # ------------------------------------------------------------------ connection life

    def join_response(self) -> rtc.SignalResponse:
        assert self.session is not None
        join = self.session.join_response()
        # livekit-server pkg/rtc/participant.go SubscriberAsPrimary: v0 clients that may
        # subscribe get the subscriber PC as primary, and the server offers it right away
        join.subscriber_primary = self.permission.can_subscribe
        # pkg/rtc/room.go createJoinResponseLocked: no ICE fallback configured
        join.fast_publish = self.permission.can_publish
        # aiortc cannot restart ICE, which a resume needs: tell the client to rejoin instead
        # (RTCEngine.attemptReconnect reads this and always does a full reconnect)
        join.client_configuration.resume_connection = models.ClientConfigSetting.DISABLED
        for info in join.other_participants:
            self._learn_tracks(info)
        return rtc.SignalResponse(join=join)

    async def serve(self, ws: web.WebSocketResponse) -> None:
        """Runs the signalling loop until the socket closes."""
        self.ws = ws
        writer = asyncio.ensure_future(self._writer(ws))
        try:
            self.send(self.join_response())
            assert self.session is not None
            # the JoinResponse is out: the token refresh cycle starts
            self.session.start()
            # livekit-server pkg/rtc/room.go Join: subscriber as primary -> Negotiate(true).
            # The subscriber PC also carries the server's data channels, so a participant
            # that may not subscribe gets it offered too (with no tracks): data still reaches it
            if self.permission.can_subscribe:
                self._subscribe_known()
            self.spawn(self._negotiate_subscriber())
            while True:
                try:
                    # livekit-server closes a signalling connection that stops pinging
                    msg = await ws.receive(timeout=PING_TIMEOUT_SECONDS)
                except TimeoutError:
                    log.info("signalling of %s timed out", self.identity)
                    break
                if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                    break
                if msg.type == WSMsgType.ERROR:
                    break
                if msg.type != WSMsgType.BINARY:
                    continue
                request = rtc.SignalRequest()
                try:
                    request.ParseFromString(msg.data)
                except Exception:
                    log.warning("undecodable signal request from %s", self.identity)
                    continue
                try:
                    await self._handle(request)
                except Exception:
                    # one bad request (an SDP aiortc cannot apply, say) does not end the session
                    kind = request.WhichOneof("message")
                    log.warning(
                        "signal request %s from %s failed", kind, self.identity, exc_info=True
                    )
                if self.left:
                    break
        finally:
            self._outbox.put_nowait(None)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer, 2)
            writer.cancel()
            if not ws.closed:
                await ws.close()
            self.ws = None
            if not self.left:
                self._signal_lost()

    def _signal_lost(self) -> None:
        # the signalling dropped without a leave. The model decides how long the participant
        # stays (livekit-server keeps a connected one until its peer connection fails); the
        # media goes now: a returning client rejoins with new peer connections
        self.left = True
        if self.session is not None:
            self.session.abort()
        self.spawn(self._close_media())

    async def _close_media(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.service.unregister(self)
        for fwd in self.forwarders.values():
            fwd.close()
            self.service.remove_forwarder(fwd)
        self.forwarders.clear()
        for _, out in self._subscribed.values():
            out.stop()
        self._subscribed.clear()
        await asyncio.gather(self.pub_pc.close(), self.sub_pc.close(), return_exceptions=True)

    async def close(self) -> None:
        self._outbox.put_nowait(None)
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        await self._close_media()

    def _on_pc_state(self) -> None:
        states = (self.pub_pc.connectionState, self.sub_pc.connectionState)
        if "connected" in states and self.session is not None and not self.left and not self.closed:
            self.session.activate()

    # ------------------------------------------------------------------ requests

    async def _handle(self, req: rtc.SignalRequest) -> None:
        kind = req.WhichOneof("message")
        if kind == "offer":
            await self._on_publisher_offer(req.offer)
        elif kind == "answer":
            await self._on_subscriber_answer(req.answer)
        elif kind == "trickle":
            await self._on_trickle(req.trickle)
        elif kind == "add_track":
            self._on_add_track(req.add_track)
        elif kind == "mute":
            if self.session is not None:
                self.session.set_track_muted(req.mute.sid, req.mute.muted)
        elif kind == "ping":
            self.send(rtc.SignalResponse(pong=req.ping))
        elif kind == "ping_req":
            self.send(
                rtc.SignalResponse(
                    pong_resp=rtc.Pong(
                        last_ping_timestamp=req.ping_req.timestamp,
                        timestamp=int(time.time() * 1000),
                    )
                )
            )
        elif kind == "update_metadata":
            self._on_update_metadata(req.update_metadata)
        elif kind == "leave":
            self.left = True
            if self.session is not None:
                self.session.leave(models.DisconnectReason.CLIENT_INITIATED)
            await self.close()
        else:
            # subscription, track_setting, update_layers, sync_state, ... are not implemented:
            # every participant receives every track at the one quality its publisher sends
            log.debug("ignoring signal request %s from %s", kind, self.identity)

    def _on_update_metadata(self, update: rtc.UpdateParticipantMetadata) -> None:
        # livekit-server pkg/rtc/participant.go UpdateMetadata: the outcome is reported in a
        # RequestResponse carrying the request (clients of protocol > 14 get the OK too)
        assert self.session is not None
        response = rtc.RequestResponse(request_id=update.request_id)
        response.update_metadata.CopyFrom(update)
        try:
            self.session.update_metadata(
                name=update.name or None,
                metadata=update.metadata or None,
                attributes=dict(update.attributes) if update.attributes else None,
            )
        except TwirpError as exc:
            response.reason = rtc.RequestResponse.NOT_ALLOWED
            response.message = exc.msg
        self.send(rtc.SignalResponse(request_response=response))

    def _on_add_track(self, req: rtc.AddTrackRequest) -> None:
        assert self.session is not None
        track = models.TrackInfo(
            type=req.type,
            name=req.name,
            muted=req.muted,
            width=req.width,
            height=req.height,
            source=req.source,
            disable_dtx=req.disable_dtx,
            stereo=req.stereo,
            disable_red=req.disable_red,
            stream=req.stream,
            encryption=req.encryption,
            # one layer reaches subscribers: simulcast is not negotiated (see forward.py)
            simulcast=False,
        )
        try:
            info = self.session.add_track(track)
        except TwirpError as exc:
            # livekit-server pkg/rtc/participant.go AddTrack: no permission -> a warning and no
            # response; the client's publish times out
            log.info("add_track from %s refused: %s", self.identity, exc.msg)
            return
        self._pending_tracks[req.cid] = info
        self.send(
            rtc.SignalResponse(track_published=rtc.TrackPublishedResponse(cid=req.cid, track=info))
        )

    async def _on_publisher_offer(self, sd: rtc.SessionDescription) -> None:
        async with self._pub_lock:
            # aiortc fires "track" before the offer becomes its remote description
            self._offered_track_ids = msid_track_ids(sd.sdp)
            await self.pub_pc.setRemoteDescription(RTCSessionDescription(sdp=sd.sdp, type="offer"))
            self._pub_remote_set = True
            self.spawn(start_late_transceivers(self.pub_pc))
            self._drop_unpublished()
            await self._flush_candidates(PUBLISHER)
            answer = await self.pub_pc.createAnswer()
            await self.pub_pc.setLocalDescription(answer)
            local = self.pub_pc.localDescription
            self.send(
                rtc.SignalResponse(
                    answer=rtc.SessionDescription(type="answer", sdp=local.sdp, id=sd.id)
                )
            )
            self._trickle_local(local.sdp, PUBLISHER)

    async def _on_subscriber_answer(self, sd: rtc.SessionDescription) -> None:
        if not self._sub_awaiting_answer:
            return
        await self.sub_pc.setRemoteDescription(RTCSessionDescription(sdp=sd.sdp, type="answer"))
        self._sub_remote_set = True
        self.spawn(start_late_transceivers(self.sub_pc))
        self._sub_awaiting_answer = False
        await self._flush_candidates(SUBSCRIBER)
        if self._sub_renegotiate:
            self._sub_renegotiate = False
            self.spawn(self._negotiate_subscriber())

    async def _on_trickle(self, trickle: rtc.TrickleRequest) -> None:
        ready = self._pub_remote_set if trickle.target == PUBLISHER else self._sub_remote_set
        if not ready:
            self._pending_candidates[trickle.target].append(trickle)
            return
        await self._add_candidate(trickle)

    async def _flush_candidates(self, target: int) -> None:
        pending, self._pending_candidates[target] = self._pending_candidates[target], []
        for trickle in pending:
            await self._add_candidate(trickle)

    async def _add_candidate(self, trickle: rtc.TrickleRequest) -> None:
        pc = self.pub_pc if trickle.target == PUBLISHER else self.sub_pc
        try:
            init = json.loads(trickle.candidateInit)
        except ValueError:
            return
        line = (init.get("candidate") or "").strip()
        if not line:
            return
        if line.startswith("candidate:"):
            line = line[len("candidate:") :]
        try:
            candidate = candidate_from_sdp(line)
        except (AssertionError, ValueError, IndexError):
            return
        candidate.sdpMid = init.get("sdpMid")
        candidate.sdpMLineIndex = init.get("sdpMLineIndex")
        if candidate.sdpMid is None and candidate.sdpMLineIndex is None:
            candidate.sdpMLineIndex = 0
        with contextlib.suppress(Exception):
            await pc.addIceCandidate(candidate)

    def _trickle_local(self, sdp: str, target: rtc.SignalTarget) -> None:
        # aiortc gathers before it returns the description, so the candidates are already in
        # the SDP; they are trickled as well, as livekit-server does, for clients that wait
        for line, mid, mline in local_candidates(sdp):
            self.send(
                rtc.SignalResponse(
                    trickle=rtc.TrickleRequest(
                        candidateInit=_candidate_init(line, mid, mline), target=target
                    )
                )
            )

    # ------------------------------------------------------------------ publishing

    def _on_published_track(self, track: Any) -> None:
        receiver: RTCRtpReceiver | None = None
        transceiver: RTCRtpTransceiver | None = None
        for t in self.pub_pc.getTransceivers():
            if t.receiver.track is track:
                receiver, transceiver = t.receiver, t
        if receiver is None or transceiver is None:
            return
        cid = self._offered_track_ids.get(transceiver.mid or "", track.id)
        info = self._pending_tracks.pop(cid, None)
        if info is None:
            # the msid did not carry the client's track id: take the oldest pending of its kind
            kind = models.TrackType.AUDIO if track.kind == "audio" else models.TrackType.VIDEO
            for cid, pending in list(self._pending_tracks.items()):
                if pending.type == kind:
                    info = self._pending_tracks.pop(cid)
                    break
        if info is None:
            log.warning("%s sent a %s track it never announced", self.identity, track.kind)
            return
        fwd = TrackForwarder(track.kind, info.sid, self.sid)
        codecs = getattr(transceiver, "_codecs", [])
        if codecs:
            fwd.codec_name = codecs[0].name
            fwd.mime_type = codecs[0].mimeType
        fwd.attach(receiver)
        self.forwarders[info.sid] = fwd
        self._forwarder_transceivers[info.sid] = transceiver
        self._forwarder_sources[info.sid] = info.source
        # the forwarder is in place before the room hears of the track, so every participant
        # the update reaches can subscribe to it at once
        self.service.add_forwarder(self, fwd)
        if self.session is not None:
            # livekit-server pkg/rtc/participant.go handleTrackPublished: published when its
            # media arrives
            info.mime_type = fwd.mime_type or ""
            info.mid = transceiver.mid or ""
            try:
                self.session.publish_track(info)
            except TwirpError as exc:
                log.info("track of %s not published: %s", self.identity, exc.msg)

    def _drop_unpublished(self) -> None:
        # livekit-client unpublishes with RTCPeerConnection.removeTrack and a new offer: the
        # track's m-line is no longer sending (livekit-server pkg/rtc/participant.go handles
        # this as the track being unpublished)
        for sid in list(self.forwarders):
            transceiver = self._forwarder_transceivers.get(sid)
            direction = getattr(transceiver, "_offerDirection", None)
            if direction not in ("recvonly", "sendrecv"):
                self._end_published(sid, tell_model=True)

    def _end_published(self, sid: str, *, tell_model: bool) -> None:
        fwd = self.forwarders.pop(sid, None)
        if fwd is None:
            return
        self._forwarder_transceivers.pop(sid, None)
        self._forwarder_sources.pop(sid, None)
        fwd.close()
        self.service.remove_forwarder(fwd)
        if tell_model and self.session is not None:
            self.session.unpublish_track(sid)
        self.send(rtc.SignalResponse(track_unpublished=rtc.TrackUnpublishedResponse(track_sid=sid)))

    def _permission_changed(self, permission: models.ParticipantPermission) -> None:
        """UpdateParticipant changed what this participant may do (the model already
        unpublished the tracks it may no longer publish)."""
        self.permission.CopyFrom(permission)
        for sid, source in list(self._forwarder_sources.items()):
            if not can_publish_source(permission, source):
                self._end_published(sid, tell_model=False)
        changed = False
        if not permission.can_subscribe:
            for sid in list(self._subscribed):
                changed = self._unsubscribe(sid) or changed
        if changed:
            self.spawn(self._negotiate_subscriber())

    # ------------------------------------------------------------------ subscribing

    def _learn_tracks(self, info: models.ParticipantInfo) -> list[str]:
        """Records a participant's tracks; returns the sids that are gone."""
        gone: list[str] = []
        current = (
            {t.sid for t in info.tracks}
            if info.state != models.ParticipantInfo.DISCONNECTED
            else set()
        )
        for sid, owner in list(self._known_tracks.items()):
            if owner == info.sid and sid not in current:
                del self._known_tracks[sid]
                gone.append(sid)
        for sid in current:
            self._known_tracks[sid] = info.sid
        return gone

    def _subscribe_known(self) -> bool:
        added = False
        for sid in self._known_tracks:
            if sid in self._subscribed:
                continue
            fwd = self.service.forwarder(sid)
            if fwd is not None and self._subscribe(fwd):
                added = True
        return added

    def _subscribe(self, fwd: TrackForwarder) -> bool:
        if self.closed or not self.permission.can_subscribe or fwd.track_sid in self._subscribed:
            return False
        out = fwd.subscribe(f"{fwd.participant_sid}|{fwd.track_sid}")
        # a fresh transceiver per subscription: aiortc's sender ends its RTP loop with the
        # track it sent, so a stopped one cannot be handed a new track (no transceiver reuse)
        transceiver = self.sub_pc.addTransceiver(fwd.kind, direction="sendonly")
        transceiver.sender.replaceTrack(out)
        out.bind_sender(transceiver.sender)
        if fwd.mime_type:
            # the subscriber must negotiate the publisher's codec: frames are not transcoded
            caps = RTCRtpReceiver.getCapabilities(fwd.kind)
            if caps is not None:
                prefs = [c for c in caps.codecs if c.mimeType.lower() == fwd.mime_type.lower()]
                prefs += [c for c in caps.codecs if c.mimeType.lower() == f"{fwd.kind}/rtx"]
                if prefs:
                    transceiver.setCodecPreferences(prefs)
        self._subscribed[fwd.track_sid] = (transceiver, out)
        return True

    def _unsubscribe(self, track_sid: str) -> bool:
        entry = self._subscribed.pop(track_sid, None)
        if entry is None:
            return False
        transceiver, out = entry
        out.stop()
        transceiver.sender.replaceTrack(None)
        transceiver.direction = "inactive"
        return True

    def on_forwarder(self, fwd: TrackForwarder) -> None:
        """A track in this participant's room started receiving media."""
        if fwd.track_sid in self._known_tracks and self._subscribe(fwd):
            self.spawn(self._negotiate_subscriber())

    async def _negotiate_subscriber(self) -> None:
        if self.closed:
            return
        if self._sub_awaiting_answer:
            self._sub_renegotiate = True
            return
        self._sub_awaiting_answer = True
        offer = await self.sub_pc.createOffer()
        await self.sub_pc.setLocalDescription(offer)
        local = self.sub_pc.localDescription
        self._sub_offer_id += 1
        mid_to_track = {t.mid: sid for sid, (t, _) in self._subscribed.items() if t.mid is not None}
        self.send(
            rtc.SignalResponse(
                offer=rtc.SessionDescription(
                    type="offer", sdp=local.sdp, id=self._sub_offer_id, mid_to_track_id=mid_to_track
                )
            )
        )
        self._trickle_local(local.sdp, SUBSCRIBER)

    # ------------------------------------------------------------------ data

    def _on_client_datachannel(self, channel: RTCDataChannel) -> None:
        kind = models.DataPacket.LOSSY if channel.label == "_lossy" else models.DataPacket.RELIABLE

        @channel.on("message")  # type: ignore[misc]
        def on_message(message: bytes | str) -> None:
            if not isinstance(message, bytes) or self.session is None or self.left:
                return
            if not self.permission.can_publish_data:
                return
            packet = models.DataPacket()
            try:
                packet.ParseFromString(message)
            except Exception:
                return
            if prepare_data_packet(packet, kind, self.identity, self.sid):
                self.session.send_data(packet)

    # ------------------------------------------------------------------ model callbacks
    # The model calls these with its lock held, on whichever thread made the change: each
    # one only hands the work to this connection's event loop.

    def _defer(self, fn: Any, *args: Any) -> None:
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(fn, *args)

    def on_participant_update(self, participants: list[models.ParticipantInfo]) -> None:
        self._defer(self._participants_updated, list(participants))

    def on_room_update(self, room: models.Room) -> None:
        self._defer(self.send, rtc.SignalResponse(room_update=rtc.RoomUpdate(room=room)))

    def on_leave(self, leave: rtc.LeaveRequest) -> None:
        self._defer(self._leave_requested, leave)

    def on_mute_track(self, track_sid: str, muted: bool) -> None:
        self._defer(
            self.send, rtc.SignalResponse(mute=rtc.MuteTrackRequest(sid=track_sid, muted=muted))
        )

    def on_token_refresh(self, token: str) -> None:
        self._defer(self.send, rtc.SignalResponse(refresh_token=token))

    def on_data(self, packet: models.DataPacket) -> None:
        self._defer(self._send_data, packet)

    def _participants_updated(self, updates: list[models.ParticipantInfo]) -> None:
        changed = False
        for info in updates:
            if info.sid == self.sid:
                if info.permission != self.permission:
                    self._permission_changed(info.permission)
                continue
            for sid in self._learn_tracks(info):
                changed = self._unsubscribe(sid) or changed
        changed = self._subscribe_known() or changed
        self.send(rtc.SignalResponse(update=rtc.ParticipantUpdate(participants=updates)))
        if changed:
            self.spawn(self._negotiate_subscriber())

    def _leave_requested(self, leave: rtc.LeaveRequest) -> None:
        self.left = True
        self.send(rtc.SignalResponse(leave=leave))
        self.spawn(self._close_after_flush())

    async def _close_after_flush(self) -> None:
        # let the writer deliver the LeaveRequest before the socket goes
        for _ in range(50):
            if self._outbox.empty():
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        await self.close()

    def send_speakers(self, speakers: list[models.SpeakerInfo]) -> None:
        self.send(rtc.SignalResponse(speakers_changed=rtc.SpeakersChanged(speakers=speakers)))

    def _send_data(self, packet: models.DataPacket) -> None:
        if self.closed:
            return
        channel = self.sub_lossy if packet.kind == models.DataPacket.LOSSY else self.sub_reliable
        if channel.readyState == "open":
            channel.send(packet.SerializeToString())
