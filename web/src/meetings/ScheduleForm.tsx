import { type FormEvent, useRef, useState } from "react";
import {
  ApiError,
  type ApiClient,
  errorMessage,
  type ErrorCode,
  type Meeting,
  type MeetingCreate,
  type MeetingUpdate,
  unwrap,
} from "../shared/api";
import { FORM_ERROR, type FieldErrors, toFieldErrors } from "../shared/fieldErrors";
import { localInputToIso, timeZoneLabel, toLocalInput } from "../shared/time";
import { Field, InputField } from "../shared/ui/Field";
import { Segmented } from "../shared/ui/Segmented";
import { parseEmails } from "./emails";
import { WaitingRoomOption } from "./WaitingRoomOption";

interface Props {
  api: ApiClient;
  /** Given: the form edits this meeting (PATCH); else it schedules a new one. */
  meeting?: Meeting | undefined;
  onSaved: (meeting: Meeting) => void;
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
  "maxParticipants",
  "participants",
] as const;

const FIELD_IDS: Record<string, string> = {
  title: "title",
  description: "description",
  startTime: "start",
  endTime: "end",
  durationMinutes: "duration",
  password: "password",
  maxParticipants: "limit",
  participants: "allowlist",
};

// A count typed on a phone's number pad: whole and at least 1.
const WHOLE_NUMBER = { type: "number", min: 1, step: 1, inputMode: "numeric" } as const;

type SaveRefusal =
  | ErrorCode<"/api/meetings", "post">
  | ErrorCode<"/api/meetings/{meeting_id}", "patch">;

const END_MODES = [
  { value: "duration", label: "After a duration" },
  { value: "end", label: "At a time" },
] as const;

const VISIBILITY = [
  { value: "public", label: "Anyone with the link" },
  { value: "allowlist", label: "Only the allowlist" },
] as const;

/** The next half hour from now, as a sensible default start. */
function nextHalfHour(): Date {
  const date = new Date();
  date.setSeconds(0, 0);
  date.setMinutes(date.getMinutes() < 30 ? 30 : 60);
  return date;
}

// A start this far in the past is a mistake, not the moment it took to fill the form.
const PAST_GRACE_MS = 60_000;

/**
 * Schedules a meeting, or edits one. Times are checked here so that the field at
 * fault is marked before a round trip; everything else is the API's to judge: its
 * 422 details are shown beside the fields they name, and focus moves to the first.
 */
export function ScheduleForm({ api, meeting, onSaved, onClose }: Props) {
  const editing = meeting !== undefined;
  const prefix = editing ? "edit" : "schedule";
  const id = (field: string) => `${prefix}-${FIELD_IDS[field] ?? field}`;
  const field = (name: (typeof FIELDS)[number]) => ({ id: id(name), error: errors[name] });
  const initialMinutes = meeting
    ? Math.round((Date.parse(meeting.endTime) - Date.parse(meeting.startTime)) / 60_000)
    : 60;
  const [title, setTitle] = useState(meeting?.title ?? "");
  const [description, setDescription] = useState(meeting?.description ?? "");
  const [start, setStart] = useState(() =>
    toLocalInput(meeting ? new Date(meeting.startTime) : nextHalfHour()),
  );
  const [endMode, setEndMode] = useState<"duration" | "end">("duration");
  const [duration, setDuration] = useState(String(initialMinutes));
  const [end, setEnd] = useState(meeting ? toLocalInput(new Date(meeting.endTime)) : "");
  const [isPublic, setIsPublic] = useState(meeting?.isPublic ?? true);
  const [password, setPassword] = useState(meeting?.password ?? "");
  const [limit, setLimit] = useState(meeting?.maxParticipants?.toString() ?? "");
  const [waitingRoom, setWaitingRoom] = useState(meeting?.waitingRoom ?? false);
  const [allowlist, setAllowlist] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // The inputs hold whole minutes: a time left as it was keeps its exact stored
  // value, so saving a form without touching the times does not move the meeting.
  const startUnchanged = meeting !== undefined && start === toLocalInput(new Date(meeting.startTime));
  const startIso = startUnchanged ? meeting.startTime : localInputToIso(start);
  const endUnchanged =
    meeting !== undefined && endMode === "end" && end === toLocalInput(new Date(meeting.endTime));
  const endIso = endUnchanged
    ? meeting.endTime
    : endMode === "end"
      ? localInputToIso(end)
      : startIso && duration !== "" && Number.isFinite(Number(duration))
        ? new Date(Date.parse(startIso) + Number(duration) * 60_000).toISOString()
        : null;

  /** Mistakes in the times, found without asking the API. */
  const checkTimes = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!startIso) found.startTime = "Enter the date and time it starts.";
    else if (!startUnchanged && Date.parse(startIso) < Date.now() - PAST_GRACE_MS) {
      found.startTime = "This time has already passed. Pick a start from now on.";
    }
    if (endMode === "end") {
      if (!localInputToIso(end)) found.endTime = "Enter the date and time it ends.";
      else if (startIso && endIso && Date.parse(endIso) <= Date.parse(startIso)) {
        found.endTime = "End time must be after start time.";
      }
    }
    return found;
  };

  const buildRequest = (startTime: string): MeetingCreate => {
    const body: MeetingCreate = { title: title.trim(), isPublic, startTime };
    if (description.trim()) body.description = description.trim();
    if (endMode === "end") {
      if (endIso) body.endTime = endIso;
    } else if (duration !== "") {
      body.durationMinutes = Number(duration);
    }
    if (password) body.password = password;
    if (limit !== "") body.maxParticipants = Number(limit);
    if (waitingRoom) body.waitingRoom = true;
    const emails = isPublic ? [] : parseEmails(allowlist);
    if (emails.length) body.participants = emails.map((email) => ({ email }));
    return body;
  };

  /** Only what changed, so a PATCH never rewrites fields the organiser left alone. */
  const buildChanges = (current: Meeting): MeetingUpdate => {
    const changes: MeetingUpdate = {};
    if (title.trim() !== current.title) changes.title = title.trim();
    const newDescription = description.trim() || null;
    if (newDescription !== (current.description ?? null)) changes.description = newDescription;
    if (startIso && Date.parse(startIso) !== Date.parse(current.startTime)) {
      changes.startTime = startIso;
    }
    if (endIso && Date.parse(endIso) !== Date.parse(current.endTime)) changes.endTime = endIso;
    if (isPublic !== current.isPublic) changes.isPublic = isPublic;
    if (password !== current.password) changes.password = password;
    const newLimit = limit === "" ? null : Number(limit);
    if (newLimit !== current.maxParticipants) changes.maxParticipants = newLimit;
    if (waitingRoom !== current.waitingRoom) changes.waitingRoom = waitingRoom;
    return changes;
  };

  const focusFirst = (found: FieldErrors) => {
    const first = FIELDS.find((f) => found[f] && FIELD_IDS[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#${id(first)}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const timeErrors = checkTimes();
    if (Object.keys(timeErrors).length) {
      setErrors(timeErrors);
      focusFirst(timeErrors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      if (meeting) {
        const changes = buildChanges(meeting);
        const params = { path: { meeting_id: meeting.id } };
        onSaved(
          Object.keys(changes).length
            ? await unwrap(api.PATCH("/api/meetings/{meeting_id}", { params, body: changes }))
            : meeting,
        );
      } else if (startIso) {
        onSaved(await unwrap(api.POST("/api/meetings", { body: buildRequest(startIso) })));
      }
    } catch (err) {
      const code = err instanceof ApiError ? (err.code as SaveRefusal) : null;
      const invalid = code === "validation_error" || code === "invalid_time_range";
      const found =
        err instanceof ApiError && invalid && err.details.length
          ? toFieldErrors(err.details, FIELDS, (_, index) => parseEmails(allowlist)[index])
          : err instanceof ApiError && code === "invalid_time_range"
            ? // Without details it is the end: in the past, or not after the start.
              { [endMode === "end" ? "endTime" : "durationMinutes"]: err.message }
            : { [FORM_ERROR]: errorMessage(err) };
      setErrors(found);
      focusFirst(found);
    } finally {
      setBusy(false);
    }
  };

  const nobodyInvited = !editing && !isPublic && parseEmails(allowlist).length === 0;
  const zone = timeZoneLabel(startIso ? new Date(startIso) : new Date());

  return (
    <form
      id={`${prefix}-form`}
      ref={formRef}
      className={editing ? "schedule-form" : "card schedule-form"}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${prefix}-heading`}
    >
      <h2 id={`${prefix}-heading`}>{meeting ? `Edit “${meeting.title}”` : "Schedule a meeting"}</h2>
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
        <InputField
          {...field("title")}
          label="Title"
          type="text"
          value={title}
          maxLength={200}
          onValue={setTitle}
        />
        <InputField
          {...field("description")}
          label="Description (optional)"
          type="text"
          value={description}
          onValue={setDescription}
        />
        <InputField
          {...field("startTime")}
          label="Starts"
          hint={`Your time zone: ${zone}.`}
          type="datetime-local"
          value={start}
          onValue={setStart}
        />

        <fieldset className="field">
          <legend>Ends</legend>
          <Segmented
            name={`${prefix}-end-mode`}
            options={END_MODES}
            value={endMode}
            onChange={(mode) => {
              if (mode === "end" && !end && endIso) setEnd(toLocalInput(new Date(endIso)));
              setEndMode(mode);
            }}
          />
          {endMode === "duration" ? (
            <InputField
              {...field("durationMinutes")}
              label="Duration in minutes"
              {...WHOLE_NUMBER}
              max={1440}
              value={duration}
              onValue={setDuration}
            />
          ) : (
            <InputField
              {...field("endTime")}
              label="End time"
              type="datetime-local"
              value={end}
              onValue={setEnd}
            />
          )}
        </fieldset>

        <fieldset className="field">
          <legend>Who can join</legend>
          <Segmented
            name={`${prefix}-visibility`}
            options={VISIBILITY}
            value={isPublic ? "public" : "allowlist"}
            onChange={(choice) => setIsPublic(choice === "public")}
          />
          {errors.isPublic && <span className="field-error">{errors.isPublic}</span>}
          {editing && !isPublic && (
            <span className="field-hint">The allowlist is managed in the meeting’s details.</span>
          )}
        </fieldset>

        <InputField
          {...field("password")}
          label={editing ? "Password" : "Password (optional)"}
          hint={
            editing
              ? "Changing it changes the join link: send the new invitation."
              : "Leave empty and one is generated. At least 4 characters, no spaces."
          }
          type="text"
          autoComplete="off"
          value={password}
          onValue={setPassword}
        />
        <InputField
          {...field("maxParticipants")}
          label="Participant limit (optional)"
          hint="Empty: no limit."
          {...WHOLE_NUMBER}
          max={10000}
          value={limit}
          onValue={setLimit}
        />
        <WaitingRoomOption id={id("waitingRoom")} checked={waitingRoom} onChange={setWaitingRoom} />
        {!editing && !isPublic && (
          <Field
            {...field("participants")}
            label="Allowlist emails"
            hint="One per line, or separated by commas. Only these people can join."
          >
            <textarea rows={3} value={allowlist} onChange={(e) => setAllowlist(e.target.value)} />
          </Field>
        )}
        {nobodyInvited && (
          <p className="alert alert-warning form-wide" role="status">
            Nobody is invited yet: no guest can join a private meeting until their email is on
            its allowlist. Add emails here, or later in the meeting’s details.
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {editing ? (busy ? "Saving…" : "Save changes") : busy ? "Scheduling…" : "Schedule"}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
