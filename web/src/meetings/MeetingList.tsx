import type { ReactNode } from "react";
import { formatRange } from "../shared/time";
import type { Meeting } from "../shared/types";

interface Props {
  meetings: Meeting[];
  renderActions: (meeting: Meeting) => ReactNode;
}

export const STATUS_LABEL: Record<Meeting["status"], string> = {
  ACTIVE: "Live",
  SCHEDULED: "Scheduled",
  ENDED: "Ended",
  CANCELLED: "Cancelled",
};

export function MeetingList({ meetings, renderActions }: Props) {
  if (meetings.length === 0) {
    return <p className="empty">No meetings yet. Start one or schedule one above.</p>;
  }
  return (
    <ul className="meeting-list">
      {meetings.map((meeting) => (
        <li key={meeting.id} className="meeting card" data-meeting-id={meeting.id}>
          <div className="meeting-head">
            <h3 className="meeting-title">{meeting.title}</h3>
            <span className={`badge badge-${meeting.status}`}>{STATUS_LABEL[meeting.status]}</span>
          </div>
          <dl className="meeting-facts">
            <div className="fact-room">
              <dt>Room</dt>
              <dd>
                <code>{meeting.roomName}</code>
              </dd>
            </div>
            <div className="fact-when">
              <dt>When</dt>
              <dd>{formatRange(meeting.startTime, meeting.endTime)}</dd>
            </div>
            <div className="fact-access">
              <dt>Access</dt>
              <dd>{meeting.isPublic ? "Anyone with the link" : "Allowlist only"}</dd>
            </div>
            <div className="fact-count">
              <dt>In the room</dt>
              <dd className="participant-count">{meeting.participantCount}</dd>
            </div>
          </dl>
          <div className="meeting-actions">{renderActions(meeting)}</div>
        </li>
      ))}
    </ul>
  );
}
