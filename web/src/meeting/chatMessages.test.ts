import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatMessage } from "../shared/api";
import { decodeChatPacket, mergeMessages, newMessageId, parseMessage, parseMessages } from "./chatMessages";

const ROOM = "weekly-sync-abc123";
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const message = (n: number, createdAt: string, overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  id: id(n),
  roomName: ROOM,
  identity: `guest-${n}`,
  name: `Guest ${n}`,
  text: `hello ${n}`,
  createdAt,
  ...overrides,
});

describe("parseMessage", () => {
  it("keeps a message as the API sends it, with its id lower-cased", () => {
    const sent = message(1, "2026-12-03T10:00:00.123456+00:00", { id: id(1).toUpperCase() });
    expect(parseMessage(sent, ROOM)).toEqual({ ...sent, id: id(1) });
  });

  it("drops anything with a field that is not what the API sends", () => {
    const good = message(1, "2026-12-03T10:00:00Z");
    const bad: unknown[] = [
      null,
      "text",
      { ...good, id: "not-a-uuid" },
      { ...good, roomName: "another-room" },
      { ...good, identity: "" },
      { ...good, name: null },
      { ...good, text: "" },
      { ...good, text: "x".repeat(2001) },
      { ...good, createdAt: "2026-12-03" },
      { ...good, createdAt: "2026-13-45T10:00:00Z" },
    ];
    for (const value of bad) expect(parseMessage(value, ROOM)).toBeNull();
    expect(parseMessage({ ...good, name: "" }, ROOM)?.name).toBe("");
  });

  it("keeps only the valid messages of a page", () => {
    const good = message(1, "2026-12-03T10:00:00Z");
    expect(parseMessages([good, { ...good, id: "x" }], ROOM)).toEqual([good]);
    expect(parseMessages({ messages: [good] }, ROOM)).toEqual([]);
  });
});

describe("decodeChatPacket", () => {
  it("reads a UTF-8 JSON packet, and nothing else", () => {
    const good = message(2, "2026-12-03T10:00:00Z", { text: "héllo ✓" });
    expect(decodeChatPacket(new TextEncoder().encode(JSON.stringify(good)), ROOM)).toEqual(good);
    expect(decodeChatPacket(new Uint8Array([0xff, 0xfe]), ROOM)).toBeNull();
    expect(decodeChatPacket(new TextEncoder().encode("{"), ROOM)).toBeNull();
  });
});

describe("mergeMessages", () => {
  const a = message(1, "2026-12-03T10:00:00Z");
  const b = message(2, "2026-12-03T10:01:00Z");
  const c = message(3, "2026-12-03T10:01:00Z");

  it("adds new ids in time order, ties by id", () => {
    expect(mergeMessages([b], [c, a]).map((m) => m.id)).toEqual([id(1), id(2), id(3)]);
    expect(mergeMessages([c], [b]).map((m) => m.id)).toEqual([id(2), id(3)]);
  });

  it("never replaces a message already shown, and keeps the same list when nothing is new", () => {
    const current = [a, b];
    const forged = { ...a, text: "forged" };
    const merged = mergeMessages(current, [forged, b]);
    expect(merged).toBe(current);
    expect(merged[0]?.text).toBe("hello 1");
    expect(mergeMessages([], [a, { ...a, text: "again" }])).toEqual([a]);
  });
});

describe("newMessageId", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is a version 4 UUID without a secure context too", () => {
    vi.stubGlobal("window", { isSecureContext: false });
    const ids = new Set(Array.from({ length: 20 }, newMessageId));
    expect(ids.size).toBe(20);
    for (const value of ids) {
      expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
