import { type InputHTMLAttributes, type ReactElement, cloneElement } from "react";

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  /** Announce the error as soon as it shows (for a form with one field). */
  alert?: boolean;
}

interface Props extends FieldProps {
  /** The control; it gets the id, aria-invalid and aria-describedby wired here. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control with its hint and its error message next to it. */
export function Field({ id, label, error, hint, alert, children }: Props) {
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
        <span id={errorId} className="field-error" role={alert ? "alert" : undefined}>
          {error}
        </span>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange"> & {
  value: string;
  onValue: (value: string) => void;
};

/** A Field around an <input> that edits a string. */
export function InputField({ id, label, error, hint, alert, value, onValue, ...input }: FieldProps & InputProps) {
  return (
    <Field id={id} label={label} error={error} {...(hint ? { hint } : {})} alert={alert ?? false}>
      <input {...input} value={value} onChange={(e) => onValue(e.target.value)} />
    </Field>
  );
}
