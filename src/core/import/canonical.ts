/**
 * A canonical data-v1 record tagged with its kind: what every import source yields,
 * whatever the file it was read from (canonical CSV, a vendor export, Ed-Fi, OneRoster).
 */
import type {
  AssessmentRecord,
  DataFileKind,
  EnrollmentRecord,
  ObligationStatusRecord,
  PaymentRecord,
  SessionRecord,
  StudentRecord,
} from "../data/records.js";

export type CanonicalRecord =
  | { readonly kind: "students"; readonly record: StudentRecord }
  | { readonly kind: "enrollments"; readonly record: EnrollmentRecord }
  | { readonly kind: "assessments"; readonly record: AssessmentRecord }
  | { readonly kind: "sessions"; readonly record: SessionRecord }
  | { readonly kind: "obligations"; readonly record: ObligationStatusRecord }
  | { readonly kind: "payments"; readonly record: PaymentRecord };

/** A record of one kind; `K` is checked against the record's type. */
export const canonical = <K extends DataFileKind>(
  kind: K,
  record: Extract<CanonicalRecord, { kind: K }>["record"],
): CanonicalRecord => ({ kind, record }) as CanonicalRecord;
