import { useRoomContext } from "@livekit/components-react";
import { RoomEvent } from "livekit-client";
import { useEffect, useState } from "react";

type Blocked = "audioinput" | "videoinput";

const WHAT: Record<Blocked, string> = { audioinput: "microphone", videoinput: "camera" };

/**
 * When the browser refuses the camera or microphone (NotAllowedError), says so,
 * how to allow it, and offers to try again.
 */
export function PermissionNotice() {
  const room = useRoomContext();
  const [blocked, setBlocked] = useState<Blocked[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const onError = (error: Error, kind?: MediaDeviceKind) => {
      if (error.name !== "NotAllowedError") return;
      const which: Blocked[] = kind === "audioinput" || kind === "videoinput" ? [kind] : ["audioinput", "videoinput"];
      setBlocked((now) => [...new Set([...now, ...which])]);
    };
    room.on(RoomEvent.MediaDevicesError, onError);
    return () => {
      room.off(RoomEvent.MediaDevicesError, onError);
    };
  }, [room]);

  if (blocked.length === 0) return null;
  const names = blocked.map((kind) => WHAT[kind]).join(" and ");

  const retry = async () => {
    setBusy(true);
    setBlocked([]);
    const me = room.localParticipant;
    // A refusal again brings the notice back through MediaDevicesError.
    await Promise.allSettled(
      blocked.map((kind) => (kind === "audioinput" ? me.setMicrophoneEnabled(true) : me.setCameraEnabled(true))),
    );
    setBusy(false);
  };

  return (
    <div className="connection-banner failed permission-notice" role="alert">
      <span>
        The browser blocked your {names}. To allow it, click the camera or lock icon in the address
        bar, choose Allow, then press Retry.
      </span>
      <span className="banner-actions">
        <button type="button" className="btn btn-small" onClick={() => void retry()} disabled={busy}>
          Retry
        </button>
        <button type="button" className="btn btn-small" onClick={() => setBlocked([])}>
          Dismiss
        </button>
      </span>
    </div>
  );
}
