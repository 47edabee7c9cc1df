"""What the server does to a client's data packet before the room routes it."""

from __future__ import annotations

from livekit.protocol import models


def prepare_data_packet(
    packet: models.DataPacket,
    kind: models.DataPacket.Kind,
    identity: str,
    sid: str,
) -> bool:
    """Stamps the sender and the channel on ``packet``; False if it must not be forwarded.

    Follows livekit-server pkg/rtc/participant.go onDataPacket: the channel the packet came in
    on is the source of truth for its kind, the sender is the connection's participant (a
    client cannot speak for another), and a user packet's destinations may be given on the
    packet or, as livekit-client does, inside the user payload; both end up set alike.
    """
    packet.kind = kind
    packet.participant_identity = identity
    packet.participant_sid = sid
    which = packet.WhichOneof("value")
    if which == "user":
        user = packet.user
        user.participant_identity = identity
        user.participant_sid = sid
        if packet.destination_identities:
            del user.destination_identities[:]
            user.destination_identities.extend(packet.destination_identities)
        else:
            packet.destination_identities.extend(user.destination_identities)
        return True
    # metrics go to the server's analytics, not to the room; the rest is relayed as sent
    return bool(which != "metrics")
