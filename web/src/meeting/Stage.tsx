import { GridLayout, useRoomContext, useSpeakingParticipants, useTracks } from "@livekit/components-react";
import { isTrackReference } from "@livekit/components-react";
import { Track } from "livekit-client";
import { useEffect, useState } from "react";
import { chooseFocus, type LayoutChoice } from "./layout";
import { StageTile, useTileExtras } from "./tileExtras";

/**
 * The video area: everyone's camera in a grid (a placeholder tile when the camera
 * is off), or one video on the stage with the others in a strip: a pinned camera,
 * else a screen share (the latest speaker first beside it), else in the speaker
 * view whoever spoke last. Tiles show names, mute state, a speaking outline, a
 * raised hand and reactions.
 */
export function Stage({ layout }: { layout: LayoutChoice }) {
  const room = useRoomContext();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const { pinned } = useTileExtras();
  const speaker = useLastSpeaker();
  const screen = tracks.find((t) => t.source === Track.Source.ScreenShare && isTrackReference(t));
  const cameras = tracks.filter((t) => t.source === Track.Source.Camera);

  const focus = chooseFocus({
    layout,
    present: cameras.map((t) => t.participant.identity),
    localIdentity: room.localParticipant.identity,
    pinned,
    sharing: screen?.participant.identity ?? null,
    speaker,
  });
  const main =
    focus.kind === "screen"
      ? screen
      : focus.kind === "camera"
        ? cameras.find((t) => t.participant.identity === focus.identity)
        : undefined;

  if (!main) {
    return (
      <div className="stage" data-layout="grid">
        <GridLayout tracks={cameras}>
          <StageTile />
        </GridLayout>
      </div>
    );
  }
  const onStage = focus.kind === "camera" ? focus.identity : null;
  const strip = cameras
    .filter((t) => t.participant.identity !== onStage)
    // The latest speaker first: beside the shared screen, or at the strip's start.
    .sort((a, b) => Number(b.participant.identity === speaker) - Number(a.participant.identity === speaker));
  return (
    <div className="stage stage-focus" data-layout={focus.kind === "screen" ? "screen" : "focus"}>
      <StageTile trackRef={main} className={focus.kind === "screen" ? "stage-main stage-screen" : "stage-main"} />
      {strip.length > 0 && (
        <div className="stage-strip" role="group" aria-label="Cameras">
          {strip.map((track) => (
            <StageTile key={`${track.participant.identity}-camera`} trackRef={track} />
          ))}
        </div>
      )}
    </div>
  );
}

/** Who spoke last, someone else preferred over yourself; kept through silences. */
function useLastSpeaker(): string | null {
  const speaking = useSpeakingParticipants();
  const [last, setLast] = useState<string | null>(null);
  useEffect(() => {
    const first = speaking.find((p) => !p.isLocal) ?? speaking[0];
    // eslint-disable-next-line react-hooks/set-state-in-effect -- kept through silences, when the speaking list is empty
    if (first) setLast(first.identity);
  }, [speaking]);
  return last;
}
