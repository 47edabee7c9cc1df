import { useEffect, useRef } from "react";
import { restoreFocus } from "./restoreFocus";

/**
 * A ref for a native <dialog> that opens it as a modal on mount and closes it on
 * unmount: the browser traps focus and handles Escape. Focus goes back to what
 * opened the dialog (React removes the dialog before closing it, so the browser's
 * own restore does not happen), or to `fallback()` when that is gone.
 */
export function useModalDialog(fallback?: () => HTMLElement | null) {
  const ref = useRef<HTMLDialogElement>(null);
  const fallbackRef = useRef(fallback);
  // eslint-disable-next-line react-hooks/refs -- the latest callback, read by effects and handlers, never by rendering
  fallbackRef.current = fallback;

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      restoreFocus(opener, () => fallbackRef.current?.() ?? null);
    };
  }, []);

  return ref;
}
