import type { MediaChoices } from "../join/joinSession";

/** What the join page hands the meeting view once a token is granted. */
export interface MeetingSession {
  token: string;
  livekitUrl: string;
  roomName: string;
  identity: string;
  title: string;
  isHost: boolean;
  /** When the meeting ends (ISO 8601); a host may move it (see useMeetingState). */
  endTime: string;
  /** A host locked the meeting against new joins. */
  locked: boolean;
  /** The identities made co-hosts so far (see useMeetingState). */
  cohosts: string[];
  choices: MediaChoices;
  /** The password this person joined with: the meeting's invite link carries it. */
  password: string;
  startTime?: string | undefined;
}

/** Why the meeting view closed, for the page shown afterwards. */
export type LeaveReason = "left" | "removed" | "ended" | "ended-by-host" | "replaced" | "lost";

/**
 * The token the page shows the service's API (chat, moderation): the newest of
 * the one the join page got and those LiveKit sent since.
 *
 * LiveKit refreshes a connected client's token about every 5 minutes: same
 * identity, name, grants and room, signed with the same key, valid for at least
 * 10 more minutes. The first token runs out after TOKEN_TTL_SECONDS (15 min),
 * so a page that kept using it would lose chat and moderation mid-call; the
 * service accepts a refreshed token like the one it issued. "Newest" is by
 * expiry, so a late or replayed refresh never replaces a longer-lived token.
 */
export class LatestToken {
  private token: string;
  private expiresAt: number;

  constructor(initial: string) {
    this.token = initial;
    this.expiresAt = expiryOf(initial);
  }

  /** Offer a token LiveKit sent; kept when it outlives the current one. */
  offer = (token: string): void => {
    const expiresAt = expiryOf(token);
    if (expiresAt >= this.expiresAt) {
      this.token = token;
      this.expiresAt = expiresAt;
    }
  };

  current = (): string => this.token;
}

/** A JWT's `exp` in seconds, or 0 when it cannot be read (never preferred). */
export function expiryOf(token: string): number {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp: unknown = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp : 0;
  } catch {
    return 0;
  }
}
