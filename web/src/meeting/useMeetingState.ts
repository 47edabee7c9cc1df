import { type Participant, ParticipantEvent, type Room, RoomEvent } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { fromService } from "./servicePackets";
import type { MeetingSession } from "./session";

/** The data-packet topic of the service's announcements (participants host_controls). */
export const MEETING_TOPIC = "meeting";
/** The participant attribute the service sets on a co-host. */
const ROLE_ATTRIBUTE = "role";

export interface MeetingState {
  endTime: Date;
  locked: boolean;
  /** The local person may use the host tools: joined with the host key, or made co-host. */
  canHost: boolean;
  /** Whether the service said a host ended the meeting (read when the room goes). */
  endedByHost: () => boolean;
}

export function isCohost(participant: Participant): boolean {
  return participant.attributes[ROLE_ATTRIBUTE] === "cohost";
}

/** Whether `participant` is a co-host, kept current as the service changes roles. */
export function useIsCohost(participant: Participant): boolean {
  const [cohost, setCohost] = useState(() => isCohost(participant));
  useEffect(() => {
    const onAttributes = () => setCohost(isCohost(participant));
    onAttributes();
    participant.on(ParticipantEvent.AttributesChanged, onAttributes);
    return () => {
      participant.off(ParticipantEvent.AttributesChanged, onAttributes);
    };
  }, [participant]);
  return cohost;
}

type Announcement =
  | { type: "endTime"; endTime: Date }
  | { type: "locked"; locked: boolean }
  | { type: "ended" };

/** A packet on the meeting topic, or null when it is not one we know. */
export function parseAnnouncement(payload: Uint8Array): Announcement | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const packet = value as Record<string, unknown>;
  if (packet.type === "endTime" && typeof packet.endTime === "string") {
    const endTime = new Date(packet.endTime);
    return Number.isNaN(endTime.getTime()) ? null : { type: "endTime", endTime };
  }
  if (packet.type === "locked" && typeof packet.locked === "boolean") {
    return { type: "locked", locked: packet.locked };
  }
  if (packet.type === "ended") return { type: "ended" };
  return null;
}

/**
 * The meeting's end time and lock as the token response gave them, kept current by
 * the service's announcements; and whether this person has the host tools.
 */
export function useMeetingState(room: Room, session: MeetingSession): MeetingState {
  const [endTime, setEndTime] = useState(() => new Date(session.endTime));
  const [locked, setLocked] = useState(session.locked);
  const cohost = useIsCohost(room.localParticipant);
  const ended = useRef(false);

  useEffect(() => {
    const onData = fromService(MEETING_TOPIC, (payload) => {
      const announcement = parseAnnouncement(payload);
      if (announcement?.type === "endTime") setEndTime(announcement.endTime);
      else if (announcement?.type === "locked") setLocked(announcement.locked);
      else if (announcement?.type === "ended") ended.current = true;
    });
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room]);

  return {
    endTime,
    locked,
    canHost: session.isHost || cohost,
    endedByHost: () => ended.current,
  };
}
