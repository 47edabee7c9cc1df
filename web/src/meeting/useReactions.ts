import { type Room, RoomEvent, type RoomEventCallbacks } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { decodeReaction, encodeReaction, type Reaction, REACTION_MS, REACTION_TOPIC } from "./reactions";

export interface ShownReaction {
  id: number;
  identity: string;
  emoji: Reaction;
}

export interface Reactions {
  /** Reactions on screen now, oldest first. */
  shown: ShownReaction[];
  send: (emoji: Reaction) => Promise<void>;
}

/** Reactions sent and received, each shown for REACTION_MS. */
export function useReactions(room: Room): Reactions {
  const [shown, setShown] = useState<ShownReaction[]>([]);
  const next = useRef(0);
  const timers = useRef(new Set<number>());

  const show = useCallback((identity: string, emoji: Reaction) => {
    const id = ++next.current;
    setShown((now) => [...now, { id, identity, emoji }]);
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      setShown((now) => now.filter((r) => r.id !== id));
    }, REACTION_MS);
    timers.current.add(timer);
  }, []);

  useEffect(() => {
    const onData: RoomEventCallbacks["dataReceived"] = (payload, from, _kind, topic, _enc, sender) => {
      if (topic !== REACTION_TOPIC) return;
      // The sender is who LiveKit says sent it; the service sends no reactions.
      const identity = from?.identity ?? sender;
      const emoji = decodeReaction(payload);
      if (identity && emoji) show(identity, emoji);
    };
    room.on(RoomEvent.DataReceived, onData);
    const pending = timers.current;
    return () => {
      room.off(RoomEvent.DataReceived, onData);
      for (const timer of pending) window.clearTimeout(timer);
      pending.clear();
    };
  }, [room, show]);

  const send = useCallback(
    async (emoji: Reaction) => {
      // Reliable: a few bytes, now and then; a reaction lost on the way would be
      // a click that did nothing for everyone else.
      await room.localParticipant.publishData(encodeReaction(emoji), {
        reliable: true,
        topic: REACTION_TOPIC,
      });
      show(room.localParticipant.identity, emoji);
    },
    [room, show],
  );

  return { shown, send };
}
