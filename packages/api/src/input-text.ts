/**
 * The one rule every string entering the API obeys, checked before any schema or procedure:
 * no control characters (C0 except tab, line feed and carriage return; DEL; C1) — PostgreSQL
 * refuses NUL in text outright, and the others only ever arrive by accident or attack — no half of
 * a surrogate pair (JSON can escape one, "\ud800"; it is not Unicode text, and PostgreSQL's json
 * refuses it where an audit row carries the value), and no string (or object key) longer than
 * MAX_TEXT_LENGTH. Field schemas then apply their own, tighter limits. Nothing is stripped: a
 * refused value names its field, so the caller can fix it. Dates (superjson revives them) get the
 * same treatment for the one way they fail in the database: a year outside 1–9999.
 */
export const MAX_TEXT_LENGTH = 10_000;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** How a refused key is shown in the field's name: what made it refusable becomes "?". */
const UNPRINTABLE = new RegExp(`${CONTROL_CHARACTER.source}|${LONE_SURROGATE.source}`, "g");
const MAX_DEPTH = 32;

export interface TextProblem {
  /** Dotted input path of the offending value ("" for the input itself). */
  field: string;
  message: string;
}

export function textProblem(value: string): string | null {
  if (CONTROL_CHARACTER.test(value)) return "must not contain control characters (such as NUL)";
  if (LONE_SURROGATE.test(value)) return "must be Unicode text (it holds half of a surrogate pair)";
  if (value.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  return null;
}

/**
 * Before year 1 the driver writes a date PostgreSQL cannot read ("00-1-01-01"), year 0 it refuses
 * as out of range, and no date the product deals in lies past 9999 (ISO 8601's four digits). An
 * invalid date is left to the field's schema, which names it.
 */
export function dateProblem(value: Date): string | null {
  const year = value.getUTCFullYear();
  return year < 1 || year > 9999 ? "must be a date between the years 1 and 9999" : null;
}

/** The first string in `input` (values and keys, depth-first) that breaks the rule, or null. */
export function findTextProblem(input: unknown, path: readonly string[] = []): TextProblem | null {
  const field = path.join(".");
  if (typeof input === "string") {
    const message = textProblem(input);
    return message === null ? null : { field, message };
  }
  if (input instanceof Date) {
    const message = dateProblem(input);
    return message === null ? null : { field, message };
  }
  if (input === null || typeof input !== "object") return null;
  if (path.length >= MAX_DEPTH) return { field, message: "is nested too deeply" };
  if (Array.isArray(input)) {
    for (const [index, item] of input.entries()) {
      const found = findTextProblem(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (Object.getPrototypeOf(input) !== Object.prototype && Object.getPrototypeOf(input) !== null) return null;
  for (const [key, item] of Object.entries(input)) {
    const keyProblem = textProblem(key);
    if (keyProblem !== null) return { field: [...path, key.replace(UNPRINTABLE, "?").slice(0, 64)].join("."), message: `has a key that ${keyProblem}` };
    const found = findTextProblem(item, [...path, key]);
    if (found) return found;
  }
  return null;
}
