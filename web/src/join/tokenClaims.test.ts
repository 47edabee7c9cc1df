import { describe, expect, it } from "vitest";
import { readClaims } from "./tokenClaims";

const jwt = (claims: object) =>
  ["e30", btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""), "sig"].join(".");

describe("readClaims", () => {
  it("says whether the token grants roomAdmin", () => {
    expect(readClaims(jwt({ video: { room: "r", roomAdmin: true } }))).toEqual({ roomAdmin: true });
    expect(readClaims(jwt({ video: { room: "r" } }))).toEqual({ roomAdmin: false });
    expect(readClaims(jwt({ video: { roomAdmin: "yes" } }))).toEqual({ roomAdmin: false });
  });

  it("reads base64url payloads", () => {
    // "?>" encodes to "Pz4" in base64; names with such bytes produce - and _ in base64url.
    const token = jwt({ name: "ü?>~~~", video: { roomAdmin: true } });
    expect(readClaims(token).roomAdmin).toBe(true);
  });

  it("is not a host for a malformed token", () => {
    expect(readClaims("")).toEqual({ roomAdmin: false });
    expect(readClaims("a.%%%.c")).toEqual({ roomAdmin: false });
  });
});
