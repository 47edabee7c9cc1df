import { describe, expect, it } from "vitest";
import { REACTIONS, decodeReaction, encodeReaction } from "./reactions";

describe("reactions on the wire", () => {
  it("round-trips every reaction of the set", () => {
    for (const { emoji } of REACTIONS) {
      expect(decodeReaction(encodeReaction(emoji))).toBe(emoji);
    }
  });

  it("refuses anything but exactly one emoji of the set", () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(decodeReaction(encode("💩"))).toBeNull();
    expect(decodeReaction(encode("👍👍"))).toBeNull();
    expect(decodeReaction(encode(" 👍"))).toBeNull();
    expect(decodeReaction(encode("<b>hi</b>"))).toBeNull();
    expect(decodeReaction(new Uint8Array([0xff, 0xfe]))).toBeNull(); // not UTF-8
    expect(decodeReaction(encode("👍".padEnd(40, " ")))).toBeNull(); // over 32 bytes
  });
});
