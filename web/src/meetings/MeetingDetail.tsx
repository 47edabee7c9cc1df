import { formatDateTime, timeZoneLabel } from "../shared/time";
import type { ApiClient, Meeting } from "../shared/api";
import { CopyButton } from "../shared/ui/CopyButton";
import { CopyField } from "../shared/ui/CopyField";
import { Modal } from "../shared/ui/Modal";
import { AllowlistEditor } from "./AllowlistEditor";
import { AttendanceTable } from "./AttendanceTable";
import { CalendarButton } from "./CalendarButton";
import { invitationText } from "./invitation";
import { STATUS_LABEL } from "./MeetingList";

interface Props {
  api: ApiClient;
  meeting: Meeting;
  onClose: () => void;
}

/** One meeting in full: links, password, attendance and allowlist, in a modal. */
export function MeetingDetail({ api, meeting, onClose }: Props) {
  const open = meeting.status === "ACTIVE" || meeting.status === "SCHEDULED";

  return (
    <Modal className="dialog detail" labelledBy="detail-title" onClose={onClose}>
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
          <dt>Starts</dt>
          <dd>{formatDateTime(meeting.startTime)}</dd>
        </div>
        <div>
          <dt>Ends</dt>
          <dd>{formatDateTime(meeting.endTime)}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{timeZoneLabel(new Date(meeting.startTime))}</dd>
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
        <div>
          <dt>Participant limit</dt>
          <dd>{meeting.maxParticipants ?? "None"}</dd>
        </div>
        <div>
          <dt>Room</dt>
          <dd>
            <code>{meeting.roomName}</code>
          </dd>
        </div>
      </dl>
      {meeting.description && <p>{meeting.description}</p>}
      {open && (
        <>
          <section aria-labelledby="detail-share">
            <h3 id="detail-share">Invite guests</h3>
            <CopyField id="detail-join-url" label="Join link" value={meeting.joinUrl} copyLabel="Copy join link" />
            <div className="detail-links">
              <CopyButton text={invitationText(meeting)} label="Copy invitation" />
              <CalendarButton api={api} meeting={meeting} />
            </div>
          </section>
          <section className="host-link" aria-labelledby="detail-host">
            <h3 id="detail-host">For hosts only</h3>
            <p className="alert alert-warning" id="host-link-warning">
              Whoever opens the host link joins as a host: they can mute and remove people,
              and get into a private meeting without being on the allowlist. Keep it to
              yourself and your co-hosts; send guests the invitation instead.
            </p>
            <CopyField
              id="detail-host-url"
              label="Host link"
              value={meeting.hostJoinUrl}
              copyLabel="Copy host link"
              describedBy="host-link-warning"
            />
          </section>
        </>
      )}
      <AttendanceTable api={api} meetingId={meeting.id} refreshKey={meeting.participantCount} />
      <AllowlistEditor api={api} meetingId={meeting.id} isPublic={meeting.isPublic} />
    </Modal>
  );
}
