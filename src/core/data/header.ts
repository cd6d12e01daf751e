/**
 * Header binding for canonical files: names are matched case-insensitively after
 * trimming, in any order; unknown columns are kept out of the computation.
 */
import type { DataFileKind } from "./records.js";

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
}

const col = (name: string, required = false): ColumnSpec => ({ name, required });

export const COLUMNS: Readonly<Record<DataFileKind, readonly ColumnSpec[]>> = {
  students: [
    col("student_id", true),
    col("school_id", true),
    col("grade", true),
    col("gender"),
    col("race_ethnicity"),
    col("economically_disadvantaged"),
    col("english_learner"),
    col("special_education"),
  ],
  enrollments: [
    col("contract_id", true),
    col("student_id", true),
    col("enrolled_on", true),
    col("exited_on"),
  ],
  assessments: [
    col("student_id", true),
    col("assessment", true),
    col("subject", true),
    col("window", true),
    col("test_date", true),
    col("scale_score", true),
    col("performance_level"),
    col("percentile"),
    col("growth_target"),
    col("rapid_guess_percent"),
  ],
  sessions: [
    col("session_id"),
    col("contract_id", true),
    col("student_id", true),
    col("tutor_id"),
    col("session_date", true),
    col("minutes", true),
    col("attended"),
    col("group_size"),
  ],
  obligations: [col("contract_id", true), col("obligation_id", true), col("status", true), col("evidence")],
  payments: [col("contract_id", true), col("paid_on", true), col("amount", true), col("reference")],
};

export interface HeaderProblem {
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

/**
 * Column name -> 0-based field index, or -1 where an optional column is absent. A Map,
 * not an object: decoders look columns up by name for millions of rows, and a Map
 * lookup of a constant string is several times faster than a keyed property load.
 */
export type HeaderIndex = ReadonlyMap<string, number>;

/**
 * Header names (trimmed, lower-cased) to their 0-based field index; a name that appears
 * twice is a `duplicate-column` problem. Shared by canonical and vendor files.
 */
export function indexHeaderNames(
  fields: readonly string[],
  count: number,
): { seen: Map<string, number>; problems: HeaderProblem[] } {
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const raw = fields[i] ?? "";
    const name = raw.trim().toLowerCase();
    if (name === "") continue;
    if (seen.has(name)) {
      problems.push({
        column: i + 1,
        code: "duplicate-column",
        message: `the column "${raw.trim()}" appears twice`,
      });
    } else seen.set(name, i);
  }
  return { seen, problems };
}

export function bindHeader(
  kind: DataFileKind,
  fields: readonly string[],
  count: number,
): { index: HeaderIndex; width: number; problems: HeaderProblem[] } {
  const { seen, problems } = indexHeaderNames(fields, count);
  const index = new Map<string, number>();
  for (const spec of COLUMNS[kind]) {
    const at = seen.get(spec.name);
    if (at === undefined && spec.required) {
      problems.push({
        column: 0,
        code: "missing-column",
        message: `${kind}.csv needs a "${spec.name}" column`,
      });
    }
    index.set(spec.name, at ?? -1);
  }
  return { index, width: count, problems };
}
