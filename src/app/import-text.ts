/**
 * Records the store cannot hold are rejected before they are written, never cut: a
 * value past a column's range (`out-of-range`, core/import/store-limits.ts) and the NUL
 * character (U+0000), which PostgreSQL keeps neither in `text` nor in a `jsonb` string
 * (`nul-character`). The copy of a rejected row kept for the rejects export, and a
 * message that quotes a cell, show NUL as U+FFFD, so that the reject can be stored.
 */
import type { ImportReject, ImportRow } from "./ports/import.js";
import { storeLimitError } from "../core/import/store-limits.js";

const NUL = "\u0000";

/** Whether a string field of a (flat) record holds NUL; a loop, since it runs for every row. */
function holdsNul(record: object | null): boolean {
  if (record === null) return false;
  const fields = record as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value === "string" && value.includes(NUL)) return true;
  }
  return false;
}

/**
 * The row, or a reject when the store cannot hold its record or student. Sources that
 * know the column check it themselves (csv-import-source.ts, canonical-csv.ts); this is
 * the net for the others, so the reject names the value's data-v1 column, not its place.
 */
export function refuseUnstorable(row: ImportRow): ImportRow | ImportReject {
  if (row.storable === true) return row;
  const reject = (code: string, message: string): ImportReject => {
    const { line, original } = row;
    return { kind: "reject", line, column: 0, path: null, code, message, original };
  };
  if (holdsNul(row.record.record) || holdsNul(row.student))
    return reject("nul-character", "a value holds a NUL character (U+0000), which is not text");
  const limit = storeLimitError(row.record);
  return limit === null ? row : reject("out-of-range", limit.message);
}

/** Text as it can be stored: NUL shown as U+FFFD. */
export const storableText = (text: string): string =>
  text.includes(NUL) ? text.replaceAll(NUL, "\uFFFD") : text;

/** The JSON of a kept row as it can be stored in `jsonb` (`\u0000` escapes shown as U+FFFD). */
export function storableJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const json = JSON.stringify(value);
  return json.includes("\\u0000") ? json.replaceAll("\\u0000", "\\ufffd") : json;
}
