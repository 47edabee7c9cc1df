import { type FormEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from "react";
import { errorMessage } from "../shared/api";
import { formatTime } from "../shared/time";
import { MAX_CHAT_LENGTH } from "./chatMessages";
import { ChatText } from "./ChatText";
import type { Chat } from "./useChat";

interface Props {
  chat: Chat;
  localIdentity: string;
}

/** Messages (history first, then live) and a box to write; Enter sends. */
export function ChatPanel({ chat, localIdentity }: Props) {
  // The draft lives with the chat, not the panel: closing the panel (Escape) keeps it.
  const { draft, setDraft } = chat;
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // Where the list was scrolled to, from its bottom, as of the last render or scroll:
  // earlier messages added above keep what was on screen in place.
  const fromBottom = useRef(0);
  const shown = useRef<{ first?: string; last?: string }>({});
  const first = chat.messages[0]?.id;
  const last = chat.messages[chat.messages.length - 1];

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const before = shown.current;
    if (last?.id !== before.last) {
      // A newer message: follow it if the reader was at the end, or it is their own.
      const atEnd = before.last === undefined || fromBottom.current - el.clientHeight < 48;
      if (atEnd || last?.identity === localIdentity) el.scrollTop = el.scrollHeight;
    } else if (first !== before.first) {
      el.scrollTop = el.scrollHeight - fromBottom.current;
    }
    shown.current = { first, last: last?.id };
    fromBottom.current = el.scrollHeight - el.scrollTop;
  }, [first, last, localIdentity]);

  const onScroll = () => {
    const el = list.current;
    if (el) fromBottom.current = el.scrollHeight - el.scrollTop;
  };

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
          Could not load the chat history: {chat.historyError}
        </p>
      )}
      {chat.hasEarlier && (
        <button
          type="button"
          className="btn btn-small chat-earlier"
          onClick={() => void chat.loadEarlier()}
          disabled={chat.loadingEarlier}
        >
          {chat.loadingEarlier ? "Loading earlier messages…" : "Load earlier messages"}
        </button>
      )}
      <ol
        className="chat-messages"
        ref={list}
        onScroll={onScroll}
        aria-live="polite"
        aria-label="Messages"
      >
        {chat.messages.length === 0 && <li className="muted chat-empty">No messages yet.</li>}
        {chat.messages.map((message) => (
          <li key={message.id} className={message.identity === localIdentity ? "mine" : ""}>
            <span className="chat-meta">
              <strong>{message.identity === localIdentity ? "You" : message.name || message.identity}</strong>{" "}
              <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
            </span>
            <ChatText text={message.text} />
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
