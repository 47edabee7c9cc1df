import { describe, expect, it } from "vitest";
import { chatSegments } from "./chatLinks";

describe("chatSegments", () => {
  it("cuts text into plain runs and http(s) links, leaving closing punctuation out", () => {
    expect(chatSegments("see https://example.com/a?b=1, and http://x.test/.")).toEqual([
      { text: "see " },
      { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { text: ", and " },
      { text: "http://x.test/", href: "http://x.test/" },
      { text: "." },
    ]);
  });

  it("keeps plain text whole and never links other schemes", () => {
    expect(chatSegments("no links here")).toEqual([{ text: "no links here" }]);
    expect(chatSegments("javascript:alert(1) data:text/html,x ftp://a.b")).toEqual([
      { text: "javascript:alert(1) data:text/html,x ftp://a.b" },
    ]);
  });

  it("stops an address at quotes and angle brackets", () => {
    expect(chatSegments('<https://a.test/x>"')).toEqual([
      { text: "<" },
      { text: "https://a.test/x", href: "https://a.test/x" },
      { text: '>"' },
    ]);
  });

  it("gives an empty text no segments", () => {
    expect(chatSegments("")).toEqual([]);
  });
});
