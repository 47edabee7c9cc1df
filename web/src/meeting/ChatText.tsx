import { chatSegments } from "./chatLinks";

/** A message's text with its http(s) addresses as links that open in a new tab. */
export function ChatText({ text }: { text: string }) {
  return (
    <span className="chat-text">
      {chatSegments(text).map((segment, index) =>
        segment.href ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </span>
  );
}
