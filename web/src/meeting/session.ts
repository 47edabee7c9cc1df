import type { MediaChoices } from "../join/joinSession";

/** What the join page hands the meeting view once a token is granted. */
export interface MeetingSession {
  token: string;
  livekitUrl: string;
  roomName: string;
  identity: string;
  title: string;
  isHost: boolean;
  choices: MediaChoices;
}

/** Why the meeting view closed, for the page shown afterwards. */
export type LeaveReason = "left" | "removed" | "ended" | "replaced" | "lost";
