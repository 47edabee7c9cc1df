import { useMediaDeviceSelect } from "@livekit/components-react";
import { supportsAudioOutputSelection } from "livekit-client";
import { useId } from "react";
import { DeviceSelect } from "../shared/ui/DeviceSelect";

/** Switch microphone, camera and speaker during the call. */
export function DeviceSettings() {
  return (
    <div className="device-settings">
      <ActiveDevice kind="audioinput" label="Microphone" />
      <ActiveDevice kind="videoinput" label="Camera" />
      {supportsAudioOutputSelection() && <ActiveDevice kind="audiooutput" label="Speaker" />}
    </div>
  );
}

/** One device list of the call: also the device menus beside the mic and camera buttons. */
export function ActiveDevice({ kind, label }: { kind: MediaDeviceKind; label: string }) {
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind });
  // The Devices panel and a device menu may show the same list at once: ids of their own.
  const id = useId();
  return (
    <DeviceSelect
      id={id}
      label={label}
      devices={devices}
      value={activeDeviceId}
      onChange={(deviceId) => void setActiveMediaDevice(deviceId).catch(() => undefined)}
    />
  );
}
