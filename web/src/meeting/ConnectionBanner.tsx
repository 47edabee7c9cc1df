import { useConnectionState } from "@livekit/components-react";
import { ConnectionState } from "livekit-client";

interface Props {
  failure: string | null;
  onRetry: () => void;
  onLeave: () => void;
}

/** Says when the call is not (yet, or no longer) connected, and what to do. */
export function ConnectionBanner({ failure, onRetry, onLeave }: Props) {
  const state = useConnectionState();

  if (failure) {
    return (
      <div className="connection-banner failed" role="alert">
        <span>{failure}</span>
        <span className="banner-actions">
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Try again
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={onLeave}>
            Leave
          </button>
        </span>
      </div>
    );
  }
  const text =
    state === ConnectionState.Connecting
      ? "Connecting to the meeting…"
      : state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting
        ? "Connection lost. Reconnecting…"
        : null;
  return (
    <div className={`connection-banner ${text ? "" : "hidden"}`} role="status" data-state={state}>
      {text}
    </div>
  );
}
