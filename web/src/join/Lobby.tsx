import { type FormEvent, useEffect, useRef, useState } from "react";
import type { FieldErrors } from "../shared/fieldErrors";
import { formatDateTime } from "../shared/time";
import type { RoomInfo } from "../shared/api";
import { InputField } from "../shared/ui/Field";
import { Countdown, JoinOpens } from "./Countdown";
import { DevicePreview } from "./DevicePreview";
import type { JoinProblem } from "./joinErrors";
import type { JoinLink } from "./joinLink";
import type { MediaChoices } from "./joinSession";
import { useNow } from "./useNow";

export interface JoinInputs {
  name: string;
  email: string;
  password: string;
  choices: MediaChoices;
}

export interface JoinRefusal {
  problem?: JoinProblem;
  fieldErrors?: FieldErrors;
}

interface Props {
  room: RoomInfo;
  link: JoinLink;
  initial: JoinInputs;
  /** Why an automatic rejoin was refused, shown as if the guest had tried. */
  initialRefusal?: JoinRefusal | undefined;
  /** Resolves to why joining was refused; on success the page moves on. */
  onJoin: (inputs: JoinInputs) => Promise<JoinRefusal>;
}

// When the server still says "not yet" after the window should be open
// (clocks differ), ask again this often.
const NOT_STARTED_RETRY_MS = 15_000;
export function Lobby({ room, link, initial, initialRefusal, onJoin }: Props) {
  const [name, setName] = useState(initial.name);
  const [email, setEmail] = useState(initial.email);
  const [password, setPassword] = useState(initial.password);
  const [choices, setChoices] = useState(initial.choices);
  const [askPassword, setAskPassword] = useState(
    !link.password || initialRefusal?.problem?.kind === "password",
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<JoinProblem | null>(initialRefusal?.problem ?? null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(initialRefusal?.fieldErrors ?? {});
  // Known from the start time alone, so a guest who is early learns it before typing.
  const expectedOpen = room.status === "SCHEDULED" ? new Date(room.joinOpensAt) : null;
  const [early, setEarly] = useState(() => expectedOpen !== null && expectedOpen.getTime() > Date.now());
  const waiting = early || problem?.kind === "not-started" || problem?.kind === "too-many";
  const now = useNow(waiting);
  if (early && expectedOpen && now >= expectedOpen.getTime()) setEarly(false);
  const form = useRef<HTMLFormElement>(null);
  // A host key stands in for the allowlist of a private meeting.
  const needsEmail = !room.isPublic && !link.hostKey;

  const attempt = async (auto: boolean) => {
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = "Enter your name.";
    if (needsEmail && !email.trim()) errors.email = "Enter the email you were invited with.";
    if (!password) errors.password = "Enter the meeting password.";
    if (Object.keys(errors).length) {
      setFieldErrors(errors);
      if (errors.password) setAskPassword(true);
      return;
    }
    setBusy(true);
    if (!auto) setProblem(null);
    setFieldErrors({});
    const refusal = await onJoin({ name: name.trim(), email: email.trim(), password, choices });
    setBusy(false);
    setProblem(refusal.problem ?? null);
    setFieldErrors(refusal.fieldErrors ?? {});
    if (refusal.problem?.kind === "password" || refusal.fieldErrors?.password) setAskPassword(true);
  };

  // Not started yet: try again by itself once the join window opens. The
  // ref lets the timer effect call the latest attempt with the current inputs.
  const lastTry = useRef(0);
  const latestAttempt = useRef(attempt);
  /* eslint-disable react-hooks/refs -- `now` re-renders this every second, so the
     last try is read fresh enough without being state of its own */
  latestAttempt.current = attempt;
  const opensAt = problem?.kind === "not-started" ? problem.opensAt.getTime() : null;
  const retryAt =
    opensAt === null
      ? null
      : lastTry.current < opensAt
        ? opensAt
        : lastTry.current + NOT_STARTED_RETRY_MS;
  /* eslint-enable react-hooks/refs */
  useEffect(() => {
    if (retryAt === null || busy || now < retryAt) return;
    lastTry.current = Date.now();
    void latestAttempt.current(true);
  }, [retryAt, now, busy]);

  // Take keyboard and screen-reader users to the first field that needs fixing.
  const nameError = fieldErrors.name;
  const emailError = problem?.kind === "not-invited" ? problem.message : fieldErrors.email;
  const passwordError = problem?.kind === "password" ? problem.message : fieldErrors.password;
  useEffect(() => {
    const first = nameError ? "join-name" : emailError ? "join-email" : passwordError ? "join-password" : null;
    if (first) form.current?.querySelector<HTMLInputElement>(`#${first}`)?.focus();
  }, [nameError, emailError, passwordError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    lastTry.current = Date.now();
    void attempt(false);
  };

  const blocked = problem?.kind === "too-many" && now < problem.retryAt.getTime();

  return (
    <main className="lobby">
      <DevicePreview choices={choices} onChange={setChoices} name={name} />
      <form ref={form} className="card join-card" onSubmit={submit} noValidate aria-labelledby="room-title">
        <p className="eyebrow">{link.hostKey ? "Joining as host" : "You are invited to"}</p>
        <h1 id="room-title">{room.title}</h1>
        <RoomWhen room={room} />
        {early && expectedOpen && !problem && <JoinOpens opensAt={expectedOpen} now={now} />}
        <ProblemMessage problem={problem} now={now} />
        <InputField
          id="join-name"
          label="Your name"
          error={nameError}
          type="text"
          autoComplete="name"
          value={name}
          maxLength={100}
          onValue={setName}
        />
        {needsEmail && (
          <InputField
            id="join-email"
            label="Your email"
            hint="This meeting is private: use the email you were invited with."
            error={emailError}
            type="email"
            autoComplete="email"
            value={email}
            onValue={setEmail}
          />
        )}
        {askPassword && (
          <InputField
            id="join-password"
            label="Meeting password"
            error={passwordError}
            type="password"
            autoComplete="off"
            value={password}
            onValue={setPassword}
          />
        )}
        <button type="submit" className="btn btn-primary join-button" disabled={busy || blocked}>
          {busy ? "Joining…" : "Join meeting"}
        </button>
      </form>
    </main>
  );
}

function RoomWhen({ room }: { room: RoomInfo }) {
  if (room.status === "ACTIVE") return <p className="room-when live">Live now</p>;
  return <p className="room-when">Starts {formatDateTime(room.startTime)}</p>;
}

/** Problems not tied to one field; field problems are shown beside the field. */
function ProblemMessage({ problem, now }: { problem: JoinProblem | null; now: number }) {
  if (!problem || problem.kind === "password" || problem.kind === "not-invited") return null;
  if (problem.kind === "not-started") {
    const left = (problem.opensAt.getTime() - now) / 1000;
    // The message is announced once; the countdown only once a minute (see Countdown).
    return (
      <div className="alert alert-info" data-problem={problem.kind}>
        <p role="status">{problem.message}</p>
        <p className="countdown">
          {left > 0 ? (
            <Countdown
              at={problem.opensAt}
              now={now}
              text={(wait) => `You can join in ${wait}. This page will let you in by itself.`}
              spoken={(wait) => `You can join in ${wait}.`}
            />
          ) : (
            "Trying to let you in…"
          )}
        </p>
      </div>
    );
  }
  if (problem.kind === "too-many") {
    const left = (problem.retryAt.getTime() - now) / 1000;
    return (
      <div className="alert alert-error" data-problem={problem.kind}>
        <p role="alert">{problem.message}</p>
        {left > 0 && (
          <p className="countdown">
            <Countdown
              at={problem.retryAt}
              now={now}
              text={(wait) => `Try again in ${wait}.`}
              spoken={(wait) => `Try again in ${wait}.`}
            />
          </p>
        )}
      </div>
    );
  }
  return (
    <p className="alert alert-error" role="alert" data-problem={problem.kind}>
      {problem.message}
    </p>
  );
}
