import { apiRequest } from "../shared/api";
import type { AdmissionPending, AdmissionStatus, RoomInfo, TokenResponse } from "../shared/types";

export interface TokenRequest {
  password: string;
  name: string;
  email?: string;
  hostKey?: string;
}

export function getRoom(roomName: string, signal?: AbortSignal): Promise<RoomInfo> {
  return apiRequest<RoomInfo>(`/api/rooms/${encodeURIComponent(roomName)}`, { signal });
}

/** A token, or (202, a meeting with a waiting room) an admission request to poll. */
export function requestToken(
  meetingId: string,
  body: TokenRequest,
): Promise<TokenResponse | AdmissionPending> {
  return apiRequest<TokenResponse | AdmissionPending>(`/api/meetings/${encodeURIComponent(meetingId)}/token`, {
    method: "POST",
    body,
  });
}

export function isPending(answer: TokenResponse | AdmissionPending): answer is AdmissionPending {
  return "requestSecret" in answer;
}

// The request secret goes in the Authorization header only: never in a URL.
const admission = (id: string) => `/api/admissions/${encodeURIComponent(id)}`;

export function pollAdmission(pending: AdmissionPending, signal?: AbortSignal): Promise<AdmissionStatus> {
  return apiRequest<AdmissionStatus>(admission(pending.id), {
    bearer: pending.requestSecret,
    ...(signal ? { signal } : {}),
  });
}

/** Stop waiting; `keepalive` lets it finish while the page is being closed. */
export function withdrawAdmission(pending: AdmissionPending): void {
  void fetch(admission(pending.id), {
    method: "DELETE",
    headers: { Authorization: `Bearer ${pending.requestSecret}` },
    keepalive: true,
  }).catch(() => undefined);
}
