/**
 * How fresh a contract's data is: for each kind of data file, the latest import and its
 * age. A kind is **stale** when its latest import is older than the kind's limit on the
 * reference day, `min(today, period end)` (data imported after the period has nothing
 * left to catch up with), or when it was never imported; kinds without a limit (manual
 * obligation statuses, payments) are listed and never stale.
 *
 * Limits, in days: roster (students) 60, enrollments 30, assessments 120, sessions 14.
 */
import { daysBetween, minDate, type IsoDate } from "../date.js";
import type { DataFileKind } from "../data/records.js";
import type { Period } from "./pacing.js";

export const STALE_AFTER_DAYS: Readonly<Record<DataFileKind, number | null>> = {
  students: 60,
  enrollments: 30,
  assessments: 120,
  sessions: 14,
  obligations: null,
  payments: null,
};

/** The order kinds are shown in: what a settlement needs first. */
export const FRESHNESS_KINDS: readonly DataFileKind[] = [
  "students",
  "enrollments",
  "assessments",
  "sessions",
  "obligations",
  "payments",
];

export interface LatestImport {
  readonly kind: DataFileKind;
  readonly batchId: string;
  readonly fileName: string;
  /** The UTC day of the import. */
  readonly importedOn: IsoDate;
  readonly importedAt: string;
}

export interface Freshness {
  readonly kind: DataFileKind;
  readonly latest: LatestImport | null;
  /** Days from the import to today; null when never imported. */
  readonly ageDays: number | null;
  readonly staleAfterDays: number | null;
  readonly stale: boolean;
}

/** One entry per kind, in FRESHNESS_KINDS order; `imports` holds at most the latest of each kind. */
export function dataFreshness(imports: readonly LatestImport[], period: Period, today: IsoDate): Freshness[] {
  const reference = minDate(today, period.end);
  return FRESHNESS_KINDS.map((kind) => {
    const latest =
      imports
        .filter((i) => i.kind === kind)
        .reduce<LatestImport | null>((a, b) => (a === null || b.importedAt > a.importedAt ? b : a), null) ??
      null;
    const limit = STALE_AFTER_DAYS[kind];
    const stale = limit !== null && (latest === null || daysBetween(latest.importedOn, reference) > limit);
    return {
      kind,
      latest,
      ageDays: latest === null ? null : daysBetween(latest.importedOn, today),
      staleAfterDays: limit,
      stale,
    };
  });
}
