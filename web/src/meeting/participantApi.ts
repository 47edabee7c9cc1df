// Calls made as a participant: the bearer is the LiveKit token, read fresh
// each time because LiveKit refreshes it during the call (the first token
// expires after 15 minutes; see LatestToken in session.ts).
import { apiClient, unwrap } from "../shared/api";

export type TokenSource = () => string;

/** Messages a late joiner gets at first, and per "Load earlier messages". */
export const CHAT_PAGE_SIZE = 50;
/** Per page when catching up after a reconnection (the API's largest page). */
export const CHAT_CATCH_UP_SIZE = 200;

/** Which page of a room's chat history to read (see GET /api/messages). */
export type HistoryPage =
  | { latest: true }
  | { before: string }
  | { after: string };

export function participantApi(roomName: string, token: TokenSource) {
  const api = apiClient({ bearer: token });
  const participant = (identity: string) => ({
    params: { path: { room_name: roomName, identity } },
  });
  return {
    roomName,
    /** One page of history, oldest first. The messages are not trusted as they
     * come: the caller validates each one (chatMessages.parseMessages). */
    history: (page: HistoryPage, limit: number) => {
      const query = { roomName, limit, ...page };
      return unwrap(api.GET("/api/messages", { params: { query } }));
    },
    send: (id: string, text: string) =>
      unwrap(api.POST("/api/messages", { body: { roomName, text, id } })),
    mute: (identity: string, trackSid: string | undefined) =>
      unwrap(
        api.POST("/api/rooms/{room_name}/participants/{identity}/mute", {
          ...participant(identity),
          body: trackSid ? { trackSid } : {},
        }),
      ),
    lowerHand: (identity: string) =>
      unwrap(
        api.POST("/api/rooms/{room_name}/participants/{identity}/lower-hand", participant(identity)),
      ),
    remove: (identity: string) =>
      unwrap(api.POST("/api/rooms/{room_name}/participants/{identity}/remove", participant(identity))),
  };
}

export type ParticipantApi = ReturnType<typeof participantApi>;
