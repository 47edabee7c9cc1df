import type { ReactNode } from "react";
import { useModalDialog } from "./useModalDialog";

interface Props {
  labelledBy: string;
  describedBy?: string;
  className?: string;
  /** Escape, or the page's own close button. */
  onClose: () => void;
  /** Where focus goes if what opened the dialog is gone when it closes. */
  fallbackFocus?: () => HTMLElement | null;
  children: ReactNode;
}

/**
 * A modal on the native <dialog>: focus is trapped, Escape closes it through
 * `onClose` (the page decides), and focus returns to the opener when it closes.
 */
export function Modal({ labelledBy, describedBy, className = "dialog", onClose, fallbackFocus, children }: Props) {
  const ref = useModalDialog(fallbackFocus);
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
