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
  meeting: Pick<RoomInfo, "id" | "title" | "status" | "isPublic" | "endTime"> & { locked: boolean };
}

export interface ChatMessage {
  id: string;
  roomName: string;
  identity: string;
  name: string | null;
  text: string;
  createdAt: string;
}
