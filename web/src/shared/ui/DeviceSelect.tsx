interface Props {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  /** The device in use; one not in `devices` shows as "Default". */
  value: string;
  onChange: (deviceId: string) => void;
}

/** Picks a camera, microphone or speaker among those the browser lists. */
export function DeviceSelect({ id, label, devices, value, onChange }: Props) {
  const known = devices.some((d) => d.deviceId === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={known ? value : ""}
        disabled={devices.length === 0}
        onChange={(e) => onChange(e.target.value)}
      >
        {!known && <option value="">{devices.length ? "Default" : "None available"}</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
