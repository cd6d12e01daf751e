/**
 * The canonical data-v1 files (shared/spec/data-v1.md) as column lists, and the row
 * types built from them, so a generated row has exactly the spec's column names. Values
 * are the strings written to the file: `""` is an absent value.
 */
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

export type StudentRow = Record<(typeof STUDENT_COLUMNS)[number], string>;
export type EnrollmentRow = Record<(typeof ENROLLMENT_COLUMNS)[number], string>;
export type AssessmentRow = Record<(typeof ASSESSMENT_COLUMNS)[number], string>;
export type SessionRow = Record<(typeof SESSION_COLUMNS)[number], string>;
export type ObligationRow = Record<(typeof OBLIGATION_COLUMNS)[number], string>;
export type PaymentRow = Record<(typeof PAYMENT_COLUMNS)[number], string>;
