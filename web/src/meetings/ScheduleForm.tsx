import { type FormEvent, useRef, useState } from "react";
import { ApiError, errorMessage } from "../shared/api";
import { localInputToIso, toLocalInput } from "../shared/time";
import type { Meeting } from "../shared/types";
import { Field } from "../shared/ui/Field";
import type { AdminApi, ScheduleRequest } from "./adminApi";
import { parseEmails } from "./emails";
import { FORM_ERROR, type FieldErrors, toFieldErrors } from "../shared/fieldErrors";

interface Props {
  api: AdminApi;
  onCreated: (meeting: Meeting) => void;
  onClose: () => void;
}

// Body fields the API may report errors on, in the order they appear.
const FIELDS = [
  "title",
  "description",
  "startTime",
  "endTime",
  "durationMinutes",
  "isPublic",
  "password",
  "participants",
] as const;

const FIELD_IDS: Record<string, string> = {
  title: "schedule-title",
  description: "schedule-description",
  startTime: "schedule-start",
  endTime: "schedule-end",
  durationMinutes: "schedule-duration",
  password: "schedule-password",
  participants: "schedule-allowlist",
};

/** The next half hour from now, as a sensible default start. */
function nextHalfHour(): Date {
  const date = new Date();
  date.setSeconds(0, 0);
  date.setMinutes(date.getMinutes() < 30 ? 30 : 60);
  return date;
}

/**
 * Schedules a meeting. The API is the one validator: its 422 details are shown
 * beside the fields they name, and focus moves to the first one.
 */
export function ScheduleForm({ api, onCreated, onClose }: Props) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [start, setStart] = useState(() => toLocalInput(nextHalfHour()));
  const [endMode, setEndMode] = useState<"duration" | "end">("duration");
  const [duration, setDuration] = useState("60");
  const [end, setEnd] = useState("");
  const [isPublic, setIsPublic] = useState(true);
  const [password, setPassword] = useState("");
  const [allowlist, setAllowlist] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const buildRequest = (): ScheduleRequest => {
    const body: ScheduleRequest = { title: title.trim(), isPublic };
    if (description.trim()) body.description = description.trim();
    const startIso = localInputToIso(start);
    if (startIso) body.startTime = startIso;
    if (endMode === "end") {
      const endIso = localInputToIso(end);
      if (endIso) body.endTime = endIso;
    } else if (duration !== "") {
      body.durationMinutes = Number(duration);
    }
    if (password) body.password = password;
    const emails = parseEmails(allowlist);
    if (emails.length) body.participants = emails.map((email) => ({ email }));
    return body;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      onCreated(await api.schedule(buildRequest()));
    } catch (err) {
      const fieldErrors =
        err instanceof ApiError && err.status === 422 && err.details.length
          ? toFieldErrors(err.details, FIELDS, (_, index) => parseEmails(allowlist)[index])
          : { [FORM_ERROR]: errorMessage(err) };
      setErrors(fieldErrors);
      const first = FIELDS.find((f) => fieldErrors[f] && FIELD_IDS[f]);
      if (first) formRef.current?.querySelector<HTMLElement>(`#${FIELD_IDS[first]}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      id="schedule-form"
      ref={formRef}
      className="card schedule-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="schedule-heading"
    >
      <h2 id="schedule-heading">Schedule a meeting</h2>
      {errors[FORM_ERROR] && (
        <p className="alert alert-error" role="alert">
          {errors[FORM_ERROR]}
        </p>
      )}
      {Object.keys(errors).length > 0 && !errors[FORM_ERROR] && (
        <p className="alert alert-error" role="alert">
          Please fix the fields marked below.
        </p>
      )}
      <div className="form-grid">
        <Field id="schedule-title" label="Title" error={errors.title}>
          <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </Field>
        <Field id="schedule-description" label="Description (optional)" error={errors.description}>
          <input type="text" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field id="schedule-start" label="Starts" error={errors.startTime}>
          <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>

        <fieldset className="field">
          <legend>Ends</legend>
          <div className="segmented">
            <label>
              <input
                type="radio"
                name="end-mode"
                checked={endMode === "duration"}
                onChange={() => setEndMode("duration")}
              />
              After a duration
            </label>
            <label>
              <input
                type="radio"
                name="end-mode"
                checked={endMode === "end"}
                onChange={() => setEndMode("end")}
              />
              At a time
            </label>
          </div>
          {endMode === "duration" ? (
            <Field id="schedule-duration" label="Duration in minutes" error={errors.durationMinutes}>
              <input
                type="number"
                min={1}
                max={1440}
                step={1}
                inputMode="numeric"
                value={duration}
                onChange={(e) => setDuration(e.target.value)}
              />
            </Field>
          ) : (
            <Field id="schedule-end" label="End time" error={errors.endTime}>
              <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
            </Field>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>Who can join</legend>
          <div className="segmented">
            <label>
              <input type="radio" name="visibility" checked={isPublic} onChange={() => setIsPublic(true)} />
              Anyone with the link
            </label>
            <label>
              <input
                type="radio"
                name="visibility"
                checked={!isPublic}
                onChange={() => setIsPublic(false)}
              />
              Only the allowlist
            </label>
          </div>
          {errors.isPublic && <span className="field-error">{errors.isPublic}</span>}
        </fieldset>

        <Field
          id="schedule-password"
          label="Password (optional)"
          hint="Leave empty and one is generated. At least 4 characters, no spaces."
          error={errors.password}
        >
          <input
            type="text"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field
          id="schedule-allowlist"
          label="Allowlist emails (optional)"
          hint="One per line, or separated by commas. Private meetings admit only these people."
          error={errors.participants}
        >
          <textarea rows={3} value={allowlist} onChange={(e) => setAllowlist(e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Scheduling…" : "Schedule"}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
