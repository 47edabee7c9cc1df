import { formatDateTime } from "../shared/time";
import type { Meeting } from "../shared/types";
import { CopyButton } from "../shared/ui/CopyButton";
import { useModalDialog } from "../shared/ui/useModalDialog";
import type { AdminApi } from "./adminApi";
import { AllowlistEditor } from "./AllowlistEditor";
import { AttendanceTable } from "./AttendanceTable";
import { STATUS_LABEL } from "./MeetingList";

interface Props {
  api: AdminApi;
  meeting: Meeting;
  onClose: () => void;
}

/** One meeting in full: links, password, attendance and allowlist, in a modal. */
export function MeetingDetail({ api, meeting, onClose }: Props) {
  const ref = useModalDialog();

  return (
    <dialog
      ref={ref}
      className="dialog detail"
      aria-labelledby="detail-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="detail-head">
        <h2 id="detail-title">{meeting.title}</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="detail-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${meeting.status}`}>{STATUS_LABEL[meeting.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Room</dt>
          <dd>
            <code>{meeting.roomName}</code>
          </dd>
        </div>
        <div>
          <dt>Starts</dt>
          <dd>{formatDateTime(meeting.startTime)}</dd>
        </div>
        <div>
          <dt>Ends</dt>
          <dd>{formatDateTime(meeting.endTime)}</dd>
        </div>
        <div>
          <dt>Access</dt>
          <dd>{meeting.isPublic ? "Anyone with the link" : "Allowlist only"}</dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd>
            <code>{meeting.password}</code>
          </dd>
        </div>
      </dl>
      {meeting.description && <p>{meeting.description}</p>}
      <div className="detail-links">
        <CopyButton text={meeting.joinUrl} label="Copy join link" />
        <CopyButton text={meeting.hostJoinUrl} label="Copy host link" />
      </div>
      <AttendanceTable api={api} meetingId={meeting.id} refreshKey={meeting.participantCount} />
      <AllowlistEditor api={api} meetingId={meeting.id} isPublic={meeting.isPublic} />
    </dialog>
  );
}
