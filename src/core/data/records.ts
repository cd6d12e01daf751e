/**
 * Canonical records of shared/spec/data-v1.md, after validation. Values are typed;
 * decimals that only some settlements need (scores, targets, rapid-guess percents)
 * stay as their validated text and are turned into exact ratios when used.
 */
import type { Cents } from "../money.js";
import type { IsoDate } from "../date.js";
import type { Grade } from "../terms/types.js";

export interface StudentRecord {
  readonly studentId: string;
  readonly schoolId: string;
  readonly grade: Grade;
  readonly gender: string | null;
  readonly raceEthnicity: string | null;
  readonly economicallyDisadvantaged: boolean;
  readonly englishLearner: boolean;
  readonly specialEducation: boolean;
}

export interface EnrollmentRecord {
  readonly contractId: string;
  readonly studentId: string;
  readonly enrolledOn: IsoDate;
  readonly exitedOn: IsoDate | null;
}

export interface AssessmentRecord {
  readonly studentId: string;
  readonly assessment: string;
  readonly subject: string;
  readonly window: string;
  readonly testDate: IsoDate;
  /** A validated decimal string. */
  readonly scaleScore: string;
  readonly performanceLevel: number | null;
  readonly percentile: number | null;
  /** A validated decimal string, or null. */
  readonly growthTarget: string | null;
  /** A validated decimal string in [0, 100], or null. */
  readonly rapidGuessPercent: string | null;
}

export interface SessionRecord {
  readonly sessionId: string | null;
  readonly contractId: string;
  readonly studentId: string;
  readonly tutorId: string | null;
  readonly sessionDate: IsoDate;
  readonly minutes: number;
  readonly attended: boolean;
  readonly groupSize: number | null;
}

export interface ObligationStatusRecord {
  readonly contractId: string;
  readonly obligationId: string;
  readonly status: "met" | "notMet";
  readonly evidence: string | null;
}

export interface PaymentRecord {
  readonly contractId: string;
  readonly paidOn: IsoDate;
  readonly amountCents: Cents;
  readonly reference: string | null;
}

export type DataFileKind =
  "students" | "enrollments" | "assessments" | "sessions" | "obligations" | "payments";

export const DATA_FILE_KINDS: readonly DataFileKind[] = [
  "students",
  "enrollments",
  "assessments",
  "sessions",
  "obligations",
  "payments",
];
