import { useEffect, useRef } from "react";
import type { MediaChoices } from "./joinSession";
import { MicLevel } from "./MicLevel";
import { type PreviewKind, useDevices, useTrackPreview } from "./useMediaPreview";

interface Props {
  choices: MediaChoices;
  onChange: (choices: MediaChoices) => void;
  name: string;
}

/** Camera and microphone check before joining: preview, on/off, device choice. */
export function DevicePreview({ choices, onChange, name }: Props) {
  const video = useTrackPreview("videoinput", choices.videoEnabled, choices.videoDeviceId);
  const audio = useTrackPreview("audioinput", choices.audioEnabled, choices.audioDeviceId);
  const cameras = useDevices("videoinput", video.track);
  const microphones = useDevices("audioinput", audio.track);
  const videoElement = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = videoElement.current;
    if (!element) return;
    element.srcObject = video.track ? new MediaStream([video.track]) : null;
  }, [video.track]);

  const initials = name.trim().slice(0, 1).toUpperCase() || "?";

  return (
    <section className="preview" aria-label="Camera and microphone check">
      <div className="preview-video">
        <video
          ref={videoElement}
          autoPlay
          playsInline
          muted
          hidden={!video.track}
          aria-label="Your camera preview"
        />
        {!video.track && (
          <div className="preview-placeholder" aria-hidden="true">
            <span className="avatar">{initials}</span>
          </div>
        )}
      </div>
      <div className="preview-controls">
        <button
          type="button"
          className={`btn toggle ${choices.audioEnabled ? "" : "off"}`}
          aria-pressed={choices.audioEnabled}
          onClick={() => onChange({ ...choices, audioEnabled: !choices.audioEnabled })}
        >
          {choices.audioEnabled ? "Microphone on" : "Microphone off"}
        </button>
        <button
          type="button"
          className={`btn toggle ${choices.videoEnabled ? "" : "off"}`}
          aria-pressed={choices.videoEnabled}
          onClick={() => onChange({ ...choices, videoEnabled: !choices.videoEnabled })}
        >
          {choices.videoEnabled ? "Camera on" : "Camera off"}
        </button>
        {choices.audioEnabled && <MicLevel track={audio.track} />}
      </div>
      {(video.error || audio.error) && (
        <p className="field-error" role="alert">
          {[audio.error, video.error].filter(Boolean).join(" ")}
        </p>
      )}
      <div className="device-selects">
        <DeviceSelect
          kind="audioinput"
          label="Microphone"
          devices={microphones}
          value={choices.audioDeviceId || audio.deviceId}
          onChange={(audioDeviceId) => onChange({ ...choices, audioDeviceId })}
        />
        <DeviceSelect
          kind="videoinput"
          label="Camera"
          devices={cameras}
          value={choices.videoDeviceId || video.deviceId}
          onChange={(videoDeviceId) => onChange({ ...choices, videoDeviceId })}
        />
      </div>
    </section>
  );
}

interface SelectProps {
  kind: PreviewKind;
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange: (deviceId: string) => void;
}

function DeviceSelect({ kind, label, devices, value, onChange }: SelectProps) {
  const id = `device-${kind}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={devices.some((d) => d.deviceId === value) ? value : ""}
        onChange={(e) => onChange(e.target.value)}
        disabled={devices.length === 0}
      >
        {devices.length === 0 && <option value="">None available</option>}
        {!devices.some((d) => d.deviceId === value) && devices.length > 0 && (
          <option value="">Default</option>
        )}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
