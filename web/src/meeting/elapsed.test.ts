import { describe, expect, it } from "vitest";
import { formatElapsed } from "./elapsed";

describe("formatElapsed", () => {
  it("shows minutes and seconds under an hour, hours beyond", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(245_999)).toBe("4:05");
    expect(formatElapsed(3_599_000)).toBe("59:59");
    expect(formatElapsed(3_723_000)).toBe("1:02:03");
  });

  it("never counts below zero (a clock slightly behind the meeting's start)", () => {
    expect(formatElapsed(-5_000)).toBe("0:00");
  });
});
