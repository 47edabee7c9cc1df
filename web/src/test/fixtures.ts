// Objects shaped like the API's answers, for the pure modules' tests.
import type { Meeting } from "../shared/api";

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: "6f1c2d3e-0000-4000-8000-000000000001",
    title: "Weekly sync",
    description: null,
    roomName: "weekly-sync-abc123",
    status: "SCHEDULED",
    isPublic: true,
    isInstant: false,
    startTime: "2026-12-03T10:00:00Z",
    endTime: "2026-12-03T11:00:00Z",
    startedAt: null,
    endedAt: null,
    endedBy: null,
    password: "s3cret",
    hostKey: "host-key",
    joinUrl: "https://meet.example/join/weekly-sync-abc123?password=s3cret",
    hostJoinUrl: "https://meet.example/join/weekly-sync-abc123?password=s3cret&host=host-key",
    participantCount: 0,
    maxParticipants: null,
    waitingRoom: false,
    createdAt: "2026-12-01T09:00:00Z",
    updatedAt: "2026-12-01T09:00:00Z",
    ...overrides,
  };
}
