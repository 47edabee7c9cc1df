import "./host.css";
import { useState } from "react";
import { errorMessage } from "../shared/api";
import { useModalDialog } from "../shared/ui/useModalDialog";

interface Props {
  onLeave: () => void;
  /** Ends the meeting for everyone; the room's deletion then disconnects this page too. */
  onEndForEveryone: () => Promise<unknown>;
  onCancel: () => void;
}

/**
 * A host's Leave: leave the others to carry on, or end the meeting for everyone.
 * A modal on the native <dialog>: focus is trapped, Escape cancels, and focus
 * returns to the Leave button when it closes.
 */
export function LeaveDialog({ onLeave, onEndForEveryone, onCancel }: Props) {
  const ref = useModalDialog();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const end = async () => {
    setBusy(true);
    setError(null);
    try {
      await onEndForEveryone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-message"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="leave-title">Leave the meeting?</h2>
      <p id="leave-message">
        Leave and let the others carry on, or end the meeting for everyone.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions leave-actions">
        {/* The safe choice has focus when the dialog opens. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <button type="button" className="btn" onClick={onCancel} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn" onClick={onLeave} disabled={busy}>
          Leave
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void end()} disabled={busy}>
          {busy ? "Ending…" : "End for everyone"}
        </button>
      </div>
    </dialog>
  );
}
