import { describe, expect, it } from "vitest";
import { HAND_ATTRIBUTE, handAttributes, raisedAt, raisedHands } from "./hands";

describe("raisedAt", () => {
  it("reads the time the hand went up", () => {
    expect(raisedAt({ hand: "2026-12-01T10:00:05.000Z" })).toBe(Date.UTC(2026, 11, 1, 10, 0, 5));
  });

  it("is null for a hand that is down, empty or unreadable", () => {
    expect(raisedAt({})).toBeNull();
    expect(raisedAt({ hand: "" })).toBeNull();
    expect(raisedAt({ hand: "soon" })).toBeNull();
  });
});

describe("raisedHands", () => {
  it("lists raised hands, first raised first, ties by identity, names falling back to identities", () => {
    const hands = raisedHands([
      { identity: "cy", name: "Cy", attributes: { hand: "2026-12-01T10:00:09Z" } },
      { identity: "down", name: "Dee", attributes: {} },
      { identity: "bo", name: "", attributes: { hand: "2026-12-01T10:00:01Z" } },
      { identity: "al", name: "Al", attributes: { hand: "2026-12-01T10:00:09Z" } },
    ]);
    expect(hands.map((h) => [h.identity, h.name])).toEqual([
      ["bo", "bo"],
      ["al", "Al"],
      ["cy", "Cy"],
    ]);
    expect(hands[0]?.raisedAt).toBe(Date.UTC(2026, 11, 1, 10, 0, 1));
  });
});

describe("handAttributes", () => {
  it("raises with the current time and lowers with an empty value (which deletes the key)", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(handAttributes(true, now)).toEqual({ [HAND_ATTRIBUTE]: "2026-12-01T10:00:00.000Z" });
    expect(handAttributes(false, now)).toEqual({ hand: "" });
    expect(raisedAt(handAttributes(true, now))).toBe(now.getTime());
  });
});
