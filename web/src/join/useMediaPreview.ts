import { useEffect, useState } from "react";

export type PreviewKind = "audioinput" | "videoinput";

export interface TrackPreview {
  track: MediaStreamTrack | null;
  /** The device actually opened: the browser's pick when none was chosen. */
  deviceId: string;
  error: string | null;
}

/**
 * Opens one camera or microphone for the lobby preview and closes it when
 * turned off, switched, or unmounted (so the meeting can open it again).
 */
export function useTrackPreview(kind: PreviewKind, enabled: boolean, deviceId: string): TrackPreview {
  const [state, setState] = useState<TrackPreview>({ track: null, deviceId, error: null });

  useEffect(() => {
    if (!enabled) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the track closes here, so its state does too
      setState({ track: null, deviceId, error: null });
      return;
    }
    let track: MediaStreamTrack | null = null;
    let cancelled = false;
    const wanted = deviceId ? { deviceId: { exact: deviceId } } : true;
    const constraints = kind === "videoinput" ? { video: wanted } : { audio: wanted };
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then((stream) => {
        track = stream.getTracks()[0] ?? null;
        if (cancelled) {
          track?.stop();
          return;
        }
        setState({ track, deviceId: track?.getSettings().deviceId ?? deviceId, error: null });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ track: null, deviceId, error: describeMediaError(kind, error) });
      });
    return () => {
      cancelled = true;
      track?.stop();
    };
  }, [kind, enabled, deviceId]);

  return state;
}

/** The devices of one kind, re-read when devices change or permission is granted. */
export function useDevices(kind: PreviewKind, refreshKey: unknown): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);

  useEffect(() => {
    let current = true;
    const read = () =>
      navigator.mediaDevices
        ?.enumerateDevices()
        .then((all) => current && setDevices(all.filter((d) => d.kind === kind && d.deviceId)))
        .catch(() => undefined);
    void read();
    navigator.mediaDevices?.addEventListener("devicechange", read);
    return () => {
      current = false;
      navigator.mediaDevices?.removeEventListener("devicechange", read);
    };
  }, [kind, refreshKey]);

  return devices;
}

function describeMediaError(kind: PreviewKind, error: unknown): string {
  const what = kind === "videoinput" ? "camera" : "microphone";
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError") return `The browser is not allowed to use the ${what}.`;
  if (name === "NotFoundError" || name === "OverconstrainedError") return `No ${what} was found.`;
  if (name === "NotReadableError") return `The ${what} is in use by another application.`;
  if (!navigator.mediaDevices) return `This page needs HTTPS to use the ${what}.`;
  return `The ${what} could not be started.`;
}
