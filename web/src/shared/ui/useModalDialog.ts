import { useEffect, useRef } from "react";

/**
 * A ref for a native <dialog> that opens it as a modal on mount and closes it on
 * unmount: the browser then traps focus, handles Escape and restores focus.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return ref;
}
