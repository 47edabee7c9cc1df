// Calls made as a participant: the bearer is the LiveKit token, read fresh
// each time because LiveKit refreshes it during the call (the first token
// expires after 15 minutes; see LatestToken in session.ts).
import { apiRequest } from "../shared/api";
import type { ChatMessage } from "../shared/types";

export type TokenSource = () => string;

export const CHAT_PAGE_SIZE = 200; // the API's largest page

export function participantApi(roomName: string, token: TokenSource) {
  const participant = (identity: string) =>
    `/api/rooms/${encodeURIComponent(roomName)}/participants/${encodeURIComponent(identity)}`;
  return {
    /** One page of history, oldest first, after the message with id `after`. */
    history: (after: string | null) => {
      const query = new URLSearchParams({ roomName, limit: String(CHAT_PAGE_SIZE) });
      if (after) query.set("after", after);
      return apiRequest<{ messages: ChatMessage[] }>(`/api/messages?${query}`, { bearer: token() });
    },
    send: (id: string, text: string) =>
      apiRequest<ChatMessage>("/api/messages", {
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
    remove: (identity: string) =>
      apiRequest<unknown>(`${participant(identity)}/remove`, { method: "POST", bearer: token() }),
  };
}

export type ParticipantApi = ReturnType<typeof participantApi>;
