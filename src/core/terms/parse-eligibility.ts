/**
 * `eligibility` and `service_threshold` (terms-v1.md): which enrolled students count, and
 * what makes an eligible student served.
 */
import type { Eligibility, Grade } from "./types.js";
import {
  type Field,
  type Problems,
  describe,
  optional,
  readArray,
  readEnum,
  readInteger,
  readNonEmptyString,
  readObject,
} from "./json-reader.js";
import { type WindowNames, readDecimal, readWindowRef } from "./read-values.js";

const GRADES: readonly Grade[] = ["PK", "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
const ELIGIBILITY_FORM = 'an object with any of "grades", "schools" and "baselineMaxScore"';

export function parseEligibility(p: Problems, f: Field, windows: WindowNames): Eligibility | undefined {
  const obj = readObject(p, f, ELIGIBILITY_FORM, ["grades", "schools", "baselineMaxScore"]);
  if (obj === undefined) return undefined;
  const grades = optional(obj.field("grades"), (g) =>
    readDistinctList(p, g, 'a list of grades like ["K", "1", "2"]', (item) => readEnum(p, item, GRADES)),
  );
  const schools = optional(obj.field("schools"), (s) =>
    readDistinctList(p, s, 'a list of school ids like ["0021"]', (item) => readNonEmptyString(p, item)),
  );
  const baseline = optional(obj.field("baselineMaxScore"), (b) => parseBaseline(p, b, windows));
  if (grades === undefined || schools === undefined || baseline === undefined) return undefined;
  return {
    ...(grades === null ? {} : { grades }),
    ...(schools === null ? {} : { schools }),
    ...(baseline === null ? {} : { baselineMaxScore: baseline }),
  };
}

/**
 * A non-empty list without repeats. An empty list would make every student ineligible,
 * and a repeat is a typo, so both are reported rather than read as written.
 */
function readDistinctList<T extends string>(
  p: Problems,
  f: Field,
  form: string,
  readItem: (item: Field) => T | undefined,
): T[] | undefined {
  const items = readArray(p, f, form);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    p.add(
      f.loc,
      "empty",
      `${f.name} must not be empty (no student would be eligible); leave the key out to accept all`,
    );
    return undefined;
  }
  const values: T[] = [];
  for (const item of items) {
    const value = readItem(item);
    if (value === undefined) continue;
    if (values.includes(value)) {
      p.add(item.loc, "duplicate-value", `${f.name} lists ${describe(value)} more than once`);
      continue;
    }
    values.push(value);
  }
  return values.length === items.length ? values : undefined;
}

function parseBaseline(
  p: Problems,
  f: Field,
  windows: WindowNames,
): Eligibility["baselineMaxScore"] | undefined {
  const obj = readObject(p, f, 'an object {"window": window name, "score": decimal}', ["window", "score"]);
  if (obj === undefined) return undefined;
  const window = readWindowRef(p, obj.field("window"), windows);
  const score = readDecimal(p, obj.field("score"));
  return window === undefined || score === undefined ? undefined : { window, score };
}

/** Both minimums default to 0 (every eligible student is served). */
export function parseServiceThreshold(
  p: Problems,
  f: Field,
): { minSessions: number; minMinutes: number } | undefined {
  if (!f.present) return { minSessions: 0, minMinutes: 0 };
  const obj = readObject(p, f, 'an object with "minSessions" and/or "minMinutes"', [
    "minSessions",
    "minMinutes",
  ]);
  if (obj === undefined) return undefined;
  const minSessions = optional(obj.field("minSessions"), (s) => readInteger(p, s, 0));
  const minMinutes = optional(obj.field("minMinutes"), (m) => readInteger(p, m, 0));
  if (minSessions === undefined || minMinutes === undefined) return undefined;
  return { minSessions: minSessions ?? 0, minMinutes: minMinutes ?? 0 };
}
