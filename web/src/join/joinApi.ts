import { apiRequest } from "../shared/api";
import type { RoomInfo, TokenResponse } from "../shared/types";

export interface TokenRequest {
  password: string;
  name: string;
  email?: string;
  hostKey?: string;
}

export function getRoom(roomName: string, signal?: AbortSignal): Promise<RoomInfo> {
  return apiRequest<RoomInfo>(`/api/rooms/${encodeURIComponent(roomName)}`, { signal });
}

export function requestToken(meetingId: string, body: TokenRequest): Promise<TokenResponse> {
  return apiRequest<TokenResponse>(`/api/meetings/${encodeURIComponent(meetingId)}/token`, {
    method: "POST",
    body,
  });
}
