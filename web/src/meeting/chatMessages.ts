// Chat message bookkeeping shared by history loads, live delivery and sends:
// one list, keyed by id, oldest first.
import type { ChatMessage } from "../shared/types";

export const CHAT_TOPIC = "lk-meet.chat";
export const MAX_CHAT_LENGTH = 2000;

export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** Parses a data-channel chat packet; returns null for anything malformed. */
export function decodeChatPacket(payload: Uint8Array): ChatMessage | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(payload)) as Partial<ChatMessage>;
    if (
      typeof value.id === "string" &&
      typeof value.text === "string" &&
      typeof value.createdAt === "string" &&
      typeof value.roomName === "string"
    ) {
      return {
        id: value.id,
        roomName: value.roomName,
        identity: String(value.identity ?? ""),
        name: typeof value.name === "string" ? value.name : null,
        text: value.text.slice(0, MAX_CHAT_LENGTH),
        createdAt: value.createdAt,
      };
    }
  } catch {
    // not JSON: ignore
  }
  return null;
}

export function encodeChatPacket(message: ChatMessage): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(message));
}

/** A random id for a new message; crypto.randomUUID needs a secure context. */
export function newMessageId(): string {
  if (typeof crypto.randomUUID === "function" && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
