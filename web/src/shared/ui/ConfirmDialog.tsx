import { Modal } from "./Modal";

interface Props {
  title: string;
  message: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes if what opened the dialog is gone when it closes. */
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * A modal confirmation on the native <dialog>: focus is trapped, Escape
 * cancels, and focus returns to the opener when it closes.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  fallbackFocus,
}: Props) {
  return (
    <Modal
      labelledBy="confirm-title"
      describedBy="confirm-message"
      onClose={onCancel}
      {...(fallbackFocus ? { fallbackFocus } : {})}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-message">{message}</p>
      <div className="dialog-actions">
        {/* The safe choice has focus when the dialog opens. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Keep it
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
