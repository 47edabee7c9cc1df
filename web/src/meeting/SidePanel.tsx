import { type ReactNode, useEffect, useRef } from "react";
import { restoreFocus } from "../shared/ui/restoreFocus";

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A panel beside the video (over it on phones); Escape or Close shuts it. */
export function SidePanel({ title, onClose, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // What opened the panel (the control-bar button, still focused when this runs)
  // gets focus back when the panel closes; a switch to another panel updates it.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
      opener.current = document.activeElement;
    }
    heading.current?.focus();
  }, [title]);
  useEffect(() => () => restoreFocus(opener.current), []);

  return (
    // Escape anywhere in the panel closes it; the panel's own controls take the keys.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <aside
      className="side-panel"
      aria-labelledby="side-panel-title"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div className="side-panel-head">
        <h2 id="side-panel-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close<span className="visually-hidden"> {title}</span>
        </button>
      </div>
      <div className="side-panel-body">{children}</div>
    </aside>
  );
}
