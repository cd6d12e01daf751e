/** A student's working row during a settlement. */
import type { StudentRecord } from "../data/records.js";
import type { SessionStats } from "../data/session-log.js";
import type { Cents } from "../money.js";
import type { Evaluation } from "./evaluate-metric.js";
import type { IneligibleReason } from "./statement.js";

export interface Row {
  readonly studentId: string;
  readonly student: StudentRecord;
  readonly stats: SessionStats;
  readonly eligible: boolean;
  readonly ineligibleReason: IneligibleReason | null;
  readonly served: boolean;
  readonly measured: boolean;
  readonly evaluations: Evaluation[];
  /** Per metric, what the student earned (before caps); filled in by the money pass. */
  readonly amounts: Cents[];
  baseCents: Cents;
}
