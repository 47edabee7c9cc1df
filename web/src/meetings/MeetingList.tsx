import type { ReactNode } from "react";
import { formatRange } from "../shared/time";
import type { Meeting } from "../shared/api";
import { type Group, groupMeetings } from "./groups";

interface Props {
  meetings: Meeting[];
  renderActions: (meeting: Meeting, group: Group) => ReactNode;
  /** "Load more" goes with the past: older pages hold older meetings. */
  loadMore: ReactNode;
}

export const STATUS_LABEL: Record<Meeting["status"], string> = {
  ACTIVE: "Live",
  SCHEDULED: "Scheduled",
  ENDED: "Ended",
  CANCELLED: "Cancelled",
};

/** Live now, Upcoming, and the Past folded away. */
export function MeetingList({ meetings, renderActions, loadMore }: Props) {
  if (meetings.length === 0) {
    return <p className="empty">No meetings yet. Start one or schedule one above.</p>;
  }
  const groups = groupMeetings(meetings);
  const cards = (list: Meeting[], group: Group) => (
    <ul className="meeting-list">
      {list.map((meeting) => (
        <MeetingCard key={meeting.id} meeting={meeting} actions={renderActions(meeting, group)} />
      ))}
    </ul>
  );
  return (
    <>
      {groups.live.length > 0 && (
        <section className="group group-live" aria-labelledby="group-live">
          <h3 id="group-live">
            Live now <span className="group-count">({groups.live.length})</span>
          </h3>
          {cards(groups.live, "live")}
        </section>
      )}
      <section className="group" aria-labelledby="group-upcoming">
        <h3 id="group-upcoming">
          Upcoming <span className="group-count">({groups.upcoming.length})</span>
        </h3>
        {groups.upcoming.length > 0 ? (
          cards(groups.upcoming, "upcoming")
        ) : (
          <p className="muted">Nothing scheduled.</p>
        )}
      </section>
      <section className="group" aria-labelledby="group-past">
        <h3 id="group-past">
          Past <span className="group-count">({groups.past.length})</span>
        </h3>
        <details className="past">
          <summary>Show ended and cancelled meetings</summary>
          {groups.past.length > 0 ? cards(groups.past, "past") : <p className="muted">None yet.</p>}
          {loadMore}
        </details>
      </section>
    </>
  );
}

function MeetingCard({ meeting, actions }: { meeting: Meeting; actions: ReactNode }) {
  return (
    <li className="meeting card" data-meeting-id={meeting.id} data-status={meeting.status}>
      <div className="meeting-head">
        <h4 className="meeting-title">{meeting.title}</h4>
        <span className={`badge badge-${meeting.status}`}>{STATUS_LABEL[meeting.status]}</span>
      </div>
      <dl className="meeting-facts">
        <div className="fact-when">
          <dt>When</dt>
          <dd>{formatRange(meeting.startTime, meeting.endTime)}</dd>
        </div>
        <div className="fact-access">
          <dt>Access</dt>
          <dd>{meeting.isPublic ? "Anyone with the link" : "Allowlist only"}</dd>
        </div>
        <div className="fact-room">
          <dt>Room</dt>
          <dd>
            <code>{meeting.roomName}</code>
          </dd>
        </div>
        <div className="fact-count">
          <dt>In the room</dt>
          <dd className="participant-count">{meeting.participantCount}</dd>
        </div>
      </dl>
      <div className="meeting-actions">{actions}</div>
    </li>
  );
}
