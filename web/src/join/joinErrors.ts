// Turns a refused token request into what the guest should read and do next.
import { ApiError, errorMessage, type RoomInfo } from "../shared/api";
import { formatDateTime } from "../shared/time";

/** The service's default JOIN_EARLY_MINUTES, used only if the 409 does not say when joining opens. */
const JOIN_EARLY_MS = 10 * 60_000;

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
      // A host link with a wrong host key is refused the same way as a wrong password.
      if (/host key/i.test(error.message)) {
        return { kind: "other", message: "This host link is not valid: its host key is wrong." };
      }
      return {
        kind: "password",
        message: "That password is not right. Check the link or type it again.",
      };
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
      const startsAt = detailTime(error, "startTime") ?? new Date(room.startTime);
      return {
        kind: "not-started",
        message: `This meeting has not started yet. It starts ${formatDateTime(startsAt.toISOString())}.`,
        startsAt,
        opensAt: detailTime(error, "joinOpensAt") ?? new Date(startsAt.getTime() - JOIN_EARLY_MS),
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

// The 409 carries {startTime, joinOpensAt} in its details; the message
// names the start time too, which serves when details are missing.
function detailTime(error: ApiError, key: "startTime" | "joinOpensAt"): Date | null {
  const fromDetails = (error.details as unknown[])
    .map((detail) => (detail && typeof detail === "object" ? (detail as Record<string, unknown>)[key] : null))
    .find((value): value is string => typeof value === "string");
  const iso =
    fromDetails ??
    (key === "startTime"
      ? /\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})/.exec(error.message)?.[0]
      : undefined);
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}
