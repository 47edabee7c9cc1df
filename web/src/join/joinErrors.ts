// Turns a refused token request into what the guest should read and do next.
import { ApiError, errorMessage } from "../shared/api";
import { formatDateTime } from "../shared/time";
import type { RoomInfo } from "../shared/types";

/** The service's default JOIN_EARLY_MINUTES: the page cannot read the server's setting. */
export const JOIN_EARLY_MS = 10 * 60_000;

export type JoinProblem =
  | { kind: "password"; message: string }
  | { kind: "not-invited"; message: string }
  | { kind: "not-started"; message: string; startsAt: Date; opensAt: Date }
  | { kind: "ended"; message: string }
  | { kind: "too-many"; message: string; retryAt: Date }
  | { kind: "not-found"; message: string }
  | { kind: "other"; message: string };

export function toJoinProblem(error: unknown, room: RoomInfo, email: string): JoinProblem {
  if (!(error instanceof ApiError)) return { kind: "other", message: errorMessage(error) };
  switch (error.status) {
    case 401:
      return { kind: "password", message: "That password is not right. Check the link or type it again." };
    case 403:
      return {
        kind: "not-invited",
        message: email
          ? `${email} is not on the guest list of this private meeting. Use the email you were invited with, or ask the organiser to add you.`
          : "This meeting is private: only invited people can join.",
      };
    case 404:
      return { kind: "not-found", message: "This meeting no longer exists. Check the link." };
    case 409: {
      const startsAt = startTimeOf(error) ?? new Date(room.startTime);
      return {
        kind: "not-started",
        message: `This meeting has not started yet. It starts ${formatDateTime(startsAt.toISOString())}.`,
        startsAt,
        opensAt: new Date(startsAt.getTime() - JOIN_EARLY_MS),
      };
    }
    case 410:
      return { kind: "ended", message: "This meeting has ended." };
    case 429: {
      const seconds = error.retryAfter ?? 60;
      return {
        kind: "too-many",
        message: "Too many attempts to join. Wait a moment before trying again.",
        retryAt: new Date(Date.now() + seconds * 1000),
      };
    }
    default:
      return { kind: "other", message: error.message };
  }
}

// The 409 names the start time, in details (any key ending in "startTime")
// or in the message as an ISO timestamp; the room's own start is the fallback.
function startTimeOf(error: ApiError): Date | null {
  const fromDetails = (error.details as unknown[])
    .flatMap((d) => (d && typeof d === "object" ? Object.entries(d) : []))
    .find(([key, value]) => /starttime$/i.test(key) && typeof value === "string")?.[1];
  const iso =
    (typeof fromDetails === "string" ? fromDetails : null) ??
    /\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})/.exec(error.message)?.[0];
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}
