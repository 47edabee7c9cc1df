// The host's waiting-room calls, authorised by the host's own LiveKit token (read
// fresh each time: LiveKit refreshes it during the call).
import { apiClient, unwrap, type WaitingGuest } from "../shared/api";
import type { TokenSource } from "./participantApi";

/** The topic of the service's "the waiting list changed" packet (RoomService SendData). */
export const WAITING_ROOM_TOPIC = "waiting-room";

export function admissionApi(roomName: string, token: TokenSource) {
  const api = apiClient({ bearer: token });
  const request = (id: string) => ({ params: { path: { room_name: roomName, admission_id: id } } });
  return {
    list: async (): Promise<WaitingGuest[]> => {
      const body = await unwrap(
        api.GET("/api/rooms/{room_name}/admissions", { params: { path: { room_name: roomName } } }),
      );
      return body.admissions;
    },
    admit: (id: string) =>
      unwrap(api.POST("/api/rooms/{room_name}/admissions/{admission_id}/admit", request(id))),
    deny: (id: string) =>
      unwrap(api.POST("/api/rooms/{room_name}/admissions/{admission_id}/deny", request(id))),
  };
}

export type AdmissionApi = ReturnType<typeof admissionApi>;

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
