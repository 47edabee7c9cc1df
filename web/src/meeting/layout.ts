// Which layout the stage uses, and whose video takes the stage.

export type LayoutChoice = "grid" | "speaker";

const KEY = "lkmeet.layout";

export function loadLayout(storage: Pick<Storage, "getItem"> | undefined): LayoutChoice {
  try {
    return storage?.getItem(KEY) === "speaker" ? "speaker" : "grid";
  } catch {
    return "grid";
  }
}

export function saveLayout(storage: Pick<Storage, "setItem"> | undefined, choice: LayoutChoice): void {
  try {
    storage?.setItem(KEY, choice);
  } catch {
    // storage denied: the choice lasts until the page closes
  }
}

export interface FocusInput {
  layout: LayoutChoice;
  /** Identities in the call, the local participant's included. */
  present: readonly string[];
  localIdentity: string;
  pinned: string | null;
  /** Who shares a screen (the first one found), if anyone. */
  sharing: string | null;
  /** The latest active speaker, kept through silences. */
  speaker: string | null;
}

export type Focus =
  | { kind: "none" }
  | { kind: "screen"; identity: string }
  | { kind: "camera"; identity: string };

/**
 * What takes the stage: a pinned camera wins, then a screen share, then, in the
 * speaker view, the latest speaker (someone else when nobody has spoken yet).
 * The grid with nothing pinned or shared has no focus.
 */
export function chooseFocus(input: FocusInput): Focus {
  const here = new Set(input.present);
  if (input.pinned && here.has(input.pinned)) return { kind: "camera", identity: input.pinned };
  if (input.sharing && here.has(input.sharing)) return { kind: "screen", identity: input.sharing };
  if (input.layout === "grid") return { kind: "none" };
  if (input.speaker && here.has(input.speaker)) return { kind: "camera", identity: input.speaker };
  const other = input.present.find((identity) => identity !== input.localIdentity);
  const identity = other ?? input.present[0];
  return identity ? { kind: "camera", identity } : { kind: "none" };
}
