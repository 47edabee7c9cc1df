import type { LayoutChoice } from "./layout";

const CHOICES: { value: LayoutChoice; label: string }[] = [
  { value: "grid", label: "Grid" },
  { value: "speaker", label: "Speaker" },
];

/** Grid or speaker view; the choice is kept across reloads by the caller. */
export function LayoutMenu({ value, onChange }: { value: LayoutChoice; onChange: (v: LayoutChoice) => void }) {
  return (
    <div className="layout-menu" role="group" aria-label="Layout">
      {CHOICES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          className="btn btn-small"
          aria-pressed={value === choice.value}
          onClick={() => onChange(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
