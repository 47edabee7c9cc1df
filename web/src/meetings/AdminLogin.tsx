import { type FormEvent, useState } from "react";
import { ApiError, apiClient, type ErrorCode, errorMessage, unwrap } from "../shared/api";
import { InputField } from "../shared/ui/Field";

interface Props {
  notice: string | null;
  onLogin: (key: string) => void;
}

/** Checks the key against the API before keeping it, so a typo is caught here. */
export function AdminLogin({ notice, onLogin }: Props) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = value.trim();
    if (!key) {
      setError("Enter the admin key.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        apiClient({ bearer: () => key }).GET("/api/meetings", { params: { query: { limit: 1 } } }),
      );
      onLogin(key);
    } catch (err) {
      setError(
        err instanceof ApiError &&
          (err.code as ErrorCode<"/api/meetings", "get">) === "admin_key_invalid"
          ? "That admin key is not right."
          : errorMessage(err),
      );
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <p className="login-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          LiveKit Meet
        </p>
        <h1>Meetings dashboard</h1>
        <p className="muted">
          Enter the admin key. It is kept for this browser tab only.
        </p>
        {notice && (
          <p className="alert alert-info" role="status">
            {notice}
          </p>
        )}
        <InputField
          id="admin-key"
          label="Admin key"
          error={error ?? undefined}
          alert
          type="password"
          autoComplete="current-password"
          value={value}
          onValue={setValue}
          // The page asks for this one thing: the key is typed at once.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
