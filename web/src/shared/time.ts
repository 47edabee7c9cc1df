// Date handling. The API wants ISO 8601 with an offset; <input
// type="datetime-local"> gives a naive local time, so the offset is added here.

export function localInputToIso(value: string): string | null {
  const date = new Date(value); // a naive "YYYY-MM-DDTHH:mm" parses as local time
  if (!value || Number.isNaN(date.getTime())) return null;
  return toIsoWithOffset(date);
}

function toIsoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** The value a datetime-local input needs for `date`, in local time. */
export function toLocalInput(date: Date): string {
  return toIsoWithOffset(date).slice(0, 16);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

export function formatDateTime(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

/** "Nov 24, 2026, 6:20 – 7:20 AM"; both dates in full when they differ. */
export function formatRange(startIso: string, endIso: string): string {
  return dateTime.formatRange(new Date(startIso), new Date(endIso));
}

export function formatTime(iso: string): string {
  return timeOnly.format(new Date(iso));
}

/** "1 h 05 min", "4 min 09 s": compact, for countdowns and durations. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, "0")} s`;
  return `${sec} s`;
}

/** The browser's time zone, e.g. "Europe/Paris (GMT+1)", as the pages show times in it. */
export function timeZoneLabel(at: Date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat(undefined, { timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return offset && offset !== zone ? `${zone} (${offset})` : zone;
}

/** "Dec 3, 2026, 10:00 – 11:00 AM (Europe/Paris (GMT+1))": a range that says its zone. */
export function formatRangeWithZone(startIso: string, endIso: string): string {
  return `${formatRange(startIso, endIso)} (${timeZoneLabel(new Date(startIso))})`;
}

/** How long until something, in words fit for people: "2 days", "3 h 05 min", "4 min". */
export function formatWait(totalSeconds: number, withSeconds = true): string {
  const s = Math.max(0, totalSeconds);
  if (s >= 24 * 3600) {
    const days = Math.round(s / (24 * 3600));
    return days === 1 ? "1 day" : `${days} days`;
  }
  if (!withSeconds && s < 3600) {
    const minutes = Math.ceil(s / 60);
    return minutes <= 1 ? "less than a minute" : `${minutes} minutes`;
  }
  return formatDuration(s);
}

const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** "10:50" today, else "Thu, Dec 3, 10:50": enough to recognise the moment. */
export function formatMoment(date: Date, now: Date = new Date()): string {
  return date.toDateString() === now.toDateString()
    ? timeOnly.format(date)
    : dayAndTime.format(date);
}
