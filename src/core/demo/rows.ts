/**
 * The canonical data-v1 files (shared/spec/data-v1.md) as column lists, and the row
 * types built from them, so a generated row has exactly the spec's column names. Values
 * are the strings written to the file: `""` is an absent value.
 */
import {
  STUDENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  ASSESSMENT_COLUMNS,
  SESSION_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
} from "../data/header.js";

export {
  STUDENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  ASSESSMENT_COLUMNS,
  SESSION_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
};

export type StudentRow = Record<(typeof STUDENT_COLUMNS)[number], string>;
export type EnrollmentRow = Record<(typeof ENROLLMENT_COLUMNS)[number], string>;
export type AssessmentRow = Record<(typeof ASSESSMENT_COLUMNS)[number], string>;
export type SessionRow = Record<(typeof SESSION_COLUMNS)[number], string>;
export type ObligationRow = Record<(typeof OBLIGATION_COLUMNS)[number], string>;
export type PaymentRow = Record<(typeof PAYMENT_COLUMNS)[number], string>;
