// Keyboard shortcuts of the call. Ctrl (Cmd on a Mac) with a letter, as other
// meeting apps use them; never while the person types in a field.

export type ShortcutAction = "microphone" | "camera" | "help";

export interface Shortcut {
  action: ShortcutAction;
  keys: string;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "microphone", keys: "Ctrl/⌘ + E", description: "Turn the microphone on or off" },
  { action: "camera", keys: "Ctrl/⌘ + D", description: "Turn the camera on or off" },
  { action: "help", keys: "?", description: "Show these shortcuts" },
];

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
}

/** True when keys typed go into a field (text input, textarea, select, editable). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as TargetLike | null;
  if (!el || typeof el.tagName !== "string") return false;
  if (el.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName.toUpperCase());
}

/** The action a key press asks for, or null. */
export function matchShortcut(event: KeyInput): ShortcutAction | null {
  if (isTyping(event.target) || event.altKey) return null;
  const command = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (command && !event.shiftKey) {
    if (key === "e") return "microphone";
    if (key === "d") return "camera";
    return null;
  }
  // "?" is Shift+/ on most layouts.
  if (!command && event.key === "?") return "help";
  return null;
}
