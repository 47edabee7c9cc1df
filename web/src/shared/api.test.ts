import { describe, expect, it, vi } from "vitest";
import { ApiError, apiClient, parseRetryAfter, unwrap } from "./api";

const BASE = "http://meet.test";

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    calls.push(request);
    const text = body === undefined ? null : JSON.stringify(body);
    return new Response(text, {
      status,
      headers: { "Content-Type": "application/json", ...headers },
    });
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

describe("unwrap", () => {
  it("returns the body of a 2xx answer", async () => {
    const server = answering(200, { status: "ok", database: "ok" });
    const api = apiClient({ baseUrl: BASE, fetch: server.fetch });
    await expect(unwrap(api.GET("/api/health"))).resolves.toEqual({ status: "ok", database: "ok" });
    expect(server.calls[0]?.url).toBe(`${BASE}/api/health`);
    expect(server.calls[0]?.headers.get("Accept")).toBe("application/json");
  });

  it("throws the documented error body as an ApiError, with Retry-After in seconds", async () => {
    const server = answering(
      429,
      { error: { code: "too_many_attempts", message: "Slow down.", details: [] } },
      { "Retry-After": "42" },
    );
    const api = apiClient({ baseUrl: BASE, fetch: server.fetch });
    const error = await unwrap(
      api.GET("/api/rooms/{room_name}", { params: { path: { room_name: "a-room" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: "too_many_attempts",
      message: "Slow down.",
      retryAfter: 42,
    });
    expect(server.calls[0]?.url).toBe(`${BASE}/api/rooms/a-room`);
  });

  it("keeps a code's own fields beside code and message", async () => {
    const body = {
      error: {
        code: "not_started",
        message: "Not yet.",
        startTime: "2026-12-03T10:00:00Z",
        joinOpensAt: "2026-12-03T09:50:00Z",
      },
    };
    const api = apiClient({ baseUrl: BASE, fetch: answering(409, body).fetch });
    const error = (await unwrap(api.GET("/api/health")).catch((e: unknown) => e)) as ApiError;
    expect(error.body.joinOpensAt).toBe("2026-12-03T09:50:00Z");
    expect(error.retryAfter).toBeNull();
  });

  it("falls back to the status when the body is not the error shape", async () => {
    const api = apiClient({ baseUrl: BASE, fetch: answering(502, "Bad gateway").fetch });
    const error = (await unwrap(api.GET("/api/health")).catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code, error.message]).toEqual([502, "error", "Request failed (502)."]);
  });

  it("turns an unreachable server into a network ApiError, but lets an abort through", async () => {
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const api = apiClient({ baseUrl: BASE, fetch: offline });
    await expect(unwrap(api.GET("/api/health"))).rejects.toMatchObject({ status: 0, code: "network" });

    const aborted = (async () => {
      throw new DOMException("The operation was aborted.", "AbortError");
    }) as unknown as typeof fetch;
    const error = await unwrap(apiClient({ baseUrl: BASE, fetch: aborted }).GET("/api/health")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
  });
});

describe("apiClient", () => {
  it("sends the newest bearer on each request", async () => {
    const server = answering(200, { status: "ok", database: "ok" });
    let token = "first";
    const api = apiClient({ baseUrl: BASE, fetch: server.fetch, bearer: () => token });
    await unwrap(api.GET("/api/health"));
    token = "refreshed";
    await unwrap(api.GET("/api/health"));
    expect(server.calls.map((r) => r.headers.get("Authorization"))).toEqual([
      "Bearer first",
      "Bearer refreshed",
    ]);
  });

  it("sends no Authorization header without a bearer", async () => {
    const server = answering(200, {});
    await unwrap(apiClient({ baseUrl: BASE, fetch: server.fetch }).GET("/api/health"));
    expect(server.calls[0]?.headers.has("Authorization")).toBe(false);
  });

  it("runs onUnauthorized on a 401 only", async () => {
    const onUnauthorized = vi.fn();
    const refused = answering(401, { error: { code: "admin_key_invalid", message: "No." } });
    const api = apiClient({ baseUrl: BASE, fetch: refused.fetch, onUnauthorized, bearer: () => "k" });
    await expect(unwrap(api.GET("/api/meetings"))).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    const missing = answering(404, { error: { code: "meeting_not_found", message: "No." } });
    const other = apiClient({ baseUrl: BASE, fetch: missing.fetch, onUnauthorized });
    await expect(unwrap(other.GET("/api/health"))).rejects.toMatchObject({ status: 404 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("serialises a JSON body and a query", async () => {
    const server = answering(200, { participants: [] });
    const api = apiClient({ baseUrl: BASE, fetch: server.fetch });
    await unwrap(
      api.DELETE("/api/meetings/{meeting_id}/participants", {
        params: { path: { meeting_id: "m 1" }, query: { email: "a+b@example.com" } },
      }),
    );
    await unwrap(
      api.POST("/api/meetings/{meeting_id}/participants", {
        params: { path: { meeting_id: "m1" } },
        body: { participants: [{ email: "a@example.com" }] },
      }),
    );
    const [removal, addition] = server.calls;
    expect(new URL(removal!.url).pathname).toBe("/api/meetings/m%201/participants");
    expect(new URL(removal!.url).searchParams.get("email")).toBe("a+b@example.com");
    expect(addition?.headers.get("Content-Type")).toBe("application/json");
    expect(await addition?.json()).toEqual({ participants: [{ email: "a@example.com" }] });
  });
});

describe("parseRetryAfter", () => {
  const withHeader = (value: string) => new Response(null, { headers: { "Retry-After": value } });

  it("reads seconds, and an HTTP date relative to now", () => {
    expect(parseRetryAfter(withHeader("30"))).toBe(30);
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(parseRetryAfter(withHeader("Tue, 01 Dec 2026 10:01:30 GMT"), now)).toBe(90);
    expect(parseRetryAfter(withHeader("Tue, 01 Dec 2026 09:00:00 GMT"), now)).toBe(0);
  });

  it("is null without a usable header", () => {
    expect(parseRetryAfter(new Response(null))).toBeNull();
    expect(parseRetryAfter(withHeader("soon"))).toBeNull();
  });
});
