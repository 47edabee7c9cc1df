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
