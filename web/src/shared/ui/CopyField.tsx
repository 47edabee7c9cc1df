import { CopyButton } from "./CopyButton";

interface Props {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  describedBy?: string;
}

/** A read-only value, such as a link, with its label and a button that copies it. */
export function CopyField({ id, label, value, copyLabel, describedBy }: Props) {
  return (
    <div className="link-row">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" readOnly value={value} aria-describedby={describedBy} />
      <CopyButton text={value} label={copyLabel} />
    </div>
  );
}
