import { useState } from "react";
import { useNow } from "../join/useNow";
import { errorMessage } from "../shared/api";
import type { Extension, HostApi } from "./hostApi";

/** The banner shows this long before the meeting's end. */
export const WARN_BEFORE_MS = 5 * 60_000;

interface Props {
  endTime: Date;
  /** Hosts and co-hosts may extend the meeting from the banner. */
  api: HostApi | null;
}

/**
 * "Ends in 4 minutes", to everyone, from five minutes before the meeting's end;
 * a host can extend it from here. The end moves for everyone when the service
 * announces a new one (useMeetingState).
 */
export function EndingBanner({ endTime, api }: Props) {
  const now = useNow(true, 1000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = endTime.getTime() - now;
  const shown = left > 0 && left <= WARN_BEFORE_MS;

  const extend = async (minutes: Extension) => {
    if (!api) return;
    setBusy(true);
    setError(null);
    try {
      await api.extend(minutes);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className={`connection-banner notice ending-banner ${shown ? "" : "hidden"}`}
      role="status"
      data-ends-at={endTime.toISOString()}
    >
      {shown && (
        <>
          <span>The meeting ends in {describeLeft(left)}.</span>
          {api && (
            <span className="banner-actions">
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => void extend(15)}>
                Extend 15 min
              </button>
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => void extend(30)}>
                Extend 30 min
              </button>
            </span>
          )}
          {error && <span role="alert">{error}</span>}
        </>
      )}
    </div>
  );
}

function describeLeft(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return "less than a minute";
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
