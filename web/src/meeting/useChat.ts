import { type Participant, type Room, RoomEvent } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "../shared/api";
import type { ChatMessage } from "../shared/types";
import {
  CHAT_TOPIC,
  decodeChatPacket,
  encodeChatPacket,
  mergeMessages,
  newMessageId,
} from "./chatMessages";
import { CHAT_PAGE_SIZE, type ParticipantApi } from "./participantApi";

export interface Chat {
  messages: ChatMessage[];
  historyError: string | null;
  unread: number;
  send: (text: string) => Promise<void>;
}

/**
 * Chat: the stored history on joining (and what was missed after a reconnection),
 * live messages over the LiveKit data channel, and sends that are stored
 * through /api/messages first, then broadcast as the server saved them.
 */
export function useChat(room: Room, api: ParticipantApi, panelOpen: boolean): Chat {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const open = useRef(panelOpen);
  open.current = panelOpen;

  useEffect(() => {
    if (panelOpen) setUnread(0);
  }, [panelOpen]);

  // The id of the last history message read: after a reconnection only what
  // was missed is fetched. Only history pages move it, since `after` follows
  // the server's order, which live packets need not arrive in.
  const lastStored = useRef<string | null>(null);

  useEffect(() => {
    let loading = false;
    const loadHistory = async () => {
      if (loading) return;
      loading = true;
      try {
        for (;;) {
          const page = (await api.history(lastStored.current)).messages;
          if (page.length === 0) break;
          lastStored.current = page[page.length - 1]!.id;
          setMessages((current) => mergeMessages(current, page));
          if (page.length < CHAT_PAGE_SIZE) break;
        }
        setHistoryError(null);
      } catch (error) {
        setHistoryError(errorMessage(error));
      } finally {
        loading = false;
      }
    };
    const onData = (
      payload: Uint8Array,
      from?: Participant,
      _kind?: unknown,
      topic?: string,
    ) => {
      if (topic !== CHAT_TOPIC || !from) return;
      const message = decodeChatPacket(payload);
      if (!message) return;
      // The sender is who LiveKit says it is, not what the packet claims.
      setMessages((current) =>
        mergeMessages(current, [{ ...message, identity: from.identity, name: from.name ?? null }]),
      );
      if (!open.current) setUnread((n) => n + 1);
    };
    // The token is valid before LiveKit answers, so history shows while
    // connecting; a reconnection may have missed messages, so ask again.
    void loadHistory();
    room.on(RoomEvent.Reconnected, loadHistory);
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.Reconnected, loadHistory);
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room, api]);

  const send = useCallback(
    async (text: string) => {
      const saved = await api.send(newMessageId(), text);
      setMessages((current) => mergeMessages(current, [saved]));
      // Stored already: if the live broadcast fails, others still get the
      // message from the history, so this is not reported as a failed send.
      await room.localParticipant
        .publishData(encodeChatPacket(saved), { reliable: true, topic: CHAT_TOPIC })
        .catch(() => undefined);
    },
    [room, api],
  );

  return { messages, historyError, unread, send };
}
