import { type ReactElement, cloneElement } from "react";

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  /** The control; it gets the id, aria-invalid and aria-describedby wired here. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control with its hint and its error message next to it. */
export function Field({ id, label, error, hint, children }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
