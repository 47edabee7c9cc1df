import { useState } from "react";
import { errorMessage } from "../shared/api";
import type { Meeting } from "../shared/types";
import type { AdminApi } from "./adminApi";

interface Props {
  api: AdminApi;
  onLaunched: (meeting: Meeting) => void;
}

/** One click: a meeting that is live now, with the API's default title and length. */
export function InstantLauncher({ api, onLaunched }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const launch = async () => {
    setBusy(true);
    setError(null);
    try {
      onLaunched(await api.launchInstant({}));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => void launch()} disabled={busy}>
        {busy ? "Starting…" : "Start an instant meeting"}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
