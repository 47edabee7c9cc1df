// Shapes of the API's JSON bodies.

export type MeetingStatus = "SCHEDULED" | "ACTIVE" | "ENDED" | "CANCELLED";

export interface Meeting {
  id: string;
  title: string;
  description: string | null;
  roomName: string;
  status: MeetingStatus;
  isPublic: boolean;
  isInstant: boolean;
  startTime: string;
  endTime: string;
  startedAt: string | null;
  endedAt: string | null;
  password: string;
  hostKey: string;
  joinUrl: string;
  hostJoinUrl: string;
  participantCount: number;
  maxParticipants: number | null;
  waitingRoom: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingPage {
  meetings: Meeting[];
  nextCursor: string | null;
}

export interface Invitee {
  email: string;
  name: string | null;
  addedAt: string;
}

export interface AttendanceRecord {
  identity: string;
  name: string | null;
  email: string | null;
  joinedAt: string | null;
  leftAt: string | null;
  durationSeconds: number | null;
}

export interface RoomInfo {
  id: string;
  title: string;
  status: MeetingStatus;
  isPublic: boolean;
  startTime: string;
  endTime: string;
}

export interface TokenResponse {
  token: string;
  livekitUrl: string;
  roomName: string;
  identity: string;
  expiresAt: string;
  meeting: Pick<RoomInfo, "id" | "title" | "status" | "isPublic">;
}

export interface ChatMessage {
  id: string;
  roomName: string;
  identity: string;
  name: string | null;
  text: string;
  createdAt: string;
}

/** 202 from the token route of a meeting with a waiting room. */
export interface AdmissionPending {
  id: string;
  requestSecret: string;
  status: "waiting";
  hostPresent: boolean;
  pollAfterSeconds: number;
  expiresAfterSeconds: number;
}

export interface AdmissionStatus {
  id: string;
  status: "waiting" | "admitted";
  hostPresent: boolean;
  pollAfterSeconds: number;
  grant: TokenResponse | null;
}

/** One guest waiting to be let in, as hosts see them. */
export interface WaitingGuest {
  id: string;
  name: string;
  email: string | null;
  requestedAt: string;
}
