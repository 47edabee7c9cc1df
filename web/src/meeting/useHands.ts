import { type Room, RoomEvent } from "livekit-client";
import { useCallback, useEffect, useState } from "react";
import { handAttributes, type RaisedHand, raisedHands } from "./hands";

export interface Hands {
  /** Raised hands, first raised first. */
  raised: RaisedHand[];
  mine: boolean;
  /** Raise or lower the local participant's own hand. */
  setMine: (raise: boolean) => Promise<void>;
}

/** Raised hands in the room, kept current from LiveKit's attribute updates. */
export function useHands(room: Room): Hands {
  const read = useCallback(
    () => raisedHands([room.localParticipant, ...room.remoteParticipants.values()]),
    [room],
  );
  const [raised, setRaised] = useState<RaisedHand[]>(read);

  useEffect(() => {
    const update = () => setRaised(read());
    const events = [
      RoomEvent.ParticipantAttributesChanged,
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.Connected,
      RoomEvent.Reconnected,
    ] as const;
    for (const event of events) room.on(event, update);
    update();
    return () => {
      for (const event of events) room.off(event, update);
    };
  }, [room, read]);

  const setMine = useCallback(
    (raise: boolean) => room.localParticipant.setAttributes(handAttributes(raise)),
    [room],
  );
  const mine = raised.some((hand) => hand.identity === room.localParticipant.identity);
  return { raised, mine, setMine };
}
