import { type ReactNode, useEffect, useRef } from "react";

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A panel beside the video (over it on phones); Escape or Close shuts it. */
export function SidePanel({ title, onClose, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);

  return (
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
