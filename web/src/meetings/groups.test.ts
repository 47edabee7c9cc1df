import { describe, expect, it } from "vitest";
import { meeting } from "../test/fixtures";
import { groupMeetings, groupOf } from "./groups";

describe("groupMeetings", () => {
  it("puts live first, upcoming soonest first, past latest first", () => {
    const list = [
      meeting({ id: "past-old", status: "ENDED", startTime: "2026-11-01T10:00:00Z" }),
      meeting({ id: "later", status: "SCHEDULED", startTime: "2026-12-09T10:00:00Z" }),
      meeting({ id: "live", status: "ACTIVE", startTime: "2026-12-01T09:00:00Z" }),
      meeting({ id: "cancelled", status: "CANCELLED", startTime: "2026-11-20T10:00:00Z" }),
      meeting({ id: "soon", status: "SCHEDULED", startTime: "2026-12-02T10:00:00Z" }),
    ];
    const groups = groupMeetings(list);
    const ids = (group: keyof typeof groups) => groups[group].map((m) => m.id);
    expect(ids("live")).toEqual(["live"]);
    expect(ids("upcoming")).toEqual(["soon", "later"]);
    expect(ids("past")).toEqual(["cancelled", "past-old"]);
  });

  it("maps each status to one group", () => {
    expect(groupOf(meeting({ status: "ACTIVE" }))).toBe("live");
    expect(groupOf(meeting({ status: "SCHEDULED" }))).toBe("upcoming");
    expect(groupOf(meeting({ status: "ENDED" }))).toBe("past");
    expect(groupOf(meeting({ status: "CANCELLED" }))).toBe("past");
  });
});
