import { describe, expect, it, vi } from "vitest";
import { apiClient, type RoomInfo } from "../shared/api";
import { endReason } from "./endReason";

const BASE = "http://meet.test";
const ROOM = "wrap-up-abc123";

function roomSummary(overrides: Partial<RoomInfo> = {}): RoomInfo {
  return {
    id: "6f1c2d3e-0000-4000-8000-000000000001",
    title: "Wrap up",
    status: "ENDED",
    isPublic: true,
    startTime: "2026-12-03T10:00:00Z",
    endTime: "2026-12-03T11:00:00Z",
    joinOpensAt: "2026-12-03T09:50:00Z",
    endedBy: null,
    ...overrides,
  };
}

/** A server that answers every request with `answer`, and the requests it got. */
function server(answer: (request: Request) => Promise<Response>) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    calls.push(request);
    return answer(request);
  });
  const api = apiClient({ baseUrl: BASE, fetch: fetch as unknown as typeof globalThis.fetch });
  return { api, calls };
}

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** Never answers; fails the way fetch does once the request is aborted. */
const hanging = (request: Request) =>
  new Promise<Response>((_, reject) => {
    const fail = () => reject(new DOMException("aborted", "AbortError"));
    if (request.signal.aborted) fail();
    request.signal.addEventListener("abort", fail);
  });

describe("endReason", () => {
  it("trusts the host's packet without asking the server", async () => {
    const { api, calls } = server(json(200, roomSummary()));
    await expect(endReason(api, ROOM, () => true)).resolves.toBe("ended-by-host");
    expect(calls).toHaveLength(0);
  });

  it("without the packet, says the host ended it when the room summary says so", async () => {
    const { api, calls } = server(json(200, roomSummary({ endedBy: "host" })));
    await expect(endReason(api, ROOM, () => false)).resolves.toBe("ended-by-host");
    expect(calls.map((c) => [c.method, c.url])).toEqual([["GET", `${BASE}/api/rooms/${ROOM}`]]);
  });

  it.each(["organiser", "schedule", "empty", null] as const)(
    "says only that it ended when endedBy is %s",
    async (endedBy) => {
      const { api } = server(json(200, roomSummary({ endedBy })));
      await expect(endReason(api, ROOM, () => false)).resolves.toBe("ended");
    },
  );

  it("says only that it ended when the lookup fails", async () => {
    const refused = server(json(429, { error: { code: "too_many_lookups", message: "Slow." } }));
    await expect(endReason(refused.api, ROOM, () => false)).resolves.toBe("ended");
    const offline = server(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(endReason(offline.api, ROOM, () => false)).resolves.toBe("ended");
  });

  it("gives up on a lookup that takes too long", async () => {
    const { api, calls } = server(hanging);
    await expect(endReason(api, ROOM, () => false, { timeoutMs: 20 })).resolves.toBe("ended");
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it("stops the lookup when the page goes away", async () => {
    const { api, calls } = server(hanging);
    const gone = new AbortController();
    const reason = endReason(api, ROOM, () => false, { signal: gone.signal });
    gone.abort();
    await expect(reason).resolves.toBe("ended");
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it("counts a packet that lands while the summary is read", async () => {
    let packet = false;
    const { api } = server(async () => {
      packet = true; // the data channel delivered it meanwhile
      return json(200, roomSummary({ status: "ACTIVE" }))();
    });
    await expect(endReason(api, ROOM, () => packet)).resolves.toBe("ended-by-host");
  });
});
