// What the organiser pastes into an email or a chat to invite people: the guest
// link and password only, never the host link.
import { formatRangeWithZone } from "../shared/time";
import type { Meeting } from "../shared/api";

export function invitationText(meeting: Meeting): string {
  const lines = [
    `You are invited to “${meeting.title}”.`,
    `When: ${formatRangeWithZone(meeting.startTime, meeting.endTime)}`,
    `Join: ${meeting.joinUrl}`,
    `Password: ${meeting.password}`,
  ];
  if (!meeting.isPublic) lines.push("Join with the email address this invitation was sent to.");
  if (meeting.description) lines.splice(1, 0, meeting.description);
  return lines.join("\n");
}

/** Saves the meeting's .ics file through a temporary link (the API needs the admin key). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
