import { useState } from "react";
import { errorMessage } from "../shared/api";
import type { Meeting } from "../shared/types";
import { ConfirmDialog } from "../shared/ui/ConfirmDialog";
import { CopyButton } from "../shared/ui/CopyButton";
import type { AdminApi } from "./adminApi";

interface Props {
  api: AdminApi;
  meeting: Meeting;
  onChanged: (meeting: Meeting) => void;
  onShowDetail: () => void;
}

type Pending = "end" | "cancel" | null;

/** Per-meeting buttons; ending and cancelling ask first. */
export function MeetingActions({ api, meeting, onChanged, onShowDetail }: Props) {
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = meeting.status === "ACTIVE" || meeting.status === "SCHEDULED";

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (pending === "end") {
        onChanged(await api.end(meeting.id));
      } else {
        await api.cancel(meeting.id);
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

  return (
    <>
      {open && (
        <>
          <CopyButton text={meeting.joinUrl} label="Copy join link" />
          <CopyButton text={meeting.hostJoinUrl} label="Copy host link" />
        </>
      )}
      <button type="button" className="btn btn-small" onClick={onShowDetail}>
        Details<span className="visually-hidden"> of {meeting.title}</span>
      </button>
      {meeting.status === "ACTIVE" && (
        <button type="button" className="btn btn-small btn-danger" onClick={() => setPending("end")}>
          End<span className="visually-hidden"> {meeting.title}</span>
        </button>
      )}
      {meeting.status === "SCHEDULED" && (
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => setPending("cancel")}
        >
          Cancel<span className="visually-hidden"> {meeting.title}</span>
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
        />
      )}
    </>
  );
}
