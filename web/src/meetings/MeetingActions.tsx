import { useState } from "react";
import { type ApiClient, errorMessage, type Meeting, unwrap } from "../shared/api";
import { ConfirmDialog } from "../shared/ui/ConfirmDialog";
import { CopyButton } from "../shared/ui/CopyButton";
import { isShown } from "../shared/ui/restoreFocus";
import { CalendarButton } from "./CalendarButton";
import type { Group } from "./groups";
import { invitationText } from "./invitation";

interface Props {
  api: ApiClient;
  meeting: Meeting;
  group: Group;
  onChanged: (meeting: Meeting) => void;
  onShowDetail: () => void;
  onEdit: () => void;
}

type Pending = "end" | "cancel" | null;

/**
 * Per-meeting buttons. The host link is not copyable here (only in the details,
 * with a warning): "Join as host" opens it, "Copy invitation" shares the guest link.
 */
export function MeetingActions({ api, meeting, group, onChanged, onShowDetail, onEdit }: Props) {
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = group !== "past";
  const hidden = <span className="visually-hidden"> {meeting.title}</span>;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const params = { path: { meeting_id: meeting.id } };
    try {
      if (pending === "end") {
        onChanged(await unwrap(api.POST("/api/meetings/{meeting_id}/end", { params })));
      } else {
        await unwrap(api.DELETE("/api/meetings/{meeting_id}", { params }));
        onChanged({ ...meeting, status: "CANCELLED" });
      }
      setPending(null);
    } catch (err) {
      setError(errorMessage(err));
      setPending(null);
    } finally {
      setBusy(false);
    }
  };

  // After End or Cancel the button is gone: focus the card's Details instead, or the
  // list's heading when the card went into the folded Past group.
  const cardDetails = () => {
    const details = document.querySelector<HTMLElement>(
      `[data-meeting-id="${meeting.id}"] .details-button`,
    );
    return isShown(details) ? details : document.getElementById("list-heading");
  };

  return (
    <>
      {open && (
        <>
          <a
            className="btn btn-small btn-primary"
            href={meeting.hostJoinUrl}
            target="_blank"
            rel="noreferrer"
          >
            Join as host{hidden}
          </a>
          <CopyButton text={invitationText(meeting)} label="Copy invitation" />
          {group === "upcoming" && <CalendarButton api={api} meeting={meeting} />}
        </>
      )}
      <button type="button" className="btn btn-small details-button" onClick={onShowDetail}>
        Details<span className="visually-hidden"> of {meeting.title}</span>
      </button>
      {open && (
        <button type="button" className="btn btn-small" onClick={onEdit}>
          Edit{hidden}
        </button>
      )}
      {meeting.status === "CANCELLED" && <CalendarButton api={api} meeting={meeting} />}
      {meeting.status === "ACTIVE" && (
        <button type="button" className="btn btn-small btn-danger" onClick={() => setPending("end")}>
          End{hidden}
        </button>
      )}
      {meeting.status === "SCHEDULED" && (
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => setPending("cancel")}
        >
          Cancel{hidden}
        </button>
      )}
      {error && (
        <p className="field-error action-error" role="alert">
          {error}
        </p>
      )}
      {pending && (
        <ConfirmDialog
          title={pending === "end" ? "End this meeting?" : "Cancel this meeting?"}
          message={
            pending === "end"
              ? `Everyone in “${meeting.title}” will be disconnected and the link stops working.`
              : `“${meeting.title}” will be cancelled and its link will stop working.`
          }
          confirmLabel={pending === "end" ? "End meeting" : "Cancel meeting"}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
          fallbackFocus={cardDetails}
        />
      )}
    </>
  );
}
