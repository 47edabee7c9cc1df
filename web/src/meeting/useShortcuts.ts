import type { Room } from "livekit-client";
import { useEffect, useRef } from "react";
import { matchShortcut } from "./shortcuts";

/** Ctrl/Cmd+E microphone, Ctrl/Cmd+D camera, "?" help; never while typing. */
export function useShortcuts(room: Room, onHelp: () => void): void {
  const help = useRef(onHelp);
  // eslint-disable-next-line react-hooks/refs -- the latest callback, read by the key handler, never by rendering
  help.current = onHelp;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat) return;
      const action = matchShortcut(event);
      if (!action) return;
      // Ctrl+D would bookmark the page, Ctrl+E search: the call takes them.
      event.preventDefault();
      const me = room.localParticipant;
      if (action === "help") help.current();
      else if (action === "microphone") {
        void me.setMicrophoneEnabled(!me.isMicrophoneEnabled).catch(() => undefined);
      } else {
        void me.setCameraEnabled(!me.isCameraEnabled).catch(() => undefined);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [room]);
}
