import { type Room, RoomEvent } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { fromService } from "./servicePackets";
import type { MeetingSession } from "./session";

/** The data-packet topic of the service's announcements (participants host_controls). */
export const MEETING_TOPIC = "meeting";

export interface MeetingState {
  endTime: Date;
  locked: boolean;
  /**
   * The co-hosts' identities, from the token response and the service's announcements
   * only: every join token may set its own attributes (raised hands), so a `role`
   * attribute could be claimed by anyone.
   */
  cohosts: ReadonlySet<string>;
  /** The local person may use the host tools: joined with the host key, or made co-host. */
  canHost: boolean;
  /** Whether the service's `ended` packet came (read when the room goes; see endReason). */
  endedByHost: () => boolean;
}

type Announcement =
  | { type: "endTime"; endTime: Date }
  | { type: "locked"; locked: boolean }
  | { type: "ended" }
  | { type: "cohosts"; identities: string[] };

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
  if (
    packet.type === "cohosts" &&
    Array.isArray(packet.identities) &&
    packet.identities.every((identity) => typeof identity === "string")
  ) {
    return { type: "cohosts", identities: packet.identities as string[] };
  }
  return null;
}

/**
 * The meeting's end time, lock and co-hosts as the token response gave them, kept
 * current by the service's announcements; and whether this person has the host tools.
 */
export function useMeetingState(room: Room, session: MeetingSession): MeetingState {
  const [endTime, setEndTime] = useState(() => new Date(session.endTime));
  const [locked, setLocked] = useState(session.locked);
  const [cohosts, setCohosts] = useState<ReadonlySet<string>>(() => new Set(session.cohosts));
  const ended = useRef(false);

  useEffect(() => {
    const onData = fromService(MEETING_TOPIC, (payload) => {
      const announcement = parseAnnouncement(payload);
      if (announcement?.type === "endTime") setEndTime(announcement.endTime);
      else if (announcement?.type === "locked") setLocked(announcement.locked);
      else if (announcement?.type === "ended") ended.current = true;
      else if (announcement?.type === "cohosts") setCohosts(new Set(announcement.identities));
    });
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room]);

  return {
    endTime,
    locked,
    cohosts,
    canHost: session.isHost || cohosts.has(session.identity),
    endedByHost: () => ended.current,
  };
}
