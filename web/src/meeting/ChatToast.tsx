import { useEffect, useRef, useState } from "react";
import type { ChatMessage } from "../shared/api";
import type { Chat } from "./useChat";

const SHOWN_MS = 5000;

/** A quiet note of the newest message from someone else while the chat is closed. */
export function ChatToast({ chat, open, localIdentity }: { chat: Chat; open: boolean; localIdentity: string }) {
  const [toast, setToast] = useState<ChatMessage | null>(null);
  const unread = useRef(chat.unread);
  const last = chat.messages[chat.messages.length - 1];

  useEffect(() => {
    // Only a rise in the unread count is news (history loading adds none).
    const rose = chat.unread > unread.current;
    unread.current = chat.unread;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- news is a change of the count, seen only after it happens
    if (open) setToast(null);
    else if (rose && last && last.identity !== localIdentity) setToast(last);
  }, [chat.unread, open, last, localIdentity]);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);

  return (
    <div className="chat-toast-region" role="status">
      {toast && (
        <p className="chat-toast">
          <strong>{toast.name || toast.identity}:</strong> {toast.text.slice(0, 120)}
        </p>
      )}
    </div>
  );
}
