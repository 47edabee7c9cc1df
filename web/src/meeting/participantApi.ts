// Calls made as a participant: the bearer is the LiveKit token, read fresh
// each time because LiveKit refreshes it during the call (the first token
// expires after 15 minutes; see LatestToken in session.ts).
import { apiRequest } from "../shared/api";

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
  const participant = (identity: string) =>
    `/api/rooms/${encodeURIComponent(roomName)}/participants/${encodeURIComponent(identity)}`;
  return {
    roomName,
    /** One page of history, oldest first. The messages are not trusted as they
     * come: the caller validates each one (chatMessages.parseMessages). */
    history: (page: HistoryPage, limit: number) => {
      const query = new URLSearchParams({ roomName, limit: String(limit) });
      if ("latest" in page) query.set("latest", "true");
      else if ("before" in page) query.set("before", page.before);
      else query.set("after", page.after);
      return apiRequest<{ messages: unknown }>(`/api/messages?${query}`, { bearer: token() });
    },
    send: (id: string, text: string) =>
      apiRequest<unknown>("/api/messages", {
        method: "POST",
        body: { roomName, text, id },
        bearer: token(),
      }),
    mute: (identity: string, trackSid: string | undefined) =>
      apiRequest<unknown>(`${participant(identity)}/mute`, {
        method: "POST",
        body: trackSid ? { trackSid } : {},
        bearer: token(),
      }),
    lowerHand: (identity: string) =>
      apiRequest<unknown>(`${participant(identity)}/lower-hand`, { method: "POST", bearer: token() }),
    remove: (identity: string) =>
      apiRequest<unknown>(`${participant(identity)}/remove`, { method: "POST", bearer: token() }),
  };
}

export type ParticipantApi = ReturnType<typeof participantApi>;
