import { describe, expect, it } from "vitest";
import { meeting } from "../test/fixtures";
import { parseEmails } from "./emails";
import { invitationText } from "./invitation";

describe("invitationText", () => {
  it("has the guest link and password, never the host key", () => {
    const text = invitationText(meeting({ description: "Agenda in the doc" }));
    const lines = text.split("\n");
    expect(lines[0]).toBe("You are invited to “Weekly sync”.");
    expect(lines[1]).toBe("Agenda in the doc");
    expect(lines).toContain("Join: https://meet.example/join/weekly-sync-abc123?password=s3cret");
    expect(lines).toContain("Password: s3cret");
    expect(text).not.toContain("host-key");
    expect(text).not.toContain("invitation was sent to");
  });

  it("tells guests of a private meeting which email to use", () => {
    const text = invitationText(meeting({ isPublic: false }));
    expect(text.split("\n").at(-1)).toBe("Join with the email address this invitation was sent to.");
  });

  it("says when, with the time zone", () => {
    expect(invitationText(meeting())).toMatch(/^When: Dec 3, 2026, 10:00\s–\s11:00\sAM \(UTC\b.*\)$/m);
  });
});

describe("parseEmails", () => {
  it("splits on lines, commas, semicolons and spaces", () => {
    expect(parseEmails("a@x.org, b@x.org;c@x.org\n d@x.org  e@x.org\n\n")).toEqual([
      "a@x.org",
      "b@x.org",
      "c@x.org",
      "d@x.org",
      "e@x.org",
    ]);
    expect(parseEmails("  \n ")).toEqual([]);
  });
});
