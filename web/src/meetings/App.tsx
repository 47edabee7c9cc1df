import { useCallback, useMemo, useState } from "react";
import { apiClient } from "../shared/api";
import { clearAdminKey, loadAdminKey, saveAdminKey } from "./adminKey";
import { AdminLogin } from "./AdminLogin";
import { Dashboard } from "./Dashboard";

/** Asks for the admin key once per browser session, then shows the dashboard. */
export function App() {
  const [key, setKey] = useState(loadAdminKey);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((reason: string | null) => {
    clearAdminKey();
    setKey(null);
    setNotice(reason);
  }, []);

  const api = useMemo(
    () =>
      key
        ? apiClient({
            bearer: () => key,
            onUnauthorized: () => signOut("The admin key was refused. Enter it again."),
          })
        : null,
    [key, signOut],
  );

  if (!api) {
    return (
      <AdminLogin
        notice={notice}
        onLogin={(value) => {
          saveAdminKey(value);
          setNotice(null);
          setKey(value);
        }}
      />
    );
  }
  return <Dashboard api={api} onSignOut={() => signOut(null)} />;
}
