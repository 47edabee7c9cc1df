import { useIsSpeaking, useParticipants, useTrackMutedIndicator } from "@livekit/components-react";
import { type Participant, Track } from "livekit-client";
import { useState } from "react";
import { errorMessage } from "../shared/api";
import { ConfirmDialog } from "../shared/ui/ConfirmDialog";
import type { HostApi } from "./hostApi";
import type { ParticipantApi } from "./participantApi";

interface Props {
  api: ParticipantApi;
  isHost: boolean;
  host: HostApi;
  /** The co-hosts' identities, as the service told them (useMeetingState). */
  cohosts: ReadonlySet<string>;
}

/** Everyone in the call; hosts can mute or remove the others, or make them co-hosts. */
export function ParticipantsPanel({ api, isHost, host, cohosts }: Props) {
  const participants = useParticipants();
  const [removing, setRemoving] = useState<Participant | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="people">
        {participants.map((participant) => (
          <PersonRow
            key={participant.identity}
            participant={participant}
            cohost={cohosts.has(participant.identity)}
            canModerate={isHost && !participant.isLocal}
            busy={busy}
            onMute={(trackSid) => void run(() => api.mute(participant.identity, trackSid))}
            onRemove={() => setRemoving(participant)}
            onMakeCohost={() => void run(() => host.makeCohost(participant.identity))}
          />
        ))}
      </ul>
      {removing && (
        <ConfirmDialog
          title="Remove from the meeting?"
          message={`${removing.name || removing.identity} will be disconnected from this meeting.`}
          confirmLabel="Remove"
          busy={busy}
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            void run(() => api.remove(removing.identity)).then(() => setRemoving(null))
          }
        />
      )}
    </>
  );
}

interface RowProps {
  participant: Participant;
  cohost: boolean;
  canModerate: boolean;
  busy: boolean;
  onMute: (trackSid: string | undefined) => void;
  onRemove: () => void;
  onMakeCohost: () => void;
}

function PersonRow({
  participant,
  cohost,
  canModerate,
  busy,
  onMute,
  onRemove,
  onMakeCohost,
}: RowProps) {
  const speaking = useIsSpeaking(participant);
  const mic = participant.getTrackPublication(Track.Source.Microphone);
  const { isMuted } = useTrackMutedIndicator({
    participant,
    source: Track.Source.Microphone,
    ...(mic ? { publication: mic } : {}),
  });
  const name = participant.name || participant.identity;

  return (
    <li className={`person ${speaking ? "speaking" : ""}`}>
      <span className="person-name">
        {name}
        {participant.isLocal && <span className="muted"> (you)</span>}
        {cohost && <span className="muted"> · Co-host</span>}
      </span>
      <span className="person-state">
        {speaking && <span className="speaking-dot" title="Speaking" />}
        <span className="muted">{isMuted ? "Muted" : "Mic on"}</span>
      </span>
      {canModerate && (
        <span className="person-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || isMuted}
            onClick={() => onMute(mic?.trackSid)}
          >
            Mute<span className="visually-hidden"> {name}</span>
          </button>
          {!cohost && (
            <button type="button" className="btn btn-small" disabled={busy} onClick={onMakeCohost}>
              Make co-host<span className="visually-hidden"> {name}</span>
            </button>
          )}
          <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={onRemove}>
            Remove<span className="visually-hidden"> {name}</span>
          </button>
        </span>
      )}
    </li>
  );
}
