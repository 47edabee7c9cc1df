import { type Participant, type Room, RoomEvent } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { type ChatMessage, errorMessage } from "../shared/api";
import {
  CHAT_TOPIC,
  decodeChatPacket,
  mergeMessages,
  newMessageId,
  parseMessage,
  parseMessages,
} from "./chatMessages";
import {
  CHAT_CATCH_UP_SIZE,
  CHAT_PAGE_SIZE,
  type HistoryPage,
  type ParticipantApi,
} from "./participantApi";

export interface Chat {
  messages: ChatMessage[];
  historyError: string | null;
  unread: number;
  /** The server has messages older than the oldest shown. */
  hasEarlier: boolean;
  loadingEarlier: boolean;
  loadEarlier: () => Promise<void>;
  send: (text: string) => Promise<void>;
  /** What is being written, kept while the panel is closed. */
  draft: string;
  setDraft: (text: string) => void;
}

/**
 * Chat, with the service as its only source:
 * - on joining, the newest page of the history; older pages on demand;
 * - live messages as the service delivers them (RoomService SendData), accepted only
 *   when LiveKit says no participant sent them;
 * - after a reconnection, and when the panel is opened, what came after the newest
 *   message shown (a message whose live delivery failed shows up then);
 * - sends stored through /api/messages, shown as the service answered.
 */
export function useChat(room: Room, api: ParticipantApi, panelOpen: boolean): Chat {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [hasEarlier, setHasEarlier] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [draft, setDraft] = useState("");
  const open = useRef(panelOpen);
  open.current = panelOpen;
  // The list as last committed, for the ids the next request needs.
  const list = useRef<ChatMessage[]>([]);
  // Whether the newest page has been read: until then a catch-up reads it instead.
  const started = useRef(false);
  const catchUp = useRef<() => Promise<void>>(async () => undefined);

  /** Adds what is new; counts others' messages as unread while the panel is closed. */
  const add = useCallback(
    (incoming: ChatMessage[], countUnread: boolean) => {
      const next = mergeMessages(list.current, incoming);
      if (next === list.current) return;
      const known = new Set(list.current.map((m) => m.id));
      list.current = next;
      setMessages(next);
      if (countUnread && !open.current) {
        const me = room.localParticipant.identity;
        const fresh = next.filter((m) => !known.has(m.id) && m.identity !== me).length;
        if (fresh > 0) setUnread((n) => n + fresh);
      }
    },
    [room],
  );

  useEffect(() => {
    if (panelOpen) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- opening the panel reads them all
      setUnread(0);
      void catchUp.current();
    }
  }, [panelOpen]);

  useEffect(() => {
    let active = true;
    let busy = false;
    const page = async (which: HistoryPage, limit: number) => {
      const raw = (await api.history(which, limit)).messages;
      return {
        messages: parseMessages(raw, api.roomName),
        full: Array.isArray(raw) && raw.length >= limit,
      };
    };
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        if (!started.current || list.current.length === 0) {
          const newest = await page({ latest: true }, CHAT_PAGE_SIZE);
          if (!active) return;
          started.current = true;
          setHasEarlier(newest.full);
          add(newest.messages, false);
        } else {
          // Forward from the newest message shown, a page at a time.
          for (;;) {
            const last = list.current[list.current.length - 1]!;
            const next = await page({ after: last.id }, CHAT_CATCH_UP_SIZE);
            if (!active) return;
            add(next.messages, true);
            if (!next.full) break;
          }
        }
        setHistoryError(null);
      } catch (error) {
        if (active) setHistoryError(errorMessage(error));
      } finally {
        busy = false;
      }
    };
    catchUp.current = load;

    const onData = (
      payload: Uint8Array,
      from?: Participant,
      _kind?: unknown,
      topic?: string,
      _encryption?: unknown,
      senderIdentity?: string,
    ) => {
      if (topic !== CHAT_TOPIC) return;
      // Only the service's own packets (RoomService SendData) carry no sender: LiveKit
      // stamps every packet a participant publishes with that participant's identity
      // (livekit-server pkg/rtc/participant.go handleReceivedDataMessage), and
      // livekit-client passes it on even before it knows the participant
      // (livekit-client src/room/Room.ts handleDataPacket / handleUserPacket).
      if (from !== undefined || senderIdentity) return;
      const message = decodeChatPacket(payload, api.roomName);
      if (message) add([message], true);
    };

    // The token is valid before LiveKit answers, so history shows while connecting;
    // a reconnection may have missed messages, so catch up then.
    void load();
    room.on(RoomEvent.Reconnected, load);
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      active = false;
      room.off(RoomEvent.Reconnected, load);
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room, api, add]);

  const loadEarlier = useCallback(async () => {
    const oldest = list.current[0];
    if (!oldest) return;
    setLoadingEarlier(true);
    try {
      const raw = (await api.history({ before: oldest.id }, CHAT_PAGE_SIZE)).messages;
      setHasEarlier(Array.isArray(raw) && raw.length >= CHAT_PAGE_SIZE);
      add(parseMessages(raw, api.roomName), false);
      setHistoryError(null);
    } catch (error) {
      setHistoryError(errorMessage(error));
    } finally {
      setLoadingEarlier(false);
    }
  }, [api, add]);

  const send = useCallback(
    async (text: string) => {
      // Stored first; the service then delivers it to everyone (this page too).
      const saved = parseMessage(await api.send(newMessageId(), text), api.roomName);
      if (saved) add([saved], false);
    },
    [api, add],
  );

  return {
    messages,
    historyError,
    unread,
    hasEarlier,
    loadingEarlier,
    loadEarlier,
    send,
    draft,
    setDraft,
  };
}
