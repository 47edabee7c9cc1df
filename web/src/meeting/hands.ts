// Raised hands, carried as a participant attribute each page sets on itself
// (livekit-client setAttributes): `hand` holds the ISO time it went up. Attributes
// are visible to everyone in the room, so nothing but that time goes there.

export const HAND_ATTRIBUTE = "hand";

export interface HandHolder {
  identity: string;
  name?: string | undefined;
  attributes: Readonly<Record<string, string>>;
}

export interface RaisedHand {
  identity: string;
  name: string;
  raisedAt: number;
}

/** When the hand went up (ms since the epoch), or null when it is down or unreadable. */
export function raisedAt(attributes: Readonly<Record<string, string>>): number | null {
  const value = attributes[HAND_ATTRIBUTE];
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}

/** Everyone whose hand is up, first raised first (ties by identity, so all agree). */
export function raisedHands(people: readonly HandHolder[]): RaisedHand[] {
  const hands: RaisedHand[] = [];
  for (const person of people) {
    const at = raisedAt(person.attributes);
    if (at !== null) {
      hands.push({ identity: person.identity, name: person.name || person.identity, raisedAt: at });
    }
  }
  return hands.sort((a, b) => a.raisedAt - b.raisedAt || (a.identity < b.identity ? -1 : 1));
}

/** The attribute change that raises (now) or lowers a hand; "" deletes the key. */
export function handAttributes(raise: boolean, now: Date = new Date()): Record<string, string> {
  return { [HAND_ATTRIBUTE]: raise ? now.toISOString() : "" };
}
