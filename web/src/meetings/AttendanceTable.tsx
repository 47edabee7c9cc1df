import { useEffect, useState } from "react";
import { type ApiClient, type AttendanceRecord, errorMessage, unwrap } from "../shared/api";
import { formatDateTime, formatDuration } from "../shared/time";

interface Props {
  api: ApiClient;
  meetingId: string;
  /** Changes when the live count does, so the table follows joins and leaves. */
  refreshKey: number;
}

function readAttendance(api: ApiClient, meetingId: string, cursor?: string) {
  return unwrap(
    api.GET("/api/meetings/{meeting_id}/attendance", {
      params: { path: { meeting_id: meetingId }, query: cursor ? { cursor } : {} },
    }),
  );
}

export function AttendanceTable({ api, meetingId, refreshKey }: Props) {
  const [rows, setRows] = useState<AttendanceRecord[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    readAttendance(api, meetingId).then(
      (body) => current && (setRows(body.attendance), setNext(body.nextCursor ?? null), setError(null)),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, meetingId, refreshKey]);

  const showMore = () => {
    if (!next) return;
    readAttendance(api, meetingId, next).then(
      (body) => {
        setRows((shown) => [...(shown ?? []), ...body.attendance]);
        setNext(body.nextCursor ?? null);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  };

  return (
    <section aria-labelledby="attendance-heading">
      <h3 id="attendance-heading">Attendance</h3>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <p className="muted">Loading…</p>}
      {rows && rows.length === 0 && <p className="muted">Nobody has joined yet.</p>}
      {rows && rows.length > 0 && (
        // Focusable and named, so keyboard users can scroll it sideways on a phone.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Attendance table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">Left</th>
                <th scope="col">Time in meeting</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={`${row.identity}-${index}`}>
                  <td>{row.name || row.identity}</td>
                  <td>{row.email || "—"}</td>
                  <td>{formatDateTime(row.joinedAt)}</td>
                  <td>{row.leftAt ? formatDateTime(row.leftAt) : "Still here"}</td>
                  <td>{row.durationSeconds === null ? "—" : formatDuration(row.durationSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button" onClick={showMore}>
          Show more
        </button>
      )}
    </section>
  );
}
