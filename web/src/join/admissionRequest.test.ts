import { describe, expect, it, vi } from "vitest";
import type { AdmissionPending, TokenResponse } from "../shared/api";
import { isPending, pollAdmission } from "./admissionRequest";

const pending: AdmissionPending = {
  id: "6f1c2d1e-0000-4000-8000-000000000001",
  requestSecret: "s3cret",
  status: "waiting",
  hostPresent: false,
  pollAfterSeconds: 2,
  expiresAfterSeconds: 30,
};

const token = {
  token: "jwt",
  livekitUrl: "ws://localhost:7880",
  roomName: "team-sync-a1b2",
  identity: "guest-1",
  expiresAt: "2026-12-01T20:00:00Z",
  isHost: false,
  meeting: { id: pending.id, title: "Sync", status: "ACTIVE", isPublic: true },
} as TokenResponse;

describe("isPending", () => {
  it("tells the 202's admission request from a token", () => {
    expect(isPending(pending)).toBe(true);
    expect(isPending(token)).toBe(false);
  });
});

describe("pollAdmission", () => {
  it("sends the request secret in the Authorization header, never in the URL", async () => {
    const seen: Request[] = [];
    const fetch = vi.fn(async (request: Request) => {
      seen.push(request);
      const body = { id: pending.id, status: "waiting", hostPresent: true, pollAfterSeconds: 2, grant: null };
      return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
    }) as unknown as typeof globalThis.fetch;

    const status = await pollAdmission(pending, undefined, { baseUrl: "http://meet.test", fetch });

    expect(status.hostPresent).toBe(true);
    const [request] = seen;
    expect(request?.url).toBe(`http://meet.test/api/admissions/${pending.id}`);
    expect(request?.headers.get("Authorization")).toBe("Bearer s3cret");
  });
});
