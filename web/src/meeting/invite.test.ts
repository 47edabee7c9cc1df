import { describe, expect, it } from "vitest";
import { guestLink, inviteText } from "./invite";

describe("guestLink", () => {
  it("links the join page with the password and nothing else", () => {
    const link = guestLink("https://meet.example.com", "team-sync-a1b2", "p&ss word");
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe("https://meet.example.com/join/team-sync-a1b2");
    expect([...url.searchParams]).toEqual([["password", "p&ss word"]]);
  });

  it("leaves the password out when there is none, and escapes the room name", () => {
    expect(guestLink("https://meet.example.com", "a/b", "")).toBe("https://meet.example.com/join/a%2Fb");
  });
});

describe("inviteText", () => {
  it("names the meeting, its start and its link", () => {
    expect(
      inviteText({ title: "Weekly sync", startTime: "2026-12-03T10:00:00Z", link: "https://m.test/join/x" }),
    ).toBe('Join "Weekly sync"\nWhen: Thursday, December 3, 2026 at 10:00 AM\nLink: https://m.test/join/x');
  });

  it("skips a missing or unreadable start time", () => {
    expect(inviteText({ title: "Now", link: "L" })).toBe('Join "Now"\nLink: L');
    expect(inviteText({ title: "Now", startTime: "later", link: "L" })).toBe('Join "Now"\nLink: L');
  });
});
