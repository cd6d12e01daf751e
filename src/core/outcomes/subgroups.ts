/**
 * Results by subgroup: for one metric, each dimension's groups (economically
 * disadvantaged, English learner, special education, race/ethnicity, gender, school) with
 * the students of the metric's denominator in the group, how many met it, and the rate.
 * For readers outside the district, small cells are suppressed (suppression.ts).
 */
import type { StudentRecord } from "../data/records.js";
import { compareIds } from "../ids.js";
import { formatFixed, ratio, ZERO } from "../ratio.js";
import { suppressCells, type SuppressionReason } from "./suppression.js";

export type Dimension =
  "economicallyDisadvantaged" | "englishLearner" | "specialEducation" | "raceEthnicity" | "gender" | "school";

export type SubgroupCell =
  | {
      readonly group: string;
      readonly label: string;
      readonly suppressed: null;
      readonly n: number;
      readonly met: number;
      /** met / n, six decimals. */
      readonly rate: string;
    }
  | { readonly group: string; readonly label: string; readonly suppressed: SuppressionReason };

export interface DimensionResult {
  readonly dimension: Dimension;
  readonly label: string;
  readonly cells: readonly SubgroupCell[];
}

/** A student of a metric's denominator and whether the student met it. */
export interface CountedStudent {
  readonly student: StudentRecord;
  readonly met: boolean;
}

const NOT_RECORDED = "not-recorded";

interface DimensionSpec {
  readonly dimension: Dimension;
  readonly label: string;
  readonly group: (s: StudentRecord) => string;
  /** Fixed groups in display order (flags); others are sorted by id, "not recorded" last. */
  readonly labels?: Readonly<Record<string, string>>;
}

const flag = (
  dimension: Dimension,
  label: string,
  yes: string,
  no: string,
  of: (s: StudentRecord) => boolean,
) => ({
  dimension,
  label,
  group: (s: StudentRecord) => (of(s) ? "yes" : "no"),
  labels: { yes, no },
});

const DIMENSIONS: readonly DimensionSpec[] = [
  flag(
    "economicallyDisadvantaged",
    "Economically disadvantaged",
    "Economically disadvantaged",
    "Not economically disadvantaged",
    (s) => s.economicallyDisadvantaged,
  ),
  flag(
    "englishLearner",
    "English learners",
    "English learner",
    "Not an English learner",
    (s) => s.englishLearner,
  ),
  flag(
    "specialEducation",
    "Special education",
    "Special education",
    "Not in special education",
    (s) => s.specialEducation,
  ),
  { dimension: "raceEthnicity", label: "Race/ethnicity", group: (s) => s.raceEthnicity ?? NOT_RECORDED },
  { dimension: "gender", label: "Gender", group: (s) => s.gender ?? NOT_RECORDED },
  { dimension: "school", label: "School", group: (s) => s.schoolId },
];

function groupOrder(spec: DimensionSpec, groups: Iterable<string>): string[] {
  const present = [...groups];
  if (spec.labels !== undefined) return Object.keys(spec.labels).filter((g) => present.includes(g));
  const recorded = present.filter((g) => g !== NOT_RECORDED).sort(compareIds);
  return present.includes(NOT_RECORDED) ? [...recorded, NOT_RECORDED] : recorded;
}

function labelOf(spec: DimensionSpec, group: string): string {
  if (spec.labels !== undefined) return spec.labels[group] ?? group;
  return group === NOT_RECORDED ? "Not recorded" : group;
}

/**
 * Every dimension's cells over the counted students. With `suppress`, cells are hidden
 * by the small-cell rule and carry no numbers at all.
 */
export function subgroupResults(counted: readonly CountedStudent[], suppress: boolean): DimensionResult[] {
  return DIMENSIONS.map((spec) => {
    const tally = new Map<string, { n: number; met: number }>();
    for (const { student, met } of counted) {
      const key = spec.group(student);
      const t = tally.get(key) ?? { n: 0, met: 0 };
      t.n += 1;
      if (met) t.met += 1;
      tally.set(key, t);
    }
    const groups = groupOrder(spec, tally.keys());
    const counts = groups.map((g) => tally.get(g)?.n ?? 0);
    const reasons = suppress ? suppressCells(counts) : counts.map(() => null);
    const cells = groups.map((group, i): SubgroupCell => {
      const label = labelOf(spec, group);
      const reason = reasons[i] ?? null;
      if (reason !== null) return { group, label, suppressed: reason };
      const t = tally.get(group) ?? { n: 0, met: 0 };
      return {
        group,
        label,
        suppressed: null,
        n: t.n,
        met: t.met,
        rate: formatFixed(t.n === 0 ? ZERO : ratio(BigInt(t.met), BigInt(t.n)), 6),
      };
    });
    return { dimension: spec.dimension, label: spec.label, cells };
  });
}
