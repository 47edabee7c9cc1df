"""Live delivery of a stored message to everyone in its room.

The service, not the sender's page, sends each new message to the room with LiveKit's
RoomService ``SendData`` (reliable, topic ``chat``). LiveKit stamps every packet a
participant publishes with that participant's identity and leaves the ones from
SendData without one, so pages accept chat packets only when they carry no sender:
a participant cannot inject or alter chat by publishing on the topic.

Delivery comes after the message is committed, and its failure never fails the post:
the message is stored, the sender has it from the response, and the others get it
from the history (their page catches up after a reconnection and whenever the chat
panel is opened). The failure is logged with the room and message id, never the text.
"""

from __future__ import annotations

import json

from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync, send_to_live_room
from meet_common.observability import logger
from meet_common.repo.messages import MessageRecord
from messages.models import Message

CHAT_TOPIC = "chat"


def packet(record: MessageRecord) -> bytes:
    """The stored message as the pages read it: the API's own JSON of it."""
    body = Message.model_validate(record).model_dump(mode="json", by_alias=True)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def deliver(rooms: RoomService, record: MessageRecord) -> bool:
    """Send ``record`` to its room; True if LiveKit took it. Never raises for LiveKit."""
    try:
        sent = run_sync(
            send_to_live_room(rooms, record.room_name, packet(record), topic=CHAT_TOPIC)
        )
    except RoomServiceError as exc:
        logger.warning(
            "chat message stored but not delivered live; others get it from the history",
            extra={"room": record.room_name, "message_id": str(record.id), "error": str(exc)},
        )
        return False
    if not sent:
        logger.info(
            "chat message stored; its room is not live, so nobody to deliver it to",
            extra={"room": record.room_name, "message_id": str(record.id)},
        )
    return sent
