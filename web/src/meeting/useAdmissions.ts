import { type Participant, type Room, RoomEvent } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage, type WaitingGuest } from "../shared/api";
import { type AdmissionApi, WAITING_ROOM_TOPIC, chime } from "./admissionApi";

// While someone waits, the list is re-read this often too: a guest who closed their
// page drops out after the service's 30 s, and a lost packet costs no more than this.
const REFRESH_MS = 10_000;

export interface Admissions {
  waiting: WaitingGuest[];
  /** What to announce to screen readers about the newest arrivals. */
  announcement: string;
  error: string | null;
  busy: boolean;
  decide: (ids: string[], action: "admit" | "deny") => Promise<void>;
}

/**
 * The guests waiting to be let in, for a host: read on joining, whenever the service
 * says the list changed (a packet with no sender: only RoomService SendData has none,
 * see useChat), after a reconnection, and now and then while anyone waits.
 */
export function useAdmissions(room: Room, api: AdmissionApi): Admissions {
  const [waiting, setWaiting] = useState<WaitingGuest[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const known = useRef(new Set<string>());
  const refresh = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    let active = true;
    const load = async () => {
      try {
        const list = await api.list();
        if (!active) return;
        const fresh = list.filter((guest) => !known.current.has(guest.id));
        known.current = new Set(list.map((guest) => guest.id));
        setWaiting(list);
        setError(null);
        if (fresh.length > 0) {
          const names = fresh.map((guest) => guest.name).join(", ");
          setAnnouncement(`${names} ${fresh.length === 1 ? "is" : "are"} waiting to join.`);
          chime();
        }
      } catch (err) {
        if (active) setError(errorMessage(err));
      }
    };
    refresh.current = load;
    const onData = (
      _payload: Uint8Array,
      from?: Participant,
      _kind?: unknown,
      topic?: string,
      _encryption?: unknown,
      senderIdentity?: string,
    ) => {
      if (topic !== WAITING_ROOM_TOPIC || from !== undefined || senderIdentity) return;
      void load();
    };
    void load();
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.Reconnected, load);
    return () => {
      active = false;
      room.off(RoomEvent.DataReceived, onData);
      room.off(RoomEvent.Reconnected, load);
    };
  }, [room, api]);

  const someoneWaits = waiting.length > 0;
  useEffect(() => {
    if (!someoneWaits) return;
    const timer = window.setInterval(() => void refresh.current(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [someoneWaits]);

  const decide = useCallback(
    async (ids: string[], action: "admit" | "deny") => {
      setBusy(true);
      setError(null);
      const failures: string[] = [];
      for (const id of ids) {
        try {
          await (action === "admit" ? api.admit(id) : api.deny(id));
        } catch (err) {
          failures.push(errorMessage(err));
        }
      }
      setWaiting((list) => list.filter((guest) => !ids.includes(guest.id)));
      setBusy(false);
      if (failures.length) setError(failures[0]!);
      await refresh.current();
    },
    [api],
  );

  return { waiting, announcement, error, busy, decide };
}
