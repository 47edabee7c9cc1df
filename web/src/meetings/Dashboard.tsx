import { useState } from "react";
import type { Meeting, MeetingStatus } from "../shared/types";
import type { AdminApi } from "./adminApi";
import { CreatedNotice } from "./CreatedNotice";
import { InstantLauncher } from "./InstantLauncher";
import { MeetingActions } from "./MeetingActions";
import { MeetingDetail } from "./MeetingDetail";
import { MeetingList } from "./MeetingList";
import { ScheduleForm } from "./ScheduleForm";
import { useMeetings } from "./useMeetings";

interface Props {
  api: AdminApi;
  onSignOut: () => void;
}

const FILTERS: { value: MeetingStatus | ""; label: string }[] = [
  { value: "", label: "All" },
  { value: "ACTIVE", label: "Live" },
  { value: "SCHEDULED", label: "Scheduled" },
  { value: "ENDED", label: "Ended" },
  { value: "CANCELLED", label: "Cancelled" },
];

export function Dashboard({ api, onSignOut }: Props) {
  const [filter, setFilter] = useState<MeetingStatus | "">("");
  const list = useMeetings(api, filter || undefined);
  const [scheduling, setScheduling] = useState(false);
  const [created, setCreated] = useState<Meeting | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const detail = list.meetings?.find((m) => m.id === detailId) ?? null;

  const onCreated = (meeting: Meeting) => {
    setCreated(meeting);
    setScheduling(false);
    list.upsert(meeting);
    void list.refresh();
  };

  return (
    <>
      <header className="topbar">
        <h1>Meetings</h1>
        <nav className="topbar-links" aria-label="Account">
          <a href="/api/docs">API docs</a>
          <button type="button" className="btn btn-small" onClick={onSignOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main className="dashboard">
        <section className="actions-row" aria-label="New meeting">
          <InstantLauncher api={api} onLaunched={onCreated} />
          <button
            type="button"
            className="btn"
            aria-expanded={scheduling}
            aria-controls="schedule-form"
            onClick={() => setScheduling((open) => !open)}
          >
            {scheduling ? "Close the form" : "Schedule a meeting"}
          </button>
        </section>

        {created && <CreatedNotice meeting={created} onDismiss={() => setCreated(null)} />}
        {scheduling && (
          <ScheduleForm api={api} onCreated={onCreated} onClose={() => setScheduling(false)} />
        )}

        <section className="list-section" aria-labelledby="list-heading">
          <div className="list-header">
            <h2 id="list-heading">All meetings</h2>
            <div className="list-tools">
              <label className="filter">
                <span>Show</span>
                <select
                  value={filter}
                  onChange={(e) => setFilter(e.target.value as MeetingStatus | "")}
                >
                  {FILTERS.map((f) => (
                    <option key={f.value} value={f.value}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void list.refresh()}
                disabled={list.refreshing}
              >
                {list.refreshing ? "Refreshing…" : "Refresh"}
              </button>
            </div>
          </div>
          <p className="muted list-status" role="status">
            {list.error
              ? `Could not load meetings: ${list.error}`
              : list.updatedAt
                ? `Updated ${list.updatedAt.toLocaleTimeString()}`
                : "Loading…"}
          </p>
          {list.meetings && (
            <MeetingList
              meetings={list.meetings}
              renderActions={(meeting) => (
                <MeetingActions
                  api={api}
                  meeting={meeting}
                  onChanged={(changed) => {
                    list.upsert(changed);
                    void list.refresh();
                  }}
                  onShowDetail={() => setDetailId(meeting.id)}
                />
              )}
            />
          )}
          {list.hasMore && (
            <button
              type="button"
              className="btn load-more"
              onClick={() => void list.loadMore()}
              disabled={list.refreshing}
            >
              Load more
            </button>
          )}
        </section>
      </main>
      {detail && <MeetingDetail api={api} meeting={detail} onClose={() => setDetailId(null)} />}
    </>
  );
}
