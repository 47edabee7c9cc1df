import { useEffect, useRef } from "react";
import type { MediaChoices } from "./joinSession";
import { MicLevel } from "./MicLevel";
import { DeviceSelect } from "../shared/ui/DeviceSelect";
import { useDevices, useTrackPreview } from "./useMediaPreview";

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
        <Toggle
          on={choices.audioEnabled}
          label="Microphone"
          onToggle={() => onChange({ ...choices, audioEnabled: !choices.audioEnabled })}
        />
        <Toggle
          on={choices.videoEnabled}
          label="Camera"
          onToggle={() => onChange({ ...choices, videoEnabled: !choices.videoEnabled })}
        />
        {choices.audioEnabled && <MicLevel track={audio.track} />}
      </div>
      {(video.error || audio.error) && (
        <p className="field-error" role="alert">
          {[audio.error, video.error].filter(Boolean).join(" ")}
        </p>
      )}
      <div className="device-selects">
        <DeviceSelect
          id="device-audioinput"
          label="Microphone"
          devices={microphones}
          value={choices.audioDeviceId || audio.deviceId}
          onChange={(audioDeviceId) => onChange({ ...choices, audioDeviceId })}
        />
        <DeviceSelect
          id="device-videoinput"
          label="Camera"
          devices={cameras}
          value={choices.videoDeviceId || video.deviceId}
          onChange={(videoDeviceId) => onChange({ ...choices, videoDeviceId })}
        />
      </div>
    </section>
  );
}

function Toggle({ on, label, onToggle }: { on: boolean; label: string; onToggle: () => void }) {
  return (
    <button type="button" className={`btn toggle ${on ? "" : "off"}`} aria-pressed={on} onClick={onToggle}>
      {label} {on ? "on" : "off"}
    </button>
  );
}
