import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { errorMessage } from "../shared/api";
import { formatTime } from "../shared/time";
import { MAX_CHAT_LENGTH } from "./chatMessages";
import type { Chat } from "./useChat";

interface Props {
  chat: Chat;
  localIdentity: string;
}

/** Messages (history first, then live) and a box to write; Enter sends. */
export function ChatPanel({ chat, localIdentity }: Props) {
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [chat.messages.length]);

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    setError(null);
    try {
      await chat.send(text);
      setDraft("");
    } catch (err) {
      setError(`Not sent: ${errorMessage(err)}`);
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <div className="chat">
      {chat.historyError && (
        <p className="field-error" role="alert">
          Could not load earlier messages: {chat.historyError}
        </p>
      )}
      <ol className="chat-messages" ref={list} aria-live="polite" aria-label="Messages">
        {chat.messages.length === 0 && <li className="muted chat-empty">No messages yet.</li>}
        {chat.messages.map((message) => (
          <li key={message.id} className={message.identity === localIdentity ? "mine" : ""}>
            <span className="chat-meta">
              <strong>{message.identity === localIdentity ? "You" : message.name || message.identity}</strong>{" "}
              <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
            </span>
            <span className="chat-text">{message.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={send}>
        <label htmlFor="chat-input" className="visually-hidden">
          Message
        </label>
        <textarea
          id="chat-input"
          rows={2}
          maxLength={MAX_CHAT_LENGTH}
          placeholder="Write a message"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={error ? "chat-error" : undefined}
        />
        <button type="submit" className="btn btn-primary" disabled={sending || !draft.trim()}>
          Send
        </button>
      </form>
      {error && (
        <p id="chat-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
