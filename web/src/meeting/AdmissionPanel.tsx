import type { Room } from "livekit-client";
import { useMemo } from "react";
import "./admission.css";
import { admissionApi } from "./admissionApi";
import type { TokenSource } from "./participantApi";
import { useAdmissions } from "./useAdmissions";

interface Props {
  room: Room;
  roomName: string;
  token: TokenSource;
}

/** For hosts: who is waiting to be let in, with Admit and Deny. */
export function AdmissionPanel({ room, roomName, token }: Props) {
  const api = useMemo(() => admissionApi(roomName, token), [roomName, token]);
  const { waiting, announcement, error, busy, decide } = useAdmissions(room, api);
  const all = waiting.map((guest) => guest.id);

  return (
    <>
      {/* Always present, so screen readers announce what is put in it. */}
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {waiting.length > 0 && (
        <section className="admission-panel" aria-labelledby="admission-heading">
          <h2 id="admission-heading">
            Waiting to join <span className="badge">{waiting.length}</span>
          </h2>
          <ul>
            {waiting.map((guest) => (
              <li key={guest.id} className="admission-request">
                <div className="admission-who">
                  <span className="admission-name">{guest.name}</span>
                  {guest.email && <span className="admission-email">{guest.email}</span>}
                </div>
                <div className="admission-actions">
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={busy}
                    aria-label={`Admit ${guest.name}`}
                    onClick={() => void decide([guest.id], "admit")}
                  >
                    Admit
                  </button>
                  <button
                    type="button"
                    className="btn"
                    disabled={busy}
                    aria-label={`Deny ${guest.name}`}
                    onClick={() => void decide([guest.id], "deny")}
                  >
                    Deny
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {waiting.length > 1 && (
            <div className="admission-actions admission-all">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => void decide(all, "admit")}
              >
                Admit all
              </button>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => void decide(all, "deny")}
              >
                Deny all
              </button>
            </div>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </>
  );
}
