// Chat message bookkeeping shared by history loads, live delivery and sends:
// one list, keyed by id, oldest first. Every message shown passes `parseMessage`,
// wherever it came from: a bad field drops the message, it never reaches rendering.
import type { ChatMessage } from "../shared/api";

/** The topic of the service's live delivery (RoomService SendData). */
export const CHAT_TOPIC = "chat";
export const MAX_CHAT_LENGTH = 2000;
// Bounds on what is rendered; the service's own are tighter (LiveKit identities and
// names, room names of at most 200 characters).
const MAX_ROOM_LENGTH = 200;
const MAX_IDENTITY_LENGTH = 256;
const MAX_NAME_LENGTH = 256;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 with a time and an offset, as the API writes times.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function boundedString(value: unknown, max: number, min = 1): value is string {
  return typeof value === "string" && value.length >= min && value.length <= max;
}

/** `value` as a chat message of `roomName`, or null if any field is not what the API
 * sends: a UUID id, strings of bounded length, a createdAt that is a real date. */
export function parseMessage(value: unknown, roomName: string): ChatMessage | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== "string" || !UUID.test(m.id)) return null;
  if (!boundedString(m.roomName, MAX_ROOM_LENGTH) || m.roomName !== roomName) return null;
  if (!boundedString(m.identity, MAX_IDENTITY_LENGTH)) return null;
  if (!boundedString(m.name, MAX_NAME_LENGTH, 0)) return null;
  if (!boundedString(m.text, MAX_CHAT_LENGTH)) return null;
  if (typeof m.createdAt !== "string" || !ISO_DATE_TIME.test(m.createdAt)) return null;
  if (Number.isNaN(new Date(m.createdAt).getTime())) return null;
  return {
    id: m.id.toLowerCase(),
    roomName: m.roomName,
    identity: m.identity,
    name: m.name,
    text: m.text,
    createdAt: m.createdAt,
  };
}

/** The messages of a history page that are valid; the rest are left out. */
export function parseMessages(values: unknown, roomName: string): ChatMessage[] {
  if (!Array.isArray(values)) return [];
  return values.flatMap((value) => parseMessage(value, roomName) ?? []);
}

/** A live chat packet's message, or null for anything malformed. */
export function decodeChatPacket(payload: Uint8Array, roomName: string): ChatMessage | null {
  try {
    return parseMessage(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)), roomName);
  } catch {
    return null; // not UTF-8 or not JSON
  }
}

function order(a: ChatMessage, b: ChatMessage): number {
  const at = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `current` plus the messages of `incoming` whose id it does not have yet. A message
 * already shown is never replaced: every source is the service, so a later copy with
 * other content can only be a forgery. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const known = new Set(current.map((m) => m.id));
  const added = incoming.filter((m) => {
    if (known.has(m.id)) return false;
    known.add(m.id);
    return true;
  });
  if (added.length === 0) return current;
  return [...current, ...added].sort(order);
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
