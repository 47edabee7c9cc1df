// Reactions: short-lived data packets, one emoji from a fixed set. LiveKit stamps
// each packet with its sender's identity, so the receiver shows it on that tile and
// never trusts a name inside the payload.

export const REACTION_TOPIC = "reaction";
/** How long a reaction floats on the sender's tile. */
export const REACTION_MS = 4000;

export const REACTIONS = [
  { emoji: "👍", label: "Thumbs up" },
  { emoji: "👏", label: "Clap" },
  { emoji: "😂", label: "Laugh" },
  { emoji: "❤️", label: "Heart" },
  { emoji: "🎉", label: "Celebrate" },
  { emoji: "😮", label: "Surprised" },
] as const;

export type Reaction = (typeof REACTIONS)[number]["emoji"];

const KNOWN = new Set<string>(REACTIONS.map((r) => r.emoji));

export function encodeReaction(emoji: Reaction): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(emoji);
}

/** The emoji a packet carries, or null unless it is exactly one of the set. */
export function decodeReaction(payload: Uint8Array): Reaction | null {
  if (payload.byteLength > 32) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(payload);
  } catch {
    return null;
  }
  return KNOWN.has(text) ? (text as Reaction) : null;
}
