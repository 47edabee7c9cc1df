// The host's waiting-room calls, authorised by the host's own LiveKit token (read
// fresh each time: LiveKit refreshes it during the call).
import { apiRequest } from "../shared/api";
import type { WaitingGuest } from "../shared/types";
import type { TokenSource } from "./participantApi";

/** The topic of the service's "the waiting list changed" packet (RoomService SendData). */
export const WAITING_ROOM_TOPIC = "waiting-room";

export function admissionApi(roomName: string, token: TokenSource) {
  const base = `/api/rooms/${encodeURIComponent(roomName)}/admissions`;
  const decide = (id: string, action: "admit" | "deny") =>
    apiRequest<unknown>(`${base}/${encodeURIComponent(id)}/${action}`, {
      method: "POST",
      bearer: token(),
    });
  return {
    list: async (): Promise<WaitingGuest[]> => {
      const body = await apiRequest<{ admissions?: unknown }>(base, { bearer: token() });
      return Array.isArray(body.admissions) ? body.admissions.filter(isWaitingGuest) : [];
    },
    admit: (id: string) => decide(id, "admit"),
    deny: (id: string) => decide(id, "deny"),
  };
}

export type AdmissionApi = ReturnType<typeof admissionApi>;

function isWaitingGuest(value: unknown): value is WaitingGuest {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    typeof v.name === "string" &&
    (v.email === null || typeof v.email === "string") &&
    typeof v.requestedAt === "string"
  );
}

/** A short two-tone chime made on the spot (no sound file to download). */
export function chime(): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.connect(audio.destination);
    const start = audio.currentTime;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
    [880, 1320].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(start + i * 0.15);
      tone.stop(start + 0.45);
    });
    window.setTimeout(() => void audio.close(), 800);
  } catch {
    // No audio output (or not allowed yet): the panel and its announcement still show.
  }
}
