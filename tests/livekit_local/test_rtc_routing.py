"""A publisher's media reaches the track it was announced as.

Incoming RTP of a BUNDLE transport reaches the receiver of the m-line it belongs to, and an
m-line is matched to its AddTrackRequest by the track id of its msid.

livekit-client publishes video m-lines without SSRCs (simulcast offers), so the server learns a
track's SSRC from the MID header extension Chrome puts in its first packets. These drive
aiortc's router (as ``livekit_local.rtc`` patches it) with packets serialized and parsed the way
its DTLS transport does.
"""

from __future__ import annotations

from typing import Any

from aiortc.rtcdtlstransport import RtpRouter
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters, RTCRtpParameters
from aiortc.rtp import HeaderExtensionsMap, RtpPacket

import livekit_local.rtc  # noqa: F401  (installs the routing)
from livekit_local.rtc.participant import msid_track_ids

MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid"
VP8 = 96


def extensions_map() -> HeaderExtensionsMap:
    # Chrome's offer numbers the MID extension 4; the answer keeps the offer's ids
    ext_map = HeaderExtensionsMap()
    ext_map.configure(
        RTCRtpParameters(headerExtensions=[RTCRtpHeaderExtensionParameters(id=4, uri=MID_URI)])
    )
    return ext_map


def packet(ssrc: int, mid: str | None, payload_type: int = VP8) -> RtpPacket:
    ext_map = extensions_map()
    out = RtpPacket(payload_type=payload_type, sequence_number=1, timestamp=0, ssrc=ssrc)
    out.extensions.mid = mid
    out.payload = b"\x10\x00\x00"
    return RtpPacket.parse(out.serialize(ext_map), ext_map)


def two_video_receivers() -> tuple[RtpRouter, Any, Any]:
    router = RtpRouter()
    camera, screen = object(), object()
    # both m-lines negotiated VP8 with the same payload type, neither signalled an SSRC
    router.register_receiver(camera, ssrcs=[], payload_types=[VP8], mid="2")  # type: ignore[arg-type]
    router.register_receiver(screen, ssrcs=[], payload_types=[VP8], mid="3")  # type: ignore[arg-type]
    return router, camera, screen


def test_a_second_video_track_is_routed_by_its_mid() -> None:
    router, camera, screen = two_video_receivers()

    assert router.route_rtp(packet(1111, "2")) is camera
    assert router.route_rtp(packet(2222, "3")) is screen
    # once acknowledged Chrome leaves the MID out: the SSRC learnt from it routes the rest
    assert router.route_rtp(packet(2222, None)) is screen
    assert router.route_rtp(packet(1111, None)) is camera


def test_an_unknown_ssrc_without_mid_is_still_dropped_when_ambiguous() -> None:
    router, _, _ = two_video_receivers()

    assert router.route_rtp(packet(3333, None)) is None


# the shape of Chrome's publisher offer with a microphone, a camera and a screen share: only the
# first stream is listed on the msid-semantic line, so aiortc names the video tracks at random
CHROME_OFFER = """v=0
o=- 4499967205570734579 4 IN IP4 127.0.0.1
s=-
t=0 0
a=group:BUNDLE 0 1 2 3
a=msid-semantic:WMS 3ad3ab38
m=application 9 UDP/DTLS/SCTP webrtc-datachannel
a=mid:0
m=audio 9 UDP/TLS/RTP/SAVPF 111
a=sendonly
a=mid:1
a=msid:3ad3ab38 mic-track
m=video 9 UDP/TLS/RTP/SAVPF 96 97
a=sendonly
a=mid:2
a=msid:598ee3c2 camera-track
m=video 9 UDP/TLS/RTP/SAVPF 96 97
a=sendonly
a=mid:3
a=msid:0187dfde screen-track
m=video 9 UDP/TLS/RTP/SAVPF 96 97
a=inactive
a=mid:4
"""


def test_each_m_line_is_known_by_its_msid_track_id() -> None:
    assert msid_track_ids(CHROME_OFFER) == {
        "1": "mic-track",
        "2": "camera-track",
        "3": "screen-track",
    }
