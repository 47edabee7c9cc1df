import { describe, expect, it } from "vitest";
import { type FocusInput, chooseFocus, loadLayout, saveLayout } from "./layout";

const base: FocusInput = {
  layout: "speaker",
  present: ["me", "ada", "bob"],
  localIdentity: "me",
  pinned: null,
  sharing: null,
  speaker: null,
};

describe("chooseFocus", () => {
  it("puts a pinned camera first, then a shared screen, then the latest speaker", () => {
    expect(chooseFocus({ ...base, pinned: "bob", sharing: "ada", speaker: "ada" })).toEqual({
      kind: "camera",
      identity: "bob",
    });
    expect(chooseFocus({ ...base, sharing: "ada", speaker: "bob" })).toEqual({ kind: "screen", identity: "ada" });
    expect(chooseFocus({ ...base, speaker: "bob" })).toEqual({ kind: "camera", identity: "bob" });
  });

  it("ignores a pin, share or speaker who has left", () => {
    expect(chooseFocus({ ...base, pinned: "gone", sharing: "gone", speaker: "gone" })).toEqual({
      kind: "camera",
      identity: "ada",
    });
  });

  it("shows someone else in the speaker view before anyone spoke, or oneself when alone", () => {
    expect(chooseFocus(base)).toEqual({ kind: "camera", identity: "ada" });
    expect(chooseFocus({ ...base, present: ["me"] })).toEqual({ kind: "camera", identity: "me" });
    expect(chooseFocus({ ...base, present: [] })).toEqual({ kind: "none" });
  });

  it("gives the grid no focus unless someone is pinned or sharing", () => {
    const grid = { ...base, layout: "grid" as const, speaker: "bob" };
    expect(chooseFocus(grid)).toEqual({ kind: "none" });
    expect(chooseFocus({ ...grid, sharing: "bob" })).toEqual({ kind: "screen", identity: "bob" });
    expect(chooseFocus({ ...grid, pinned: "ada" })).toEqual({ kind: "camera", identity: "ada" });
  });
});

describe("the saved layout", () => {
  it("round-trips through storage and defaults to the grid", () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
    expect(loadLayout(storage)).toBe("grid");
    saveLayout(storage, "speaker");
    expect(loadLayout(storage)).toBe("speaker");
    saveLayout(storage, "grid");
    expect(loadLayout(storage)).toBe("grid");
  });

  it("falls back to the grid when storage is missing, denied or holds junk", () => {
    const denied = {
      getItem: (): string | null => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadLayout(undefined)).toBe("grid");
    expect(loadLayout(denied)).toBe("grid");
    expect(() => saveLayout(denied, "speaker")).not.toThrow();
    expect(loadLayout({ getItem: () => "mosaic" })).toBe("grid");
  });
});
