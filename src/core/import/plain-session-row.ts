/**
 * A canonical session row already in the form the store keeps, so that its CSV text can
 * be loaded as it is (PostgreSQL COPY in CSV format) without decoding it into a record:
 * the eight data-v1 columns in their order, every cell as `decodeSession` would leave
 * it (no space or tab to trim, ids required where data-v1 requires them, the date in
 * the form YYYY-MM-DD, whole numbers in range written with digits only, `attended`
 * spelt true/false or 1/0). Any other row, valid or not, takes the general path, which
 * gives it the same outcome as before (the record, or the reject and its reason).
 *
 * plain-session-row.test.ts checks that a plain row decodes (`decodeSession`) to exactly
 * its cells.
 */
import { SESSION_COLUMNS } from "../data/header.js";
import { parseIsoDate } from "../date.js";

/** True when the header is the canonical session header, name for name, in order. */
export function isPlainSessionHeader(header: readonly string[]): boolean {
  return header.length === SESSION_COLUMNS.length && SESSION_COLUMNS.every((name, i) => header[i] === name);
}

/** No space or tab at either end: `trimCell` leaves the cell as it is. */
function untrimmed(cell: string): boolean {
  const a = cell.charCodeAt(0);
  const b = cell.charCodeAt(cell.length - 1);
  return a !== 32 && a !== 9 && b !== 32 && b !== 9;
}

/** Digits only, at most `digits` of them, no larger than `max`, at least `min`: -1 otherwise. */
function wholeNumber(cell: string, min: number, max: number, digits: number): number {
  const n = cell.length;
  if (n === 0 || n > digits) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value >= min && value <= max ? value : -1;
}

/** Attended (1) or not (0) for a plain spelling of the cell; -1 for any other cell. */
export function plainAttended(cell: string): number {
  if (cell === "true" || cell === "1") return 1;
  if (cell === "false" || cell === "0") return 0;
  return -1;
}

/**
 * The minutes of a session row of the canonical header (`fields[0..count)`) that is
 * plain, or -1 when the row must take the general path. The row is plain when every
 * cell is what the store keeps: `fields[i]` is then the record's value, an empty
 * optional cell its null.
 */
export function plainSessionMinutes(fields: readonly string[], count: number): number {
  if (count !== 8) return -1;
  const sessionId = fields[0] ?? "";
  const contractId = fields[1] ?? "";
  const studentId = fields[2] ?? "";
  const tutorId = fields[3] ?? "";
  const groupSize = fields[7] ?? "";
  if (contractId === "" || studentId === "" || !untrimmed(contractId) || !untrimmed(studentId)) return -1;
  if ((sessionId !== "" && !untrimmed(sessionId)) || (tutorId !== "" && !untrimmed(tutorId))) return -1;
  if (parseIsoDate(fields[4] ?? "") === null) return -1;
  if (plainAttended(fields[6] ?? "") < 0) return -1;
  if (groupSize !== "" && wholeNumber(groupSize, 1, 1_000_000, 7) < 0) return -1;
  return wholeNumber(fields[5] ?? "", 0, 1440, 4);
}
