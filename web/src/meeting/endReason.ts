import { type ApiClient, unwrap } from "../shared/api";

/** How long the end screen waits for the room summary before saying only "ended". */
export const END_LOOKUP_TIMEOUT_MS = 5000;

export type EndReason = "ended" | "ended-by-host";

/**
 * What the end screen says when LiveKit closed the room. A host's "End for everyone"
 * sends an `ended` packet over the data channel, then deletes the room, whose leave
 * comes over the signalling socket: either may reach the page first. Without the
 * packet, the room summary's `endedBy` (recorded before the room is deleted) says
 * who ended it; when it cannot be read in time, the page says only that it ended.
 *
 * `packetSeen` is asked again after the lookup: the packet may land meanwhile.
 * Aborting `signal` (the page went away) ends the lookup early.
 */
export async function endReason(
  api: ApiClient,
  roomName: string,
  packetSeen: () => boolean,
  { signal, timeoutMs = END_LOOKUP_TIMEOUT_MS }: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<EndReason> {
  if (packetSeen()) return "ended-by-host";
  const lookup = new AbortController();
  const timer = setTimeout(() => lookup.abort(), timeoutMs);
  const stop = () => lookup.abort();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    const room = await unwrap(
      api.GET("/api/rooms/{room_name}", {
        params: { path: { room_name: roomName } },
        signal: lookup.signal,
      }),
    );
    if (room.endedBy === "host") return "ended-by-host";
  } catch {
    // Not known who ended it: the plain end screen is still true.
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
  return packetSeen() ? "ended-by-host" : "ended";
}
