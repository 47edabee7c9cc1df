// The admin endpoints the dashboard uses, each bound to the admin key.
import { ApiError, apiRequest } from "../shared/api";
import type { AttendanceRecord, Invitee, Meeting, MeetingPage, MeetingStatus } from "../shared/types";

export interface ScheduleRequest {
  title: string;
  description?: string;
  startTime?: string;
  endTime?: string;
  durationMinutes?: number;
  isPublic: boolean;
  password?: string;
  participants?: { email: string }[];
  waitingRoom?: boolean;
  maxParticipants?: number;
}

export interface InstantRequest {
  title?: string;
  waitingRoom?: boolean;
}

/** PATCH /api/meetings/{id}: only the fields given change; null clears a nullable one. */
export interface MeetingChanges {
  title?: string;
  description?: string | null;
  startTime?: string;
  endTime?: string;
  isPublic?: boolean;
  password?: string;
  maxParticipants?: number | null;
  waitingRoom?: boolean;
}

/** `onUnauthorized` runs when the key is refused, so the page can ask again. */
export function adminApi(key: string, onUnauthorized: () => void) {
  const call = async <T>(
    path: string,
    method: "GET" | "POST" | "PATCH" | "DELETE" = "GET",
    body?: unknown,
  ) => {
    try {
      return await apiRequest<T>(path, { method, body, bearer: key });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
  const meeting = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

  return {
    listMeetings(options: { status?: MeetingStatus | undefined; limit: number; cursor?: string }) {
      const query = new URLSearchParams({ limit: String(options.limit) });
      if (options.status) query.set("status", options.status);
      if (options.cursor) query.set("cursor", options.cursor);
      return call<MeetingPage>(`/api/meetings?${query}`);
    },
    schedule: (body: ScheduleRequest) => call<Meeting>("/api/meetings", "POST", body),
    launchInstant: (body: InstantRequest) => call<Meeting>("/api/meetings/instant", "POST", body),
    update: (id: string, changes: MeetingChanges) => call<Meeting>(meeting(id), "PATCH", changes),
    /** The calendar file; it needs the admin key, so it is fetched rather than linked. */
    async invitationFile(id: string): Promise<Blob> {
      let response: Response;
      try {
        response = await fetch(`${meeting(id)}/invite.ics`, {
          headers: { Authorization: `Bearer ${key}` },
        });
      } catch {
        throw new ApiError(0, "network", "Cannot reach the server. Check your connection.");
      }
      if (response.status === 401) onUnauthorized();
      if (!response.ok) throw new ApiError(response.status, "error", `Download failed (${response.status}).`);
      return response.blob();
    },
    end: (id: string) => call<Meeting>(`${meeting(id)}/end`, "POST"),
    cancel: (id: string) => call<void>(meeting(id), "DELETE"),
    attendance: (id: string, cursor?: string | null) =>
      call<{ attendance: AttendanceRecord[]; nextCursor: string | null }>(
        `${meeting(id)}/attendance${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
      ),
    allowlist: (id: string) => call<{ participants: Invitee[] }>(`${meeting(id)}/participants`),
    addInvitees: (id: string, participants: { email: string; name?: string }[]) =>
      call<{ participants: Invitee[] }>(`${meeting(id)}/participants`, "POST", { participants }),
    removeInvitee: (id: string, email: string) =>
      call<void>(`${meeting(id)}/participants?${new URLSearchParams({ email })}`, "DELETE"),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
