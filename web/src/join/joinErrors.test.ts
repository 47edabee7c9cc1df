import { describe, expect, it } from "vitest";
import { ApiError, type RoomInfo } from "../shared/api";
import { toJoinProblem } from "./joinErrors";

const room: RoomInfo = {
  id: "6f1c2d3e-0000-4000-8000-000000000001",
  title: "Weekly sync",
  status: "SCHEDULED",
  isPublic: false,
  startTime: "2026-12-03T10:00:00Z",
  endTime: "2026-12-03T11:00:00Z",
  joinOpensAt: "2026-12-03T09:50:00Z",
  endedBy: null,
};

const refusal = (status: number, code: string, extra: Partial<{ retryAfter: number; body: object }> = {}) =>
  new ApiError(status, code, `server says ${code}`, [], extra.retryAfter ?? null, {
    code,
    ...extra.body,
  });

describe("toJoinProblem", () => {
  it("asks for the password again on wrong_password only", () => {
    expect(toJoinProblem(refusal(401, "wrong_password"), room, "").kind).toBe("password");
    expect(toJoinProblem(refusal(401, "wrong_host_key"), room, "")).toEqual({
      kind: "other",
      message: "This host link is not valid: its host key is wrong.",
    });
  });

  it("names the email that is not invited", () => {
    const problem = toJoinProblem(refusal(403, "not_invited"), room, "ann@example.com");
    expect(problem.kind).toBe("not-invited");
    expect(problem.message).toMatch(/^ann@example\.com is not on the guest list/);
    expect(toJoinProblem(refusal(403, "not_invited"), room, "").message).toBe(
      "This meeting is private: only invited people can join.",
    );
  });

  it("waits for the times the not_started error carries", () => {
    const error = refusal(409, "not_started", {
      body: { startTime: "2026-12-03T10:30:00Z", joinOpensAt: "2026-12-03T10:25:00Z" },
    });
    const problem = toJoinProblem(error, room, "");
    expect(problem).toMatchObject({
      kind: "not-started",
      startsAt: new Date("2026-12-03T10:30:00Z"),
      opensAt: new Date("2026-12-03T10:25:00Z"),
    });
    expect(problem.message).toMatch(/^This meeting has not started yet\. It starts Dec 3, 2026/);
  });

  it("falls back to the room's times when the error lacks them", () => {
    expect(toJoinProblem(refusal(409, "not_started"), room, "")).toMatchObject({
      startsAt: new Date(room.startTime),
      opensAt: new Date(room.joinOpensAt),
    });
  });

  it("retries a too_many_attempts after the server's Retry-After", () => {
    const now = Date.parse("2026-12-03T10:00:00Z");
    expect(toJoinProblem(refusal(429, "too_many_attempts", { retryAfter: 30 }), room, "", now)).toMatchObject({
      kind: "too-many",
      retryAt: new Date(now + 30_000),
    });
    expect(toJoinProblem(refusal(429, "too_many_attempts"), room, "", now)).toMatchObject({
      retryAt: new Date(now + 60_000),
    });
  });

  it("closes the page for a meeting that is over or gone", () => {
    expect(toJoinProblem(refusal(410, "meeting_over"), room, "").kind).toBe("ended");
    expect(toJoinProblem(refusal(404, "meeting_not_found"), room, "").kind).toBe("not-found");
  });

  it("says a host locked the meeting", () => {
    expect(toJoinProblem(refusal(403, "meeting_locked"), room, "").kind).toBe("locked");
  });

  it("shows the server's message for any other code, and never reads message text", () => {
    expect(toJoinProblem(refusal(503, "livekit_unavailable"), room, "")).toEqual({
      kind: "other",
      message: "server says livekit_unavailable",
    });
    // A 401 whose text mentions a host key is still what its code says.
    const worded = new ApiError(401, "wrong_password", "The host key is not correct.");
    expect(toJoinProblem(worded, room, "").kind).toBe("password");
    expect(toJoinProblem(new Error("boom"), room, "")).toEqual({ kind: "other", message: "boom" });
  });
});
