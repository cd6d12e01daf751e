/**
 * Header binding for canonical files: names are matched case-insensitively after
 * trimming, in any order; unknown columns are kept out of the computation.
 */
import type { DataFileKind } from "./records.js";

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
}

/** The columns of each canonical file, in the spec's order (data-v1). */
export const STUDENT_COLUMNS = [
  "student_id",
  "school_id",
  "grade",
  "gender",
  "race_ethnicity",
  "economically_disadvantaged",
  "english_learner",
  "special_education",
] as const;
export const ENROLLMENT_COLUMNS = ["contract_id", "student_id", "enrolled_on", "exited_on"] as const;
export const ASSESSMENT_COLUMNS = [
  "student_id",
  "assessment",
  "subject",
  "window",
  "test_date",
  "scale_score",
  "performance_level",
  "percentile",
  "growth_target",
  "rapid_guess_percent",
] as const;
export const SESSION_COLUMNS = [
  "session_id",
  "contract_id",
  "student_id",
  "tutor_id",
  "session_date",
  "minutes",
  "attended",
  "group_size",
] as const;
export const OBLIGATION_COLUMNS = ["contract_id", "obligation_id", "status", "evidence"] as const;
export const PAYMENT_COLUMNS = ["contract_id", "paid_on", "amount", "reference"] as const;

/** The columns data-v1 marks required. */
const REQUIRED: ReadonlySet<string> = new Set([
  "student_id",
  "school_id",
  "grade",
  "contract_id",
  "enrolled_on",
  "assessment",
  "subject",
  "window",
  "test_date",
  "scale_score",
  "session_date",
  "minutes",
  "obligation_id",
  "status",
  "paid_on",
  "amount",
]);

const specs = (names: readonly string[]): ColumnSpec[] =>
  names.map((name) => ({ name, required: REQUIRED.has(name) }));

export const COLUMNS: Readonly<Record<DataFileKind, readonly ColumnSpec[]>> = {
  students: specs(STUDENT_COLUMNS),
  enrollments: specs(ENROLLMENT_COLUMNS),
  assessments: specs(ASSESSMENT_COLUMNS),
  sessions: specs(SESSION_COLUMNS),
  obligations: specs(OBLIGATION_COLUMNS),
  payments: specs(PAYMENT_COLUMNS),
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
