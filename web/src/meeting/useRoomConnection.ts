import {
  ConnectionError,
  ConnectionErrorReason,
  DisconnectReason,
  EngineEvent,
  Room,
  RoomEvent,
  VideoPresets,
} from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { LatestToken, type LeaveReason, type MeetingSession } from "./session";

// LiveKit disconnects when the page goes away (reload, closing the tab); that is
// not the guest leaving, so a reload must still find them "in the meeting" and
// rejoin. Registered when this module loads, so it runs before LiveKit's own
// pagehide/beforeunload handlers (livekit-client Room.ts onPageLeave).
let pageLeaving = false;
if (typeof window !== "undefined") {
  const leaving = () => {
    pageLeaving = true;
  };
  window.addEventListener("pagehide", leaving);
  window.addEventListener("beforeunload", leaving);
  // Back from the back-forward cache with the call gone: load afresh, which rejoins.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) window.location.reload();
  });
}

export interface RoomConnection {
  room: Room;
  /** Why the first connection failed, while it has not succeeded. */
  failure: string | null;
  retry: () => void;
  /** The newest LiveKit token: LiveKit refreshes it during the call, and the
   * service's API accepts the refreshed one (see LatestToken). */
  token: () => string;
}

/**
 * Owns the LiveKit Room: connects with the granted token, turns on the
 * camera and microphone the guest chose in the lobby, and reports why the
 * call ended (left, removed, meeting over) through `onLeave`.
 */
export function useRoomConnection(
  session: MeetingSession,
  onLeave: (reason: LeaveReason) => void,
): RoomConnection {
  const { choices } = session;
  const [room] = useState(
    () =>
      new Room({
        adaptiveStream: true,
        dynacast: true,
        audioCaptureDefaults: choices.audioDeviceId ? { deviceId: choices.audioDeviceId } : {},
        videoCaptureDefaults: {
          resolution: VideoPresets.h720.resolution,
          ...(choices.videoDeviceId ? { deviceId: choices.videoDeviceId } : {}),
        },
      }),
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [token] = useState(() => new LatestToken(session.token));
  const leave = useRef(onLeave);
  // eslint-disable-next-line react-hooks/refs -- the latest callback, read by effects and handlers, never by rendering
  leave.current = onLeave;

  useEffect(() => {
    let active = true;
    const onDisconnected = (reason?: DisconnectReason) => {
      if (active && !pageLeaving) leave.current(leaveReason(reason));
    };
    // LiveKit sends the first refresh as soon as the session starts, before
    // connect() resolves; the engine that receives it exists once the signal
    // connection is up (a retry makes a new one), so listen from then on.
    const listenForRefresh = () => {
      room.engine?.off(EngineEvent.TokenRefreshed, token.offer);
      room.engine?.on(EngineEvent.TokenRefreshed, token.offer);
    };
    room.on(RoomEvent.SignalConnected, listenForRefresh);

    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new attempt clears the last failure
    setFailure(null);
    room
      // A retry after a failed first connection uses the newest token too.
      .connect(session.livekitUrl, token.current())
      .then(async () => {
        if (!active) return;
        room.on(RoomEvent.Disconnected, onDisconnected);
        listenForRefresh();
        // Each device may fail alone (busy, refused); the controls show it.
        await Promise.allSettled([
          room.localParticipant.setMicrophoneEnabled(choices.audioEnabled),
          room.localParticipant.setCameraEnabled(choices.videoEnabled),
        ]);
      })
      .catch((error: unknown) => {
        if (active) setFailure(describeConnectError(error));
      });

    return () => {
      active = false;
      room.off(RoomEvent.Disconnected, onDisconnected);
      room.off(RoomEvent.SignalConnected, listenForRefresh);
      room.engine?.off(EngineEvent.TokenRefreshed, token.offer);
      void room.disconnect();
    };
  }, [room, token, attempt, session.livekitUrl, choices.audioEnabled, choices.videoEnabled]);

  return {
    room,
    failure,
    retry: () => setAttempt((n) => n + 1),
    token: token.current,
  };
}

function leaveReason(reason: DisconnectReason | undefined): LeaveReason {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return "left";
    case DisconnectReason.PARTICIPANT_REMOVED:
      return "removed";
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return "ended";
    case DisconnectReason.DUPLICATE_IDENTITY:
      return "replaced";
    default:
      return "lost";
  }
}

function describeConnectError(error: unknown): string {
  if (error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed) {
    return "The meeting server refused the invitation. Leave and join again.";
  }
  return "Could not connect to the meeting server. Check your connection and try again.";
}
