// Turns a refused token request into what the guest should read and do next,
// by the error's code (the service documents one per refusal).
import { ApiError, type ErrorCode, errorMessage, type RoomInfo } from "../shared/api";
import { formatDateTime } from "../shared/time";

type TokenRefusal = ErrorCode<"/api/meetings/{meeting_id}/token", "post">;

/** Wait this long for a 429 that did not say how long (the header is documented). */
const DEFAULT_RETRY_SECONDS = 60;

export type JoinProblem =
  | { kind: "password"; message: string }
  | { kind: "not-invited"; message: string }
  | { kind: "not-started"; message: string; startsAt: Date; opensAt: Date }
  | { kind: "ended"; message: string }
  | { kind: "too-many"; message: string; retryAt: Date }
  | { kind: "not-found"; message: string }
  | { kind: "other"; message: string };

export function toJoinProblem(
  error: unknown,
  room: RoomInfo,
  email: string,
  now: number = Date.now(),
): JoinProblem {
  if (!(error instanceof ApiError)) return { kind: "other", message: errorMessage(error) };
  // Only the token route's documented codes: a case for any other does not compile.
  switch (error.code as TokenRefusal) {
    case "wrong_password":
      return {
        kind: "password",
        message: "That password is not right. Check the link or type it again.",
      };
    case "wrong_host_key":
      return { kind: "other", message: "This host link is not valid: its host key is wrong." };
    case "not_invited":
      return {
        kind: "not-invited",
        message: email
          ? `${email} is not on the guest list of this private meeting. Use the email you were invited with, or ask the organiser to add you.`
          : "This meeting is private: only invited people can join.",
      };
    case "meeting_not_found":
      return { kind: "not-found", message: "This meeting no longer exists. Check the link." };
    case "not_started": {
      // The error carries both times; the room's are the same, read earlier.
      const startsAt = timeField(error, "startTime") ?? new Date(room.startTime);
      return {
        kind: "not-started",
        message: `This meeting has not started yet. It starts ${formatDateTime(startsAt.toISOString())}.`,
        startsAt,
        opensAt: timeField(error, "joinOpensAt") ?? new Date(room.joinOpensAt),
      };
    }
    case "meeting_over":
      return { kind: "ended", message: "This meeting has ended." };
    case "too_many_attempts":
      return {
        kind: "too-many",
        message: "Too many attempts to join. Wait a moment before trying again.",
        retryAt: new Date(now + (error.retryAfter ?? DEFAULT_RETRY_SECONDS) * 1000),
      };
    default:
      return { kind: "other", message: error.message };
  }
}

function timeField(error: ApiError, key: "startTime" | "joinOpensAt"): Date | null {
  const value = error.body[key];
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
