// A host's (or co-host's) controls over the whole meeting, authorised by their own
// LiveKit token (read fresh each call: LiveKit refreshes it; see LatestToken).
import { apiClient, unwrap } from "../shared/api";
import type { components } from "../shared/api-types";
import type { TokenSource } from "./participantApi";

export type Extension = 15 | 30;

export type MeetingControls = components["schemas"]["MeetingControls"];

export function hostApi(roomName: string, token: TokenSource) {
  const api = apiClient({ bearer: token });
  const room = { params: { path: { room_name: roomName } } };
  return {
    endForEveryone: () => unwrap(api.POST("/api/rooms/{room_name}/end", room)),
    muteEveryone: () => unwrap(api.POST("/api/rooms/{room_name}/mute-all", room)),
    setLocked: (locked: boolean) =>
      unwrap(api.POST(locked ? "/api/rooms/{room_name}/lock" : "/api/rooms/{room_name}/unlock", room)),
    extend: (minutes: Extension) =>
      unwrap(api.POST("/api/rooms/{room_name}/extend", { ...room, body: { minutes } })),
    makeCohost: (identity: string) =>
      unwrap(
        api.POST("/api/rooms/{room_name}/participants/{identity}/cohost", {
          params: { path: { room_name: roomName, identity } },
        }),
      ),
  };
}

export type HostApi = ReturnType<typeof hostApi>;
