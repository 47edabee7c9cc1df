import type { Participant } from "livekit-client";
import { describe, expect, it } from "vitest";
import { fromService } from "./servicePackets";
import { parseAnnouncement } from "./useMeetingState";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("fromService", () => {
  const received = () => {
    const got: Uint8Array[] = [];
    return { got, listener: fromService("meeting", (payload) => got.push(payload)) };
  };

  it("passes on the service's packets on its topic", () => {
    const { got, listener } = received();
    const payload = bytes({ type: "ended" });
    listener(payload, undefined, undefined, "meeting");
    expect(got).toEqual([payload]);
  });

  it("drops packets a participant sent, known or not yet known", () => {
    const { got, listener } = received();
    listener(bytes({ type: "ended" }), {} as Participant, undefined, "meeting");
    listener(bytes({ type: "ended" }), undefined, undefined, "meeting", undefined, "guest-1");
    expect(got).toEqual([]);
  });

  it("drops packets on other topics", () => {
    const { got, listener } = received();
    listener(bytes({ type: "ended" }), undefined, undefined, "chat");
    listener(bytes({ type: "ended" }));
    expect(got).toEqual([]);
  });
});

describe("parseAnnouncement", () => {
  it("reads the three announcements", () => {
    expect(parseAnnouncement(bytes({ type: "ended", by: "host" }))).toEqual({ type: "ended" });
    expect(parseAnnouncement(bytes({ type: "locked", locked: true }))).toEqual({
      type: "locked",
      locked: true,
    });
    expect(parseAnnouncement(bytes({ type: "endTime", endTime: "2026-12-01T19:00:00Z" }))).toEqual({
      type: "endTime",
      endTime: new Date("2026-12-01T19:00:00Z"),
    });
  });

  it("ignores what it does not know", () => {
    expect(parseAnnouncement(new TextEncoder().encode("not json"))).toBeNull();
    expect(parseAnnouncement(bytes({ type: "locked", locked: "yes" }))).toBeNull();
    expect(parseAnnouncement(bytes({ type: "endTime", endTime: "soon" }))).toBeNull();
    expect(parseAnnouncement(bytes(null))).toBeNull();
  });

  it("reads the list of co-hosts, and nothing that is not a list of identities", () => {
    expect(parseAnnouncement(bytes({ type: "cohosts", identities: ["ann-1", "bo-2"] }))).toEqual({
      type: "cohosts",
      identities: ["ann-1", "bo-2"],
    });
    expect(parseAnnouncement(bytes({ type: "cohosts", identities: [] }))).toEqual({
      type: "cohosts",
      identities: [],
    });
    expect(parseAnnouncement(bytes({ type: "cohosts", identities: "ann-1" }))).toBeNull();
    expect(parseAnnouncement(bytes({ type: "cohosts", identities: ["ann-1", 2] }))).toBeNull();
    expect(parseAnnouncement(bytes({ type: "cohosts" }))).toBeNull();
  });
});
