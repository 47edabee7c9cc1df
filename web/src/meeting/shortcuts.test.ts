import { describe, expect, it } from "vitest";
import { type KeyInput, SHORTCUTS, isTyping, matchShortcut } from "./shortcuts";

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: null,
  ...mods,
});
const element = (tagName: string, isContentEditable = false) =>
  ({ tagName, isContentEditable }) as unknown as EventTarget;

describe("matchShortcut", () => {
  it("maps Ctrl or Cmd with E and D to the microphone and camera", () => {
    expect(matchShortcut(press("e", { ctrlKey: true }))).toBe("microphone");
    expect(matchShortcut(press("E", { metaKey: true }))).toBe("microphone");
    expect(matchShortcut(press("d", { ctrlKey: true }))).toBe("camera");
    expect(matchShortcut(press("?", { shiftKey: true }))).toBe("help");
  });

  it("ignores other keys, extra modifiers and bare letters", () => {
    expect(matchShortcut(press("e"))).toBeNull();
    expect(matchShortcut(press("x", { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press("e", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(matchShortcut(press("e", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(matchShortcut(press("?", { ctrlKey: true }))).toBeNull();
  });

  it("does nothing while the person types in a field", () => {
    for (const tag of ["INPUT", "textarea", "SELECT"]) {
      expect(matchShortcut(press("e", { ctrlKey: true, target: element(tag) }))).toBeNull();
    }
    expect(matchShortcut(press("?", { target: element("DIV", true) }))).toBeNull();
    expect(matchShortcut(press("e", { ctrlKey: true, target: element("BUTTON") }))).toBe("microphone");
  });

  it("lists a description for every action it can answer", () => {
    expect(SHORTCUTS.map((s) => s.action).sort()).toEqual(["camera", "help", "microphone"]);
  });
});

describe("isTyping", () => {
  it("is false for no target or a non-element", () => {
    expect(isTyping(null)).toBe(false);
    expect(isTyping({} as EventTarget)).toBe(false);
  });
});
