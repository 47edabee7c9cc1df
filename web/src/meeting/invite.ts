// What "Invite" copies: the guest link (room name and password only, never the
// host key) and the meeting's details as plain text.

export function guestLink(origin: string, roomName: string, password: string): string {
  const url = new URL(`/join/${encodeURIComponent(roomName)}`, origin);
  if (password) url.searchParams.set("password", password);
  return url.href;
}

export function inviteText(meeting: { title: string; startTime?: string | undefined; link: string }): string {
  const lines = [`Join "${meeting.title}"`];
  const start = meeting.startTime ? new Date(meeting.startTime) : null;
  if (start && !Number.isNaN(start.getTime())) {
    lines.push(`When: ${start.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })}`);
  }
  lines.push(`Link: ${meeting.link}`);
  return lines.join("\n");
}
