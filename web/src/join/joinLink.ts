// What a join link carries: /join/{roomName}?password=…&host=…
//
// The password and host key leave the address bar as soon as the page has read them
// (history, screenshots and a copied address would otherwise hand them on, and the
// host key grants moderation). They are kept for this tab only, per room, so a reload
// still rejoins.

export interface JoinLink {
  roomName: string;
  password: string;
  hostKey: string;
}

type Credentials = Pick<JoinLink, "password" | "hostKey">;

const SECRET_PARAMS = ["password", "host"] as const;
const storageKey = (roomName: string) => `lkmeet.link.${roomName}`;

function loadCredentials(storage: Storage, roomName: string): Credentials | null {
  try {
    const raw = storage.getItem(storageKey(roomName));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === "object") {
      const { password, hostKey } = parsed as Record<string, unknown>;
      if (typeof password === "string" && typeof hostKey === "string") {
        return { password, hostKey };
      }
    }
  } catch {
    // unreadable: as if nothing was kept
  }
  return null;
}

export function readJoinLink(
  location: Location = window.location,
  storage: Storage = sessionStorage,
  history: History = window.history,
): JoinLink | null {
  const match = /^\/join\/([^/]+)\/?$/.exec(location.pathname);
  if (!match?.[1]) return null;
  let roomName: string;
  try {
    roomName = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const query = new URLSearchParams(location.search);
  if (!SECRET_PARAMS.some((name) => query.has(name))) {
    return { roomName, ...(loadCredentials(storage, roomName) ?? { password: "", hostKey: "" }) };
  }
  const credentials = { password: query.get("password") ?? "", hostKey: query.get("host") ?? "" };
  try {
    storage.setItem(storageKey(roomName), JSON.stringify(credentials));
  } catch {
    // storage full or denied: the link still works for this page load
  }
  for (const name of SECRET_PARAMS) query.delete(name);
  const rest = query.toString();
  history.replaceState(history.state, "", `${location.pathname}${rest ? `?${rest}` : ""}${location.hash}`);
  return { roomName, ...credentials };
}
