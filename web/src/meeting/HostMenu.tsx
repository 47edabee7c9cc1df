import "./host.css";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "../shared/api";
import type { Extension, HostApi } from "./hostApi";

const EXTENSIONS: Extension[] = [15, 30];

interface Props {
  api: HostApi;
  locked: boolean;
}

/**
 * The host's tools for the whole meeting, behind one "Host tools" button (a
 * disclosure, so it fits a phone's header): mute everyone, lock or unlock, extend.
 * Escape closes it and gives focus back to the button.
 */
export function HostMenu({ api, locked }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // Each tool runs one call and says what it did.
  const tools: { key: string; label: string; action: () => Promise<string> }[] = [
    {
      key: "mute",
      label: "Mute everyone",
      action: async () => {
        const { mutedIdentities } = await api.muteEveryone();
        const n = mutedIdentities.length;
        return n === 0 ? "Nobody needed muting." : `Muted ${n === 1 ? "1 person" : `${n} people`}.`;
      },
    },
    {
      // One key for both labels: the button stays (and keeps focus) as it flips.
      key: "lock",
      label: locked ? "Unlock meeting" : "Lock meeting",
      action: async () => {
        const now = await api.setLocked(!locked);
        return now.locked ? "Locked: no one new can join." : "Unlocked.";
      },
    },
    ...EXTENSIONS.map((minutes) => ({
      key: `extend-${minutes}`,
      label: `Extend ${minutes} min`,
      action: async () => (await api.extend(minutes), `Extended by ${minutes} minutes.`),
    })),
  ];

  return (
    <div className="host-menu">
      <button
        ref={button}
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((now) => !now)}
      >
        Host tools
      </button>
      <div id={panelId} className="host-menu-panel" role="group" aria-label="Host tools" hidden={!open}>
        {tools.map((tool) => (
          <button
            key={tool.key}
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void run(tool.action)}
          >
            {tool.label}
          </button>
        ))}
        <p className="host-menu-status" role="status">
          {done}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
