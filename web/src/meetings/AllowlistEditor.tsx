import { type FormEvent, useEffect, useState } from "react";
import {
  ApiError,
  type ApiClient,
  type ErrorCode,
  errorMessage,
  type Invitee,
  unwrap,
} from "../shared/api";
import { toFieldErrors } from "../shared/fieldErrors";
import { InputField } from "../shared/ui/Field";
import { parseEmails } from "./emails";

interface Props {
  api: ApiClient;
  meetingId: string;
  isPublic: boolean;
}

/** Shows the allowlist and adds or removes emails on it. */
export function AllowlistEditor({ api, meetingId, isPublic }: Props) {
  const [list, setList] = useState<Invitee[] | null>(null);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    const path = { meeting_id: meetingId };
    unwrap(api.GET("/api/meetings/{meeting_id}/participants", { params: { path } })).then(
      (body) => current && setList(body.participants),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, meetingId]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const emails = parseEmails(draft);
    if (!emails.length) {
      setError("Enter at least one email.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = await unwrap(
        api.POST("/api/meetings/{meeting_id}/participants", {
          params: { path: { meeting_id: meetingId } },
          body: { participants: emails.map((email) => ({ email })) },
        }),
      );
      setList(body.participants);
      setDraft("");
    } catch (err) {
      const fields =
        err instanceof ApiError &&
        (err.code as ErrorCode<"/api/meetings/{meeting_id}/participants", "post">) ===
          "validation_error"
          ? toFieldErrors(err.details, ["participants"], (_, i) => emails[i])
          : {};
      setError(fields.participants ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (email: string) => {
    setError(null);
    try {
      await unwrap(
        api.DELETE("/api/meetings/{meeting_id}/participants", {
          params: { path: { meeting_id: meetingId }, query: { email } },
        }),
      );
      setList((current) => current?.filter((i) => i.email !== email) ?? null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="allowlist-heading">
      <h3 id="allowlist-heading">Allowlist</h3>
      {isPublic && (
        <p className="muted">This meeting is public: the allowlist is not checked when joining.</p>
      )}
      {list && list.length === 0 && <p className="muted">No one is on the list.</p>}
      {list && list.length > 0 && (
        <ul className="allowlist">
          {list.map((invitee) => (
            <li key={invitee.email}>
              <span>
                {invitee.email}
                {invitee.name && <span className="muted"> ({invitee.name})</span>}
              </span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void remove(invitee.email)}
              >
                Remove<span className="visually-hidden"> {invitee.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="allowlist-add" onSubmit={add} noValidate>
        <InputField
          id="allowlist-add"
          label="Add emails"
          error={error ?? undefined}
          alert
          type="text"
          inputMode="email"
          placeholder="name@example.com, other@example.com"
          value={draft}
          onValue={setDraft}
        />
        <button type="submit" className="btn btn-small" disabled={busy}>
          Add
        </button>
      </form>
    </section>
  );
}
