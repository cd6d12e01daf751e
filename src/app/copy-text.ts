/**
 * PostgreSQL COPY text format, for `SqlRunner.copyFrom`: a field is its text with
 * backslash, tab, newline and carriage return escaped; null is `\N`.
 */
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function copyField(value: string | number | bigint | boolean | null): string {
  if (value === null) return "\\N";
  if (typeof value !== "string") return String(value);
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

/** One row: its fields escaped, tab-separated, ending in a newline. */
export function copyLine(values: readonly (string | number | bigint | boolean | null)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : "\t") + copyField(values[i] ?? null);
  return `${line}\n`;
}

const CSV_SPECIAL = /[",\n\r]/;

/**
 * A field in COPY's CSV format: null is an empty field; text that is empty or holds a
 * comma, quote or line break is quoted, its quotes doubled.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  return value === "" || CSV_SPECIAL.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
