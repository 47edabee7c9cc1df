import { GridLayout, ParticipantTile, useTracks } from "@livekit/components-react";
import { isTrackReference } from "@livekit/components-react";
import { Track } from "livekit-client";

/**
 * The video area: everyone's camera in a grid (a placeholder tile when the
 * camera is off). A screen share takes the stage, with cameras in a strip.
 * Tiles show names, mute state and a speaking outline.
 */
export function Stage() {
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const screen = tracks.find(
    (t) => t.source === Track.Source.ScreenShare && isTrackReference(t),
  );
  const cameras = tracks.filter((t) => t.source === Track.Source.Camera);

  if (screen) {
    return (
      <div className="stage stage-focus">
        <ParticipantTile trackRef={screen} className="stage-screen" />
        <div className="stage-strip" aria-label="Cameras">
          {cameras.map((track) => (
            <ParticipantTile key={`${track.participant.identity}-camera`} trackRef={track} />
          ))}
        </div>
      </div>
    );
  }
  return (
    <div className="stage">
      <GridLayout tracks={cameras}>
        <ParticipantTile />
      </GridLayout>
    </div>
  );
}
