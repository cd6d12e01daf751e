/**
 * Persistence of gains: how much of each served student's gain (outcome minus baseline)
 * is still there at a named follow-up window, as the share
 *
 *   retained = (followUp - baseline) / (outcome - baseline).
 *
 * The share is defined only for a student who gained (outcome > baseline): a student with
 * no gain (outcome <= baseline) has nothing to retain and is counted as `noGain`, never
 * divided by zero or by a negative gain (which would flip the share's sign). A student
 * without one of the three scores is counted as missing. Shares are not capped: 1.3 means
 * the student kept growing after the outcome test, a negative share that they fell below
 * their baseline.
 *
 * Summaries (median, mean, share retaining at least half of the gain with its Wilson 95%
 * interval, and n) are given for the contract (`all`) and each subgroup, in a sealed
 * table (./suppression.ts): a cell rests on its served students and on those with a share.
 */
import type { AssessmentWindow } from "../terms/types.js";
import type { EvidenceInput, EvidenceStudent } from "./evidence-input.js";
import {
  SUBGROUP_DIMENSIONS,
  subgroupValue,
  subgroupValues,
  type SubgroupDimension,
} from "./equity-subgroups.js";
import { sealTable, type RawDimension, type SealedTable } from "./suppression.js";
import { mean, median } from "./stats/summary.js";
import { wilsonInterval, type Interval } from "./stats/wilson.js";

export type StudentPersistence =
  | { readonly kind: "retained"; readonly share: number }
  | { readonly kind: "noGain" }
  | { readonly kind: "missing"; readonly score: "baseline" | "outcome" | "followUp" };

export interface PersistenceSummary {
  /** Served students in the cell. */
  readonly students: number;
  /** Of them, students with a gain and a follow-up score: the n of the figures below. */
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  /** Share of the n students retaining at least half of their gain. */
  readonly retainingHalf: number;
  readonly retainingHalfCi: Interval;
  readonly noGain: number;
  readonly missingScores: number;
}

export interface PersistenceReport {
  readonly contractId: string;
  readonly followUpWindow: AssessmentWindow | null;
  /** `measured`, or why nothing could be: no follow-up window named, or no served student has a share. */
  readonly status: "measured" | "noFollowUpWindow" | "noShares";
  readonly table: SealedTable<PersistenceSummary>;
}

export interface PersistenceOptions {
  readonly dimensions?: readonly SubgroupDimension[];
}

export function persistenceOf(student: EvidenceStudent): StudentPersistence {
  if (student.baseline === null) return { kind: "missing", score: "baseline" };
  if (student.outcome === null) return { kind: "missing", score: "outcome" };
  if (student.followUp === null) return { kind: "missing", score: "followUp" };
  const gain = student.outcome.score - student.baseline.score;
  if (!(gain > 0)) return { kind: "noGain" };
  return { kind: "retained", share: (student.followUp.score - student.baseline.score) / gain };
}

export function measurePersistence(
  input: EvidenceInput,
  options: PersistenceOptions = {},
): PersistenceReport {
  const served = input.students.filter((s) => s.served);
  const rows = served.map((student) => ({ student, result: persistenceOf(student) }));
  const dimensions = options.dimensions ?? SUBGROUP_DIMENSIONS;
  const table: RawDimension<PersistenceSummary>[] = dimensions.map((dimension) => ({
    dimension,
    cells: subgroupValues(served, dimension).map((key) => {
      const value = summarise(
        rows.filter((r) => subgroupValue(r.student, dimension) === key).map((r) => r.result),
      );
      return { key, basis: [value.students, value.n], value };
    }),
  }));
  const anyShare = rows.some((r) => r.result.kind === "retained");
  return {
    contractId: input.contractId,
    followUpWindow: input.windows.followUp,
    status: input.windows.followUp === null ? "noFollowUpWindow" : anyShare ? "measured" : "noShares",
    table: sealTable("persistence", table),
  };
}

export function summarise(results: readonly StudentPersistence[]): PersistenceSummary {
  const shares: number[] = [];
  let noGain = 0;
  let missingScores = 0;
  for (const r of results) {
    if (r.kind === "retained") shares.push(r.share);
    else if (r.kind === "noGain") noGain++;
    else missingScores++;
  }
  const half = shares.filter((s) => s >= 0.5).length;
  return {
    students: results.length,
    n: shares.length,
    median: median(shares),
    mean: mean(shares),
    retainingHalf: shares.length === 0 ? Number.NaN : half / shares.length,
    retainingHalfCi: wilsonInterval(half, shares.length),
    noGain,
    missingScores,
  };
}
