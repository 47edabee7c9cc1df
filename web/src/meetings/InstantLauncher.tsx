import { type FormEvent, type Ref, useState } from "react";
import {
  type ApiClient,
  errorMessage,
  type Meeting,
  type InstantMeetingCreate,
  unwrap,
} from "../shared/api";
import { WaitingRoomOption } from "./WaitingRoomOption";

interface Props {
  api: ApiClient;
  onLaunched: (meeting: Meeting) => void;
  buttonRef: Ref<HTMLButtonElement>;
}

/** A meeting that is live now, with the API's default length; the title is optional. */
export function InstantLauncher({ api, onLaunched, buttonRef }: Props) {
  const [title, setTitle] = useState("");
  const [waitingRoom, setWaitingRoom] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const launch = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = title.trim();
      const body: InstantMeetingCreate = name ? { title: name } : {};
      if (waitingRoom) body.waitingRoom = true;
      onLaunched(await unwrap(api.POST("/api/meetings/instant", { body })));
      setTitle("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="instant-form" onSubmit={(e) => void launch(e)} noValidate>
      <label htmlFor="instant-title" className="visually-hidden">
        Instant meeting title (optional)
      </label>
      <input
        id="instant-title"
        type="text"
        maxLength={200}
        placeholder="Instant meeting title (optional)"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        aria-describedby={error ? "instant-error" : undefined}
      />
      <button ref={buttonRef} type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? "Starting…" : "Start an instant meeting"}
      </button>
      <WaitingRoomOption id="instant-waiting-room" checked={waitingRoom} onChange={setWaitingRoom} />
      {error && (
        <p id="instant-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
