interface Props {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** The meeting's waiting-room option: a labelled checkbox with what it means. */
export function WaitingRoomOption({ id, checked, onChange }: Props) {
  return (
    <div className="field checkbox-field">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={`${id}-hint`}
        />
        Waiting room
      </label>
      <span id={`${id}-hint`} className="field-hint">
        Guests wait until a host lets them in. The host link skips it.
      </span>
    </div>
  );
}
