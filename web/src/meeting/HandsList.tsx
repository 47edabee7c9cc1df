import { useState } from "react";
import { HandIcon } from "./icons";
import { errorMessage } from "../shared/api";
import type { ParticipantApi } from "./participantApi";
import type { Hands } from "./useHands";

interface Props {
  hands: Hands;
  api: ParticipantApi;
  isHost: boolean;
  localIdentity: string;
}

/** Raised hands, first raised first; a host may lower anyone's, anyone their own. */
export function HandsList({ hands, api, isHost, localIdentity }: Props) {
  const [error, setError] = useState<string | null>(null);
  if (hands.raised.length === 0) return null;

  const lower = (identity: string) => {
    setError(null);
    const done = identity === localIdentity ? hands.setMine(false) : api.lowerHand(identity);
    done.catch((err: unknown) => setError(`Could not lower the hand: ${errorMessage(err)}`));
  };

  return (
    <section className="hands" aria-labelledby="hands-title">
      <h3 id="hands-title">Raised hands</h3>
      <ol className="hands-list">
        {hands.raised.map((hand) => {
          const mine = hand.identity === localIdentity;
          return (
            <li key={hand.identity}>
              <HandIcon />
              {mine ? "You" : hand.name}
              {(mine || isHost) && (
                <button type="button" className="btn btn-small" onClick={() => lower(hand.identity)}>
                  Lower hand<span className="visually-hidden"> of {mine ? "yours" : hand.name}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
