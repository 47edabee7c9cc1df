// Data packets the service itself sends into the room (RoomService SendData): chat
// messages and the meeting announcements. Only those carry no sender: LiveKit stamps
// every packet a participant publishes with that participant's identity
// (livekit-server pkg/rtc/participant.go handleReceivedDataMessage), and
// livekit-client passes it on even before it knows the participant
// (livekit-client src/room/Room.ts handleDataPacket / handleUserPacket).
import type { Participant } from "livekit-client";

/** A RoomEvent.DataReceived listener, with livekit-client's argument order. */
export type DataListener = (
  payload: Uint8Array,
  from?: Participant,
  kind?: unknown,
  topic?: string,
  encryption?: unknown,
  senderIdentity?: string,
) => void;

/** A DataReceived listener that hands `handle` the payloads on `topic` that the
 * service sent, and drops the rest (a participant could otherwise fake them). */
export function fromService(topic: string, handle: (payload: Uint8Array) => void): DataListener {
  return (payload, from, _kind, packetTopic, _encryption, senderIdentity) => {
    if (packetTopic !== topic) return;
    if (from !== undefined || senderIdentity) return;
    handle(payload);
  };
}
