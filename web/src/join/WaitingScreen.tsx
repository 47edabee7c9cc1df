import { useEffect, useRef, useState } from "react";
import { type AdmissionPending, ApiError, type ErrorCode, type TokenResponse } from "../shared/api";
import { pollAdmission, withdrawAdmission } from "./admissionRequest";

interface Props {
  title: string;
  pending: AdmissionPending;
  onAdmitted: (granted: TokenResponse) => void;
  /** Back to the join form (after leaving the queue, or being turned away). */
  onBack: () => void;
}

type PollRefusal = ErrorCode<"/api/admissions/{admission_id}", "get">;
type Outcome = Extract<PollRefusal, "admission_denied" | "admission_expired" | "meeting_over">;

const OUTCOMES: Record<Outcome, { title: string; message: string }> = {
  admission_denied: {
    title: "The host did not let you in",
    message: "Your request to join this meeting was declined.",
  },
  admission_expired: {
    title: "You are no longer waiting",
    message: "Your request to join timed out. Ask to join again.",
  },
  meeting_over: { title: "The meeting is over", message: "This meeting has ended." },
};

// Slower polls after a failure that may pass (network, 5xx, 429), but well inside
// the 30 s after which the service forgets a request nobody polls.
const RETRY_MS = 5_000;

/**
 * A guest waiting for a host: polls the admission request (which keeps it alive),
 * joins by itself once admitted, and says so when turned away. Leaving the page
 * withdraws the request, so hosts stop seeing it.
 */
export function WaitingScreen({ title, pending, onAdmitted, onBack }: Props) {
  const [hostPresent, setHostPresent] = useState(pending.hostPresent);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [trouble, setTrouble] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const admitted = useRef(onAdmitted);

  useEffect(() => {
    admitted.current = onAdmitted;
  }, [onAdmitted]);

  useEffect(() => {
    heading.current?.focus();
  }, [outcome]);

  useEffect(() => {
    const abort = new AbortController();
    let timer = 0;
    let waiting = true;
    const schedule = (ms: number) => {
      timer = window.setTimeout(() => void poll(), ms);
    };
    const poll = async () => {
      try {
        const status = await pollAdmission(pending, abort.signal);
        setTrouble(false);
        if (status.status === "admitted" && status.grant) {
          waiting = false;
          admitted.current(status.grant);
          return;
        }
        setHostPresent(status.hostPresent);
        schedule(status.pollAfterSeconds * 1000);
      } catch (error) {
        if (abort.signal.aborted) return;
        const code = error instanceof ApiError ? (error.code as PollRefusal) : null;
        if (code === "admission_denied" || code === "admission_expired" || code === "meeting_over") {
          waiting = false;
          setOutcome(code);
          return;
        }
        setTrouble(true);
        schedule(RETRY_MS);
      }
    };
    const leave = () => {
      if (waiting) withdrawAdmission(pending);
      waiting = false;
    };
    schedule(pending.pollAfterSeconds * 1000);
    window.addEventListener("pagehide", leave);
    return () => {
      abort.abort();
      window.clearTimeout(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [pending]);

  if (outcome) {
    const text = OUTCOMES[outcome];
    return (
      <main className="status-screen">
        <div className="card status-card" data-outcome={outcome}>
          <h1 ref={heading} tabIndex={-1}>
            {text.title}
          </h1>
          <p role="status">{text.message}</p>
          {outcome !== "meeting_over" && (
            <div className="status-actions">
              <button type="button" className="btn btn-primary" onClick={onBack}>
                Back
              </button>
            </div>
          )}
        </div>
      </main>
    );
  }
  return (
    <main className="status-screen waiting-screen">
      <div className="card status-card">
        <p className="waiting-meeting">{title}</p>
        <h1 ref={heading} tabIndex={-1}>
          Waiting for the host to let you in
        </h1>
        <div className="waiting-pulse" aria-hidden="true" />
        <p role="status" aria-live="polite">
          {hostPresent
            ? "The host knows you are here. You will join as soon as they let you in."
            : "No host is in the meeting yet; you'll join when one arrives."}
        </p>
        {trouble && (
          <p className="field-hint">Having trouble reaching the service; still trying…</p>
        )}
        <div className="status-actions">
          <button type="button" className="btn" onClick={onBack}>
            Leave
          </button>
        </div>
      </div>
    </main>
  );
}
