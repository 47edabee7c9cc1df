// A host's (or co-host's) controls over the whole meeting, authorised by their own
// LiveKit token (read fresh each call: LiveKit refreshes it; see LatestToken).
import { apiRequest } from "../shared/api";
import type { TokenSource } from "./participantApi";

export type Extension = 15 | 30;

export interface MeetingControls {
  locked: boolean;
  endTime: string;
}

export function hostApi(roomName: string, token: TokenSource) {
  const room = `/api/rooms/${encodeURIComponent(roomName)}`;
  const post = <T>(path: string, body?: unknown) =>
    apiRequest<T>(`${room}/${path}`, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      bearer: token(),
    });
  return {
    endForEveryone: () => post<undefined>("end"),
    muteEveryone: () => post<{ mutedIdentities: string[] }>("mute-all"),
    setLocked: (locked: boolean) => post<MeetingControls>(locked ? "lock" : "unlock"),
    extend: (minutes: Extension) => post<MeetingControls>("extend", { minutes }),
    makeCohost: (identity: string) =>
      post<undefined>(`participants/${encodeURIComponent(identity)}/cohost`),
  };
}

export type HostApi = ReturnType<typeof hostApi>;
