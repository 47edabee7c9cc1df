// The admin key lives in sessionStorage: asked once per browser session,
// gone when the tab closes.
const KEY = "lkmeet.adminKey";

export function loadAdminKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveAdminKey(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function clearAdminKey(): void {
  sessionStorage.removeItem(KEY);
}
