// Maps the API's 422 details onto form fields. loc is ["body", field, ...];
// a model-level check (loc ["body"]) names fields in its message, so it is
// attached to the field the message names first, else to the form.
import type { ValidationDetail } from "./api";

export type FieldErrors = Record<string, string>;
export const FORM_ERROR = "_form";

/** `itemLabel` names list entries, e.g. the email at participants[2]. */
export function toFieldErrors(
  details: ValidationDetail[],
  fields: readonly string[],
  itemLabel: (field: string, index: number) => string | undefined = () => undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  };
  for (const detail of details) {
    const path = detail.loc[0] === "body" ? detail.loc.slice(1) : detail.loc;
    const message = isMissing(detail) ? "Required." : cleanMessage(detail.msg);
    const [field, ...rest] = path;
    if (typeof field === "string" && fields.includes(field)) {
      add(field, rest.length ? `${describePath(field, rest, itemLabel)}: ${message}` : message);
    } else {
      add(firstNamed(detail.msg, fields) ?? FORM_ERROR, message);
    }
  }
  return errors;
}

// An empty required text is "String should have at least 1 character" to
// pydantic; to a person it is simply missing.
function isMissing(detail: ValidationDetail): boolean {
  return (
    detail.type === "missing" ||
    (detail.type === "string_too_short" && /at least 1 character/.test(detail.msg))
  );
}

function firstNamed(msg: string, fields: readonly string[]): string | undefined {
  const found = fields
    .map((name) => ({ name, at: msg.search(new RegExp(`\\b${name}\\b`)) }))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at);
  return found[0]?.name;
}

// "Value error, endTime must be after startTime" → "End time must be after start time."
function cleanMessage(msg: string): string {
  const text = msg
    .replace(/^Value error, /, "")
    .replace(/\b([a-z]+)([A-Z][a-z]+)\b/g, (_, head: string, tail: string) => `${head} ${tail.toLowerCase()}`);
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".");
}

// participants → [2, "email"] becomes the entry's own label, else "Entry 3".
function describePath(
  field: string,
  rest: (string | number)[],
  itemLabel: (field: string, index: number) => string | undefined,
): string {
  const index = rest.find((part): part is number => typeof part === "number");
  if (index === undefined) return rest.join(".");
  return itemLabel(field, index) ?? `Entry ${index + 1}`;
}
