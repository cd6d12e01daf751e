/**
 * The per-kind row writers of an import batch: each data-v1 kind's table, its key and
 * the references the store must hold (contract, student). Accepted rows are written
 * with their batch and source line in multi-row INSERTs; rows with a data-v1 key
 * replace the stored row of that key (`replaced`) unless identical (`unchanged`, the
 * stored row and its origin are kept); payments, which have no key, are inserted;
 * assessment results are appended with COPY (`append`), and sessions by the batch's
 * SessionWriter.
 */
import type { SqlParam, SqlRunner } from "./ports/db.js";
import { copyLine } from "./copy-text.js";
import { chargeUnchargedPayments } from "./budget/charge-payments.js";
import { appendStatusHistory } from "./obligations/obligation-history.js";
import {
  insertRows,
  origin,
  ORIGIN,
  upsert,
  type Pending,
  type WriteContext,
  type Written,
} from "./import-sql.js";
import type {
  DataFileKind,
  StudentRecord,
  EnrollmentRecord,
  AssessmentRecord,
  SessionRecord,
  ObligationStatusRecord,
  PaymentRecord,
} from "../core/data/records.js";

export type { Pending, WriteContext, Written };

export interface Target<T> {
  readonly contractOf?: (r: T) => string;
  readonly studentOf?: (r: T) => string;
  /** The data-v1 key of a row, or null when it has none. */
  readonly key: (r: T) => string | null;
  /**
   * Absent for kinds appended with COPY (`append`) and for sessions, which the batch's
   * SessionWriter copies in bulk (session-writer.ts).
   */
  readonly write?: (tx: SqlRunner, ctx: WriteContext, rows: readonly Pending<T>[]) => Promise<Written>;
  /** Rows without a key, appended with COPY across the whole batch (`CopyAppender`). */
  readonly append?: {
    readonly table: string;
    readonly columns: readonly string[];
    /** The row's COPY text. */
    readonly line: (ctx: WriteContext, p: Pending<T>) => string;
  };
}

const STUDENT_COLUMNS = [
  ...ORIGIN,
  "student_id",
  "school_id",
  "grade",
  "gender",
  "race_ethnicity",
  "economically_disadvantaged",
  "english_learner",
  "special_education",
];

function studentValues(ctx: WriteContext, p: Pending<StudentRecord>): SqlParam[] {
  const r = p.record;
  return [
    ...origin(ctx, p),
    r.studentId,
    r.schoolId,
    r.grade,
    r.gender,
    r.raceEthnicity,
    r.economicallyDisadvantaged,
    r.englishLearner,
    r.specialEducation,
  ];
}

/** The schools the students name, each with the line that first names it; known schools are left as they are. */
async function insertSchools(
  tx: SqlRunner,
  ctx: WriteContext,
  rows: readonly Pending<StudentRecord>[],
): Promise<void> {
  const schools = new Map<string, number>();
  for (const p of rows) if (!schools.has(p.record.schoolId)) schools.set(p.record.schoolId, p.line);
  await insertRows(
    tx,
    "schools",
    ["district_id", "school_id", "batch_id", "source_line"],
    [...schools].map(([id, line]) => [ctx.districtId, id, ctx.batchId, line]),
    "ON CONFLICT (district_id, school_id) DO NOTHING",
  );
}

/** Erases a target's record type (each target writes its own records only). */
const target = <T>(t: Target<T>): Target<unknown> => t as unknown as Target<unknown>;

export const TARGETS: { readonly [K in DataFileKind]: Target<unknown> } = {
  students: target<StudentRecord>({
    key: (r) => r.studentId,
    async write(tx, ctx, rows) {
      await insertSchools(tx, ctx, rows);
      return upsert(
        tx,
        "students",
        ["district_id", "student_id"],
        STUDENT_COLUMNS,
        rows.map((p) => studentValues(ctx, p)),
      );
    },
  }),
  enrollments: target<EnrollmentRecord>({
    contractOf: (r) => r.contractId,
    studentOf: (r) => r.studentId,
    key: (r) => JSON.stringify([r.contractId, r.studentId]),
    write: (tx, ctx, rows) =>
      upsert(
        tx,
        "enrollments",
        ["district_id", "contract_id", "student_id"],
        [...ORIGIN, "contract_id", "student_id", "enrolled_on", "exited_on"],
        rows.map((p) => [
          ...origin(ctx, p),
          p.record.contractId,
          p.record.studentId,
          p.record.enrolledOn,
          p.record.exitedOn,
        ]),
      ),
  }),
  assessments: target<AssessmentRecord>({
    studentOf: (r) => r.studentId,
    key: () => null,
    // Appended with COPY: no key, and hundreds of thousands of rows a district export.
    append: {
      table: "assessment_results",
      columns: [
        ...ORIGIN,
        "student_id",
        "assessment",
        "subject",
        '"window"',
        "test_date",
        "scale_score",
        "performance_level",
        "percentile",
        "growth_target",
        "rapid_guess_percent",
      ],
      line: (ctx, p) => {
        const r = p.record;
        return copyLine([
          ...origin(ctx, p),
          r.studentId,
          r.assessment,
          r.subject,
          r.window,
          r.testDate,
          r.scaleScore,
          r.performanceLevel,
          r.percentile,
          r.growthTarget,
          r.rapidGuessPercent,
        ]);
      },
    },
  }),
  sessions: target<SessionRecord>({
    contractOf: (r) => r.contractId,
    key: (r) => (r.sessionId === null ? null : JSON.stringify([r.contractId, r.sessionId])),
    // No `write`: sessions are copied in bulk by the batch's SessionWriter, which also
    // applies this key (a repeated id replaces the earlier row) at the end of the batch.
  }),
  obligations: target<ObligationStatusRecord>({
    contractOf: (r) => r.contractId,
    key: (r) => JSON.stringify([r.contractId, r.obligationId]),
    async write(tx, ctx, rows) {
      const written = await upsert(
        tx,
        "obligation_statuses",
        ["district_id", "contract_id", "obligation_id"],
        [...ORIGIN, "contract_id", "obligation_id", "status", "evidence"],
        rows.map((p) => [
          ...origin(ctx, p),
          p.record.contractId,
          p.record.obligationId,
          p.record.status,
          p.record.evidence,
        ]),
      );
      // The rows that changed a status now carry this batch; identical ones kept theirs.
      await appendStatusHistory(
        tx,
        ctx.districtId,
        ctx.batchId,
        rows.map((p) => p.line),
        "import",
      );
      return written;
    },
  }),
  payments: target<PaymentRecord>({
    contractOf: (r) => r.contractId,
    key: () => null,
    async write(tx, ctx, rows) {
      await insertRows(
        tx,
        "payments",
        [...ORIGIN, "contract_id", "paid_on", "amount_cents", "reference"],
        rows.map((p) => [
          ...origin(ctx, p),
          p.record.contractId,
          p.record.paidOn,
          p.record.amountCents,
          p.record.reference,
        ]),
      );
      for (const contractId of new Set(rows.map((p) => p.record.contractId)))
        await chargeUnchargedPayments(tx, ctx.districtId, contractId);
      return { inserted: rows.length, replaced: 0 };
    },
  }),
};

/**
 * Students carried by rows of another kind (an i-Ready row's subgroup columns): a student
 * the store lacks is added under the batch; one stored by another batch is left as it
 * is, since the district's students file, not a vendor's copy, is the authority on
 * school and flags. `rows` holds one row per student (the chunk's last).
 */
export async function addCarriedStudents(
  tx: SqlRunner,
  ctx: WriteContext,
  rows: readonly Pending<StudentRecord>[],
): Promise<void> {
  await insertSchools(tx, ctx, rows);
  await insertRows(
    tx,
    "students",
    STUDENT_COLUMNS,
    rows.map((p) => studentValues(ctx, p)),
    // A student carried earlier in this batch is replaced by a later row, as data-v1 asks.
    `ON CONFLICT (district_id, student_id) DO UPDATE SET ${CARRIED_UPDATE} WHERE students.batch_id = EXCLUDED.batch_id`,
  );
}

const CARRIED_UPDATE = [
  "source_line",
  "school_id",
  "grade",
  "gender",
  "race_ethnicity",
  "economically_disadvantaged",
  "english_learner",
  "special_education",
]
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(", ");
