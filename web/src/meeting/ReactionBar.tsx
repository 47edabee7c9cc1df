import { useState } from "react";
import { HandIcon, SmileIcon } from "./icons";
import { REACTIONS } from "./reactions";
import type { Hands } from "./useHands";
import type { Reactions } from "./useReactions";

/** Raise or lower your hand, and send a reaction from the fixed set. */
export function ReactionBar({ hands, reactions }: { hands: Hands; reactions: Reactions }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="control"
        aria-pressed={hands.mine}
        onClick={() => void hands.setMine(!hands.mine).catch(() => undefined)}
      >
        <HandIcon />
        <span className="control-label">{hands.mine ? "Lower hand" : "Raise hand"}</span>
      </button>
      <div className="popover-anchor">
        <button
          type="button"
          className="control"
          aria-expanded={open}
          aria-controls="reaction-menu"
          onClick={() => setOpen(!open)}
        >
          <SmileIcon />
          <span className="control-label">React</span>
        </button>
        {open && (
          // Escape from any of the menu's buttons closes it.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
          <div
            id="reaction-menu"
            className="popover reactions-menu"
            role="group"
            aria-label="Reactions"
            onKeyDown={(event) => {
              if (event.key === "Escape") setOpen(false);
            }}
          >
            {REACTIONS.map((reaction) => (
              <button
                key={reaction.emoji}
                type="button"
                className="btn btn-small reaction"
                aria-label={reaction.label}
                onClick={() => void reactions.send(reaction.emoji).catch(() => undefined)}
              >
                {reaction.emoji}
              </button>
            ))}
          </div>
        )}
      </div>
    </>
  );
}
