// Remembers, per room and for this tab only, who joined and with which
// devices, so a reload of a link that carries the password rejoins at once.

export interface MediaChoices {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId: string;
  videoDeviceId: string;
}

export interface SavedJoin {
  name: string;
  email: string;
  choices: MediaChoices;
  /** True while the guest is in the meeting; leaving clears it. */
  inMeeting: boolean;
}

const key = (roomName: string) => `lkmeet.join.${roomName}`;
const NAME_KEY = "lkmeet.name";

export function loadSavedJoin(roomName: string): SavedJoin | null {
  try {
    const raw = sessionStorage.getItem(key(roomName));
    return raw ? (JSON.parse(raw) as SavedJoin) : null;
  } catch {
    return null;
  }
}

export function saveJoin(roomName: string, saved: SavedJoin): void {
  sessionStorage.setItem(key(roomName), JSON.stringify(saved));
  sessionStorage.setItem(NAME_KEY, saved.name);
}

export function markLeft(roomName: string): void {
  const saved = loadSavedJoin(roomName);
  if (saved) saveJoin(roomName, { ...saved, inMeeting: false });
}

/** The name last used in this tab, in any room, to prefill the form. */
export function lastName(): string {
  return sessionStorage.getItem(NAME_KEY) ?? "";
}
