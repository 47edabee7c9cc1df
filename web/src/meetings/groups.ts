// The dashboard's three groups. The API lists newest start first; people want
// what is on now first, then what comes next (soonest first), and the past last.
import type { Meeting } from "../shared/api";

export type Group = "live" | "upcoming" | "past";

export function groupOf(meeting: Meeting): Group {
  if (meeting.status === "ACTIVE") return "live";
  if (meeting.status === "SCHEDULED") return "upcoming";
  return "past";
}

export function groupMeetings(meetings: Meeting[]): Record<Group, Meeting[]> {
  const groups: Record<Group, Meeting[]> = { live: [], upcoming: [], past: [] };
  for (const meeting of meetings) groups[groupOf(meeting)].push(meeting);
  const byStart = (a: Meeting, b: Meeting) => Date.parse(a.startTime) - Date.parse(b.startTime);
  groups.live.sort(byStart);
  groups.upcoming.sort(byStart);
  groups.past.sort((a, b) => byStart(b, a));
  return groups;
}
