import {
  CameraDisabledIcon,
  CameraIcon,
  ChatIcon,
  GearIcon,
  LeaveIcon,
  MicDisabledIcon,
  MicIcon,
  ScreenShareIcon,
  ScreenShareStopIcon,
  useTrackToggle,
} from "@livekit/components-react";
import { Track } from "livekit-client";
import type { ReactNode } from "react";
import { DeviceMenu } from "./DeviceMenu";

export type Panel = "people" | "chat" | "settings";

interface Props {
  panel: Panel | null;
  onPanel: (panel: Panel | null) => void;
  participantCount: number;
  unread: number;
  onLeave: () => void;
  /** More controls (hand, reactions), shown before the panel buttons. */
  children?: ReactNode;
}

// Phones and some browsers cannot share a screen: hide the button there.
const canShareScreen =
  typeof navigator !== "undefined" && typeof navigator.mediaDevices?.getDisplayMedia === "function";

/** The bar under the call. Labels stay in the accessible name on narrow screens. */
export function Controls({ panel, onPanel, participantCount, unread, onLeave, children }: Props) {
  const toggle = (which: Panel) => onPanel(panel === which ? null : which);
  return (
    <div className="controls" role="group" aria-label="Meeting controls">
      <MediaToggle
        source={Track.Source.Microphone}
        label="Microphone"
        on={<MicIcon />}
        off={<MicDisabledIcon />}
      />
      <DeviceMenu kind="audioinput" label="Microphone" />
      <MediaToggle
        source={Track.Source.Camera}
        label="Camera"
        on={<CameraIcon />}
        off={<CameraDisabledIcon />}
      />
      <DeviceMenu kind="videoinput" label="Camera" />
      {canShareScreen && (
        <MediaToggle
          source={Track.Source.ScreenShare}
          label="Share screen"
          on={<ScreenShareStopIcon />}
          off={<ScreenShareIcon />}
        />
      )}
      {children}
      <button
        type="button"
        className="control"
        aria-pressed={panel === "people"}
        onClick={() => toggle("people")}
      >
        <PeopleIcon />
        <span className="control-label">People</span>
        <span className="count" aria-label={`${participantCount} in the meeting`}>
          {participantCount}
        </span>
      </button>
      <button
        type="button"
        className="control"
        aria-pressed={panel === "chat"}
        onClick={() => toggle("chat")}
      >
        <ChatIcon />
        <span className="control-label">Chat</span>
        {unread > 0 && (
          <span className="count unread" aria-label={`${unread} unread`}>
            {unread}
          </span>
        )}
      </button>
      <button
        type="button"
        className="control"
        aria-pressed={panel === "settings"}
        onClick={() => toggle("settings")}
      >
        <GearIcon />
        <span className="control-label">Devices</span>
      </button>
      <button type="button" className="control leave" onClick={onLeave}>
        <LeaveIcon />
        <span className="control-label">Leave</span>
      </button>
    </div>
  );
}

interface ToggleProps {
  source: Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare;
  label: string;
  on: ReactNode;
  off: ReactNode;
}

function MediaToggle({ source, label, on, off }: ToggleProps) {
  const { enabled, pending, toggle } = useTrackToggle({ source });
  // A microphone or camera that is off is worth a warning colour; not sharing
  // the screen is the normal state.
  const warnWhenOff = source !== Track.Source.ScreenShare;
  return (
    <button
      type="button"
      className={`control ${enabled || !warnWhenOff ? "" : "off"}`}
      aria-pressed={enabled}
      disabled={pending}
      // A refused permission or a cancelled screen picker is not an error to report.
      onClick={() => void toggle().catch(() => undefined)}
    >
      {enabled ? on : off}
      <span className="control-label">{label}</span>
    </button>
  );
}

function PeopleIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
      <circle cx="6" cy="5" r="2.75" />
      <path d="M1 13.5C1 10.9 3.2 9 6 9s5 1.9 5 4.5v.5H1z" />
      <circle cx="11.5" cy="5.5" r="2" opacity=".7" />
      <path d="M12 9.2c1.8.4 3 1.9 3 3.8v1h-2.8v-.5c0-1.7-.6-3.2-1.7-4.2.5-.1 1-.1 1.5-.1z" opacity=".7" />
    </svg>
  );
}
