import { useRoomContext } from "@livekit/components-react";
import { EngineEvent, ParticipantEvent, RoomEvent, Track } from "livekit-client";
import { useEffect, useState } from "react";

const SHOWN_MS = 8000;

/**
 * Says so when a host mutes this person's microphone: otherwise the mic just
 * turns off under them. LiveKit delivers a host's MutePublishedTrack to the
 * muted client as a remote-mute signal (livekit-client RTCEngine
 * EngineEvent.RemoteMute), which the SDK applies before this runs.
 */
export function MutedNotice() {
  const room = useRoomContext();
  const [shown, setShown] = useState(false);

  useEffect(() => {
    let timer: number | undefined;
    const onRemoteMute = (trackSid: string, muted: boolean) => {
      const mic = room.localParticipant.getTrackPublication(Track.Source.Microphone);
      if (!muted || mic?.trackSid !== trackSid) return;
      setShown(true);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setShown(false), SHOWN_MS);
    };
    const onUnmuted = () => setShown(false);
    // A full reconnection makes a new engine: listen on each one.
    const listen = () => {
      room.engine?.off(EngineEvent.RemoteMute, onRemoteMute);
      room.engine?.on(EngineEvent.RemoteMute, onRemoteMute);
    };
    listen();
    room.on(RoomEvent.SignalConnected, listen);
    room.localParticipant.on(ParticipantEvent.TrackUnmuted, onUnmuted);
    return () => {
      window.clearTimeout(timer);
      room.off(RoomEvent.SignalConnected, listen);
      room.engine?.off(EngineEvent.RemoteMute, onRemoteMute);
      room.localParticipant.off(ParticipantEvent.TrackUnmuted, onUnmuted);
    };
  }, [room]);

  return (
    <div className={`connection-banner notice ${shown ? "" : "hidden"}`} role="status">
      {shown && "The host muted your microphone. Unmute it when you want to speak."}
    </div>
  );
}
