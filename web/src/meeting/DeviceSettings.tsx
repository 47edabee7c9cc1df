import { useMediaDeviceSelect } from "@livekit/components-react";
import { supportsAudioOutputSelection } from "livekit-client";

/** Switch microphone, camera and speaker during the call. */
export function DeviceSettings() {
  return (
    <div className="device-settings">
      <DeviceSelect kind="audioinput" label="Microphone" />
      <DeviceSelect kind="videoinput" label="Camera" />
      {supportsAudioOutputSelection() && <DeviceSelect kind="audiooutput" label="Speaker" />}
    </div>
  );
}

export function DeviceSelect({ kind, label }: { kind: MediaDeviceKind; label: string }) {
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind });
  const id = `meeting-device-${kind}`;
  const known = devices.some((d) => d.deviceId === activeDeviceId);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={known ? activeDeviceId : ""}
        disabled={devices.length === 0}
        onChange={(e) => void setActiveMediaDevice(e.target.value).catch(() => undefined)}
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
