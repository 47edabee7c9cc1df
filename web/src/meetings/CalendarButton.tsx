import { useState } from "react";
import { type ApiClient, errorMessage, type Meeting, unwrap } from "../shared/api";
import { saveFile } from "./invitation";

interface Props {
  api: ApiClient;
  meeting: Meeting;
  className?: string;
}

/** Downloads the meeting's .ics: an event to add, or for a cancelled one, its cancellation. */
export function CalendarButton({ api, meeting, className = "btn btn-small" }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelled = meeting.status === "CANCELLED";

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      // It needs the admin key, so it is fetched rather than linked.
      const file = await unwrap(
        api.GET("/api/meetings/{meeting_id}/invite.ics", {
          params: { path: { meeting_id: meeting.id } },
          parseAs: "blob",
        }),
      );
      saveFile(file, `${meeting.roomName}.ics`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className={className} onClick={() => void download()} disabled={busy}>
        {cancelled ? "Calendar cancellation" : "Add to calendar"}
        <span className="visually-hidden"> (.ics file) for {meeting.title}</span>
      </button>
      {error && (
        <p className="field-error action-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
