import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatDuration,
  formatMoment,
  formatWait,
  localInputToIso,
  toLocalInput,
} from "./time";

// vitest.config.ts runs these in UTC.
describe("datetime-local values", () => {
  it("adds the local offset to a naive local time", () => {
    expect(localInputToIso("2026-12-03T10:30")).toBe("2026-12-03T10:30:00+00:00");
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("not a date")).toBeNull();
  });

  it("gives an input value in whole minutes, and round-trips", () => {
    const value = toLocalInput(new Date("2026-12-03T10:30:45Z"));
    expect(value).toBe("2026-12-03T10:30");
    expect(localInputToIso(value)).toBe("2026-12-03T10:30:00+00:00");
  });
});

describe("formatDuration", () => {
  it("is compact, with padded minutes and seconds", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(9.4)).toBe("9 s");
    expect(formatDuration(249)).toBe("4 min 09 s");
    expect(formatDuration(3900)).toBe("1 h 05 min");
    expect(formatDuration(-5)).toBe("0 s");
  });
});

describe("formatWait", () => {
  it("counts days past a day, else hours, minutes and seconds", () => {
    expect(formatWait(24 * 3600)).toBe("1 day");
    expect(formatWait(3 * 24 * 3600 + 100)).toBe("3 days");
    expect(formatWait(3 * 3600 + 5 * 60)).toBe("3 h 05 min");
    expect(formatWait(125)).toBe("2 min 05 s");
  });

  it("rounds up to minutes when seconds are not wanted", () => {
    expect(formatWait(125, false)).toBe("3 minutes");
    expect(formatWait(30, false)).toBe("less than a minute");
    expect(formatWait(2 * 3600, false)).toBe("2 h 00 min");
  });
});

describe("formatDateTime and formatMoment", () => {
  it("shows a dash for no time", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("2026-12-03T10:30:00Z")).toMatch(/Dec 3, 2026.*10:30/);
  });

  it("shows only the time today, else the day too", () => {
    const now = new Date("2026-12-03T18:00:00Z");
    expect(formatMoment(new Date("2026-12-03T10:50:00Z"), now)).toMatch(/^10:50/);
    expect(formatMoment(new Date("2026-12-02T10:50:00Z"), now)).toMatch(/Wed, Dec 2.*10:50/);
  });
});
