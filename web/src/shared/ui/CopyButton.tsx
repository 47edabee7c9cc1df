import { useEffect, useState } from "react";
import { copyText } from "../clipboard";

interface Props {
  text: string;
  /** Visible label, e.g. "Copy join link". */
  label: string;
  className?: string;
}

/** Copies `text`; the label turns into "Copied" for a moment and is announced. */
export function CopyButton({ text, label, className = "btn btn-small" }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = () => {
    copyText(text).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  };

  return (
    <button type="button" className={className} onClick={copy}>
      <span aria-live="polite">
        {state === "copied" ? "Copied!" : state === "failed" ? "Copy failed" : label}
      </span>
    </button>
  );
}
