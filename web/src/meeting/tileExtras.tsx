import {
  ParticipantTile,
  type TrackReferenceOrPlaceholder,
  useMaybeTrackRefContext,
} from "@livekit/components-react";
import { createContext, useContext } from "react";
import { HandIcon } from "./icons";
import { REACTIONS } from "./reactions";
import type { ShownReaction } from "./useReactions";

/** What the stage's tiles show besides the video: hands, reactions, pinning. */
export interface TileExtras {
  hands: ReadonlySet<string>;
  reactions: readonly ShownReaction[];
  pinned: string | null;
  onPin: (identity: string | null) => void;
}

const NONE: TileExtras = { hands: new Set(), reactions: [], pinned: null, onPin: () => undefined };

export const TileExtrasContext = createContext<TileExtras>(NONE);

export function useTileExtras(): TileExtras {
  return useContext(TileExtrasContext);
}

const LABELS = new Map<string, string>(REACTIONS.map((r) => [r.emoji, r.label]));

/** A participant's tile with its raised hand, floating reactions and pin button. */
export function StageTile({ trackRef, className }: { trackRef?: TrackReferenceOrPlaceholder; className?: string }) {
  // In the grid the track comes from GridLayout's context; elsewhere as a prop.
  const fromGrid = useMaybeTrackRefContext();
  const { hands, reactions, pinned, onPin } = useTileExtras();
  const track = trackRef ?? fromGrid;
  if (!track) return null;
  const { identity } = track.participant;
  const name = track.participant.name || identity;
  const isPinned = pinned === identity;
  const camera = track.source !== "screen_share";
  const mine = reactions.filter((r) => r.identity === identity);
  return (
    <div className={`stage-tile ${className ?? ""}`} data-identity={identity}>
      <ParticipantTile trackRef={track} />
      {hands.has(identity) && (
        <span className="tile-hand" role="img" aria-label={`${name} raised a hand`}>
          <HandIcon size={20} />
        </span>
      )}
      {mine.length > 0 && (
        <span className="tile-reactions" aria-hidden="true">
          {mine.map((r) => (
            <span key={r.id} className="tile-reaction" title={LABELS.get(r.emoji)}>
              {r.emoji}
            </span>
          ))}
        </span>
      )}
      {camera && (
        <button
          type="button"
          className="tile-pin btn btn-small"
          aria-pressed={isPinned}
          onClick={() => onPin(isPinned ? null : identity)}
        >
          {isPinned ? "Unpin" : "Pin"}
          <span className="visually-hidden"> {name}</span>
        </button>
      )}
    </div>
  );
}
