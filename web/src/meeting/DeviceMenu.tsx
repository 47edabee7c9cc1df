import { useEffect, useRef, useState } from "react";
import { ActiveDevice } from "./DeviceSettings";

interface Props {
  kind: "audioinput" | "videoinput";
  label: string;
}

/** A small menu beside the microphone or camera button: pick the input device. */
export function DeviceMenu({ kind, label }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const id = `device-menu-${kind}`;

  useEffect(() => {
    if (!open) return;
    // The menu itself: its select is disabled until the device list has loaded.
    box.current?.focus();
    const onDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!box.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="popover-anchor">
      <button
        ref={button}
        type="button"
        className="control control-caret"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${label} options`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        // Escape from the menu or its select closes it.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <div
          ref={box}
          id={id}
          className="popover device-menu"
          role="group"
          tabIndex={-1}
          aria-label={`${label} options`}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              close();
            }
          }}
        >
          <ActiveDevice kind={kind} label={label} />
        </div>
      )}
    </div>
  );
}
