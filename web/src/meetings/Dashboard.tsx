import { useRef, useState } from "react";
import type { ApiClient, Meeting } from "../shared/api";
import { restoreFocus } from "../shared/ui/restoreFocus";
import { CreatedNotice } from "./CreatedNotice";
import { EditDialog } from "./EditDialog";
import { InstantLauncher } from "./InstantLauncher";
import { MeetingActions } from "./MeetingActions";
import { MeetingDetail } from "./MeetingDetail";
import { MeetingList } from "./MeetingList";
import { ScheduleForm } from "./ScheduleForm";
import { useMeetings } from "./useMeetings";

interface Props {
  api: ApiClient;
  onSignOut: () => void;
}

type Created = { meeting: Meeting; from: "instant" | "schedule" };

export function Dashboard({ api, onSignOut }: Props) {
  const list = useMeetings(api, undefined);
  const [scheduling, setScheduling] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [editId, setEditId] = useState<string | null>(null);
  const detail = list.meetings?.find((m) => m.id === detailId) ?? null;
  const editing = list.meetings?.find((m) => m.id === editId) ?? null;
  const instantButton = useRef<HTMLButtonElement>(null);
  const scheduleButton = useRef<HTMLButtonElement>(null);

  const onCreated = (meeting: Meeting, from: Created["from"]) => {
    setCreated({ meeting, from });
    setScheduling(false);
    list.upsert(meeting);
    void list.refresh();
  };

  // The notice and the form replace what opened them: give focus back to that button.
  const dismissCreated = () => {
    const from = created?.from;
    setCreated(null);
    restoreFocus(from === "schedule" ? scheduleButton.current : instantButton.current);
  };
  const closeForm = () => {
    setScheduling(false);
    restoreFocus(scheduleButton.current);
  };

  return (
    <>
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="brand-name">LiveKit Meet</span>
          <h1>Meetings</h1>
        </div>
        <nav className="topbar-links" aria-label="Account">
          <a href="/api/docs">API docs</a>
          <button type="button" className="btn btn-small" onClick={onSignOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main className="dashboard">
        <section className="actions-row" aria-label="New meeting">
          <InstantLauncher
            api={api}
            onLaunched={(meeting) => onCreated(meeting, "instant")}
            buttonRef={instantButton}
          />
          <button
            ref={scheduleButton}
            type="button"
            className="btn"
            aria-expanded={scheduling}
            aria-controls="schedule-form"
            onClick={() => setScheduling((open) => !open)}
          >
            {scheduling ? "Close the form" : "Schedule a meeting"}
          </button>
        </section>

        {created && <CreatedNotice meeting={created.meeting} onDismiss={dismissCreated} />}
        {scheduling && (
          <ScheduleForm
            api={api}
            onSaved={(meeting) => onCreated(meeting, "schedule")}
            onClose={closeForm}
          />
        )}

        <section className="list-section" aria-labelledby="list-heading">
          <div className="list-header">
            <h2 id="list-heading" tabIndex={-1}>
              All meetings
            </h2>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void list.refresh()}
              disabled={list.refreshing}
            >
              {list.refreshing ? "Refreshing…" : "Refresh"}
            </button>
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
              renderActions={(meeting, group) => (
                <MeetingActions
                  api={api}
                  meeting={meeting}
                  group={group}
                  onChanged={(changed) => {
                    list.upsert(changed);
                    void list.refresh();
                  }}
                  onShowDetail={() => setDetailId(meeting.id)}
                  onEdit={() => setEditId(meeting.id)}
                />
              )}
              loadMore={
                list.hasMore && (
                  <button
                    type="button"
                    className="btn load-more"
                    onClick={() => void list.loadMore()}
                    disabled={list.refreshing}
                  >
                    Load more
                  </button>
                )
              }
            />
          )}
        </section>
      </main>
      {detail && <MeetingDetail api={api} meeting={detail} onClose={() => setDetailId(null)} />}
      {editing && (
        <EditDialog
          api={api}
          meeting={editing}
          onSaved={(changed) => {
            list.upsert(changed);
            setEditId(null);
            void list.refresh();
          }}
          onClose={() => setEditId(null)}
        />
      )}
    </>
  );
}
