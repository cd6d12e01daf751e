/**
 * Imports one canonical data-v1 file (students, enrollments, assessments, sessions,
 * obligations, payments) into the store, in one transaction:
 *
 * - a file whose SHA-256 was already imported for the district is a no-op ("unchanged");
 * - the header is bound and every row decoded by the core's decoders (the codes and
 *   messages of `accord settle`); a file whose header cannot be bound is refused whole;
 * - rows naming a student or contract that the store does not hold are rejected
 *   (`unknown-student`, `unknown-contract`): the schema's foreign keys need them, and a
 *   placeholder contract would have to invent a vendor and a title;
 * - accepted rows are written with their batch and source line in multi-row INSERTs
 *   (`chunkRows` a statement); rows with a data-v1 key replace the stored row of that key
 *   (`replaced`) unless identical (`unchanged`, the stored row and its origin are kept);
 *   a later row of the same key in the same file counts the same way against the earlier;
 * - rows without a key (assessments, sessions without an id, payments) are inserted;
 * - rejected rows are stored with line, column, code, message and their original cells.
 *
 * Nothing is logged here; messages hold ids and codes only.
 */
import type { SqlParam, SqlRunner, Db } from "./ports/db.js";
import type { CsvRecord, ImportFile } from "./ports/import.js";
import { bindHeader, COLUMNS } from "../core/data/header.js";
import { RowCells, RowError } from "../core/data/row-cells.js";
import {
  DATA_FILE_KINDS,
  type DataFileKind,
  type StudentRecord,
  type EnrollmentRecord,
  type AssessmentRecord,
  type SessionRecord,
  type ObligationStatusRecord,
  type PaymentRecord,
} from "../core/data/records.js";
import {
  decodeStudent,
  decodeEnrollment,
  decodeAssessment,
  decodeSession,
  decodeObligationStatus,
  decodePayment,
} from "../core/data/decode-rows.js";
import type { RowProblem } from "../core/problem.js";

export interface ImportOptions {
  readonly districtId: string;
  /** The format; null to detect it from the file name, else from the header. */
  readonly format: DataFileKind | null;
  readonly importedBy: string;
  /** Rows per INSERT statement (default 1,000). */
  readonly chunkRows?: number;
}

export interface ImportCounts {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
}

export type ImportResult =
  | ({
      readonly kind: "imported";
      readonly file: string;
      readonly format: DataFileKind;
      readonly batchId: bigint;
    } & ImportCounts)
  | { readonly kind: "unchanged"; readonly file: string; readonly batchId: bigint; readonly format: string }
  | { readonly kind: "invalid"; readonly file: string; readonly problems: readonly RowProblem[] };

class InvalidFile extends Error {
  constructor(readonly problems: RowProblem[]) {
    super("invalid file");
  }
}

/** The format named by a file name: `students.csv`, `students-2025.csv`, `2025/sessions_fall.csv`. */
export function formatFromName(name: string): DataFileKind | null {
  const base = (name.split(/[\\/]/).at(-1) ?? "").toLowerCase();
  return DATA_FILE_KINDS.find((k) => base === k || new RegExp(`^${k}([-_. ]|$)`).test(base)) ?? null;
}

/** The one format whose required columns the header holds all of (the most of them on a tie). */
export function formatFromHeader(fields: readonly string[]): DataFileKind | null {
  const names = new Set(fields.map((f) => f.trim().toLowerCase()));
  let best: DataFileKind | null = null;
  let bestCount = 0;
  let tie = false;
  for (const kind of DATA_FILE_KINDS) {
    const required = COLUMNS[kind].filter((c) => c.required);
    if (!required.every((c) => names.has(c.name))) continue;
    if (required.length > bestCount) [best, bestCount, tie] = [kind, required.length, false];
    else if (required.length === bestCount) tie = true;
  }
  return tie ? null : best;
}

// ---- writing rows -------------------------------------------------------------------

interface Pending<T> {
  readonly line: number;
  readonly fields: readonly string[];
  readonly record: T;
}

interface Written {
  readonly inserted: number;
  readonly replaced: number;
}

interface Target<T> {
  readonly decode: (c: RowCells) => T | RowError;
  readonly contractOf?: (r: T) => string;
  readonly studentOf?: (r: T) => string;
  /** The data-v1 key of a row, or null when it has none. */
  readonly key: (r: T) => string | null;
  readonly write: (tx: SqlRunner, ctx: WriteContext, rows: readonly Pending<T>[]) => Promise<Written>;
}

interface WriteContext {
  readonly districtId: string;
  readonly batchId: bigint;
}

function valuesList(rows: readonly SqlParam[][], params: SqlParam[]): string {
  return rows
    .map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(", ")})`;
    })
    .join(", ");
}

async function insertRows(
  tx: SqlRunner,
  table: string,
  columns: readonly string[],
  rows: readonly SqlParam[][],
  suffix = "",
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const params: SqlParam[] = [];
  const values = valuesList(rows, params);
  return tx.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values} ${suffix}`, params);
}

/**
 * Inserts or replaces by key: a stored row whose values all equal the new row's is left
 * alone (with its origin). Returns how many rows were inserted and how many replaced.
 */
async function upsert(
  tx: SqlRunner,
  table: string,
  conflict: readonly string[],
  columns: readonly string[],
  rows: readonly SqlParam[][],
): Promise<Written> {
  const values = columns.filter((c) => !conflict.includes(c) && c !== "batch_id" && c !== "source_line");
  const set = [...values, "batch_id", "source_line"].map((c) => `${c} = EXCLUDED.${c}`).join(", ");
  const stored = values.map((c) => `${table}.${c}`).join(", ");
  const incoming = values.map((c) => `EXCLUDED.${c}`).join(", ");
  const returned = await insertRows(
    tx,
    table,
    columns,
    rows,
    `ON CONFLICT (${conflict.join(", ")}) DO UPDATE SET ${set}
     WHERE (${stored}) IS DISTINCT FROM (${incoming})
     RETURNING (xmax = 0) AS inserted`,
  );
  const inserted = returned.filter((r) => r["inserted"] === true).length;
  return { inserted, replaced: returned.length - inserted };
}

const origin = (ctx: WriteContext, p: Pending<unknown>): SqlParam[] => [ctx.districtId, ctx.batchId, p.line];
const ORIGIN = ["district_id", "batch_id", "source_line"];

/** Erases a target's record type (each target decodes and writes its own records only). */
const target = <T>(t: Target<T>): Target<unknown> => t as unknown as Target<unknown>;

const TARGETS: { readonly [K in DataFileKind]: Target<unknown> } = {
  students: target<StudentRecord>({
    decode: decodeStudent,
    key: (r) => r.studentId,
    async write(tx, ctx, rows) {
      const schools = new Map<string, number>();
      for (const p of rows) if (!schools.has(p.record.schoolId)) schools.set(p.record.schoolId, p.line);
      await insertRows(
        tx,
        "schools",
        ["district_id", "school_id", "batch_id", "source_line"],
        [...schools].map(([id, line]) => [ctx.districtId, id, ctx.batchId, line]),
        "ON CONFLICT (district_id, school_id) DO NOTHING",
      );
      return upsert(
        tx,
        "students",
        ["district_id", "student_id"],
        [
          ...ORIGIN,
          "student_id",
          "school_id",
          "grade",
          "gender",
          "race_ethnicity",
          "economically_disadvantaged",
          "english_learner",
          "special_education",
        ],
        rows.map((p) => {
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
        }),
      );
    },
  }),
  enrollments: target<EnrollmentRecord>({
    decode: decodeEnrollment,
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
    decode: decodeAssessment,
    studentOf: (r) => r.studentId,
    key: () => null,
    async write(tx, ctx, rows) {
      await insertRows(
        tx,
        "assessment_results",
        [
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
        rows.map((p) => {
          const r = p.record;
          return [
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
          ];
        }),
      );
      return { inserted: rows.length, replaced: 0 };
    },
  }),
  sessions: target<SessionRecord>({
    decode: decodeSession,
    contractOf: (r) => r.contractId,
    key: (r) => (r.sessionId === null ? null : JSON.stringify([r.contractId, r.sessionId])),
    // Rows without a session_id never conflict (NULLs are distinct in the unique key).
    write: (tx, ctx, rows) =>
      upsert(
        tx,
        "service_sessions",
        ["district_id", "contract_id", "session_id"],
        [
          ...ORIGIN,
          "session_id",
          "contract_id",
          "student_id",
          "tutor_id",
          "session_date",
          "minutes",
          "attended",
          "group_size",
        ],
        rows.map((p) => {
          const r = p.record;
          return [
            ...origin(ctx, p),
            r.sessionId,
            r.contractId,
            r.studentId,
            r.tutorId,
            r.sessionDate,
            r.minutes,
            r.attended,
            r.groupSize,
          ];
        }),
      ),
  }),
  obligations: target<ObligationStatusRecord>({
    decode: decodeObligationStatus,
    contractOf: (r) => r.contractId,
    key: (r) => JSON.stringify([r.contractId, r.obligationId]),
    write: (tx, ctx, rows) =>
      upsert(
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
      ),
  }),
  payments: target<PaymentRecord>({
    decode: decodePayment,
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
      return { inserted: rows.length, replaced: 0 };
    },
  }),
};

// ---- the import ------------------------------------------------------------------------

interface Reject {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly fields: readonly string[] | null;
}

/** Ids of `ids` that `table` holds for the district. */
async function existing(
  tx: SqlRunner,
  table: string,
  column: string,
  districtId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    `SELECT ${column} AS id FROM ${table}
      WHERE district_id = $1 AND ${column} IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [districtId, JSON.stringify(ids)],
  );
  return new Set(rows.map((r) => r.id));
}

/** Any constant: with the district's hash, serialises the imports of one district. */
const LOCK_CLASS = 741_102;

export async function importCanonicalFile(
  db: Db,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportResult> {
  const sha256 = await file.sha256();
  const chunkRows = options.chunkRows ?? 1000;
  try {
    return await db.transaction(async (tx) => {
      const { districtId } = options;
      await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, districtId]);
      const [done] = await tx.query<{ batch_id: bigint; format: string }>(
        `SELECT batch_id, format FROM import_batches
          WHERE district_id = $1 AND file_sha256 = $2 ORDER BY batch_id LIMIT 1`,
        [districtId, sha256],
      );
      if (done !== undefined)
        return { kind: "unchanged", file: file.name, batchId: done.batch_id, format: done.format };
      // A district is created by its first import, named by its id until it is given a name.
      await tx.query(
        "INSERT INTO districts (district_id, name) VALUES ($1, $1) ON CONFLICT (district_id) DO NOTHING",
        [districtId],
      );
      return await importRecords(tx, file, options, sha256, chunkRows);
    });
  } catch (error) {
    if (error instanceof InvalidFile) return { kind: "invalid", file: file.name, problems: error.problems };
    throw error;
  }
}

async function importRecords(
  tx: SqlRunner,
  file: ImportFile,
  options: ImportOptions,
  sha256: string,
  chunkRows: number,
): Promise<ImportResult> {
  const { districtId } = options;
  const problem = (line: number, column: number, code: string, message: string): RowProblem => ({
    file: file.name,
    line,
    column,
    code,
    message,
  });
  let header: readonly string[] | null = null;
  let format: DataFileKind | null = null;
  let target: Target<unknown> | null = null;
  let cells: RowCells | null = null;
  let width = 0;
  let ctx: WriteContext | null = null;
  const counts = { rows: 0, accepted: 0, rejected: 0, unchanged: 0, replaced: 0 };
  let pending: Pending<unknown>[] = [];
  let rejects: Reject[] = [];
  let rejectNo = 0;
  const knownContracts = new Map<string, boolean>();

  const start = async (record: CsvRecord): Promise<void> => {
    if (record.kind === "bad")
      throw new InvalidFile([
        problem(record.line, record.column, record.code, `the header row is unreadable: ${record.message}`),
      ]);
    header = [...record.fields];
    format = options.format ?? formatFromName(file.name) ?? formatFromHeader(header);
    if (format === null)
      throw new InvalidFile([
        problem(
          record.line,
          0,
          "unknown-format",
          `cannot tell the format from the file name or the header; give --format (${DATA_FILE_KINDS.join(", ")})`,
        ),
      ]);
    const bound = bindHeader(format, header, header.length);
    if (bound.problems.length > 0)
      throw new InvalidFile(bound.problems.map((p) => problem(record.line, p.column, p.code, p.message)));
    cells = new RowCells(bound.index);
    width = bound.width;
    target = TARGETS[format];
    const [batch] = await tx.query<{ batch_id: bigint }>(
      `INSERT INTO import_batches (district_id, file_name, file_sha256, format, imported_by, source_header)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING batch_id`,
      [districtId, file.name, sha256, format, options.importedBy, JSON.stringify(header)],
    );
    if (batch === undefined) throw new Error("import_batches returned no batch_id");
    ctx = { districtId, batchId: batch.batch_id };
  };

  const flushRejects = async (): Promise<void> => {
    if (ctx === null || rejects.length === 0) return;
    const batch = ctx;
    await insertRows(
      tx,
      "import_rejects",
      [
        "district_id",
        "batch_id",
        "reject_no",
        "source_line",
        "column_no",
        "column_name",
        "code",
        "message",
        "source_record",
      ],
      rejects.map((r) => [
        batch.districtId,
        batch.batchId,
        ++rejectNo,
        r.line,
        r.column,
        r.column > 0 ? (header?.[r.column - 1]?.trim() ?? null) : null,
        r.code,
        r.message,
        r.fields === null ? null : JSON.stringify(r.fields),
      ]),
    );
    rejects = [];
  };

  const reject = (r: Reject): void => {
    counts.rejected++;
    rejects.push(r);
  };

  const flushRows = async (): Promise<void> => {
    if (target === null || ctx === null || cells === null || pending.length === 0) return;
    const t = target;
    const c: RowCells = cells;
    // Store checks: the contracts and students the schema's foreign keys need.
    if (t.contractOf !== undefined) {
      const unseen = [...new Set(pending.map((p) => t.contractOf?.(p.record) ?? ""))].filter(
        (id) => !knownContracts.has(id),
      );
      const found = await existing(tx, "contracts", "contract_id", districtId, unseen);
      for (const id of unseen) knownContracts.set(id, found.has(id));
    }
    const students =
      t.studentOf === undefined
        ? null
        : await existing(tx, "students", "student_id", districtId, [
            ...new Set(pending.map((p) => t.studentOf?.(p.record) ?? "")),
          ]);
    const byKey = new Map<string, number>();
    const rows: (Pending<unknown> | null)[] = [];
    for (const p of pending) {
      const contractId = t.contractOf?.(p.record);
      if (contractId !== undefined && knownContracts.get(contractId) !== true) {
        reject({
          line: p.line,
          column: c.column("contract_id"),
          code: "unknown-contract",
          message: `no contract ${JSON.stringify(contractId)} in the store for district ${districtId}; record the contract before importing its ${format ?? ""}`,
          fields: p.fields,
        });
        continue;
      }
      const studentId = t.studentOf?.(p.record);
      if (studentId !== undefined && students?.has(studentId) !== true) {
        reject({
          line: p.line,
          column: c.column("student_id"),
          code: "unknown-student",
          message: `no student ${JSON.stringify(studentId)} in the store; import students.csv first`,
          fields: p.fields,
        });
        continue;
      }
      counts.accepted++;
      const key = t.key(p.record);
      const earlier = key === null ? undefined : byKey.get(key);
      if (earlier !== undefined) {
        // A later row of the same key in this chunk: identical, the earlier one (and its
        // line) is kept, as for a stored row; different, it replaces the earlier one.
        const before = rows[earlier];
        if (
          before !== null &&
          before !== undefined &&
          JSON.stringify(before.record) === JSON.stringify(p.record)
        ) {
          counts.unchanged++;
          continue;
        }
        counts.replaced++;
        rows[earlier] = null;
      }
      if (key !== null) byKey.set(key, rows.length);
      rows.push(p);
    }
    const kept = rows.filter((p): p is Pending<unknown> => p !== null);
    const written = await t.write(tx, ctx, kept);
    counts.replaced += written.replaced;
    counts.unchanged += kept.length - written.inserted - written.replaced;
    pending = [];
  };

  for await (const chunk of file.records()) {
    for (const record of chunk) {
      if (header === null) {
        await start(record);
        continue;
      }
      counts.rows++;
      if (record.kind === "bad") {
        reject({ ...record, fields: null });
      } else if (record.fields.length !== width) {
        reject({
          line: record.line,
          column: Math.min(record.fields.length, width) + 1,
          code: "field-count",
          message: `the row has ${record.fields.length} fields; the header has ${width}`,
          fields: record.fields,
        });
      } else if (cells !== null && target !== null) {
        const c: RowCells = cells;
        c.fields = record.fields;
        const decoded = (target as Target<unknown>).decode(c);
        if (decoded instanceof RowError)
          reject({
            line: record.line,
            column: decoded.column,
            code: decoded.code,
            message: decoded.message,
            fields: record.fields,
          });
        else pending.push({ line: record.line, fields: record.fields, record: decoded });
      }
      if (pending.length >= chunkRows) await flushRows();
      if (rejects.length >= chunkRows) await flushRejects();
    }
  }
  if (header === null) throw new InvalidFile([problem(1, 0, "empty-file", "the file has no header row")]);
  await flushRows();
  await flushRejects();
  const batch = ctx as WriteContext | null;
  if (batch === null || format === null) throw new Error("import started without a batch");
  await tx.query(
    `UPDATE import_batches SET rows_accepted = $3, rows_rejected = $4, rows_unchanged = $5, rows_replaced = $6
      WHERE district_id = $1 AND batch_id = $2`,
    [districtId, batch.batchId, counts.accepted, counts.rejected, counts.unchanged, counts.replaced],
  );
  return { kind: "imported", file: file.name, format, batchId: batch.batchId, ...counts };
}

// ---- reading batches back ----------------------------------------------------------------

export interface BatchSummary {
  readonly batchId: bigint;
  readonly fileName: string;
  readonly format: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
}

export async function listImportBatches(db: SqlRunner, districtId: string): Promise<BatchSummary[]> {
  const rows = await db.query<{
    batch_id: bigint;
    file_name: string;
    format: string;
    imported_at: string;
    imported_by: string;
    rows_accepted: number;
    rows_rejected: number;
    rows_unchanged: number;
    rows_replaced: number;
  }>(
    `SELECT batch_id, file_name, format, imported_at, imported_by,
            rows_accepted, rows_rejected, rows_unchanged, rows_replaced
       FROM import_batches WHERE district_id = $1 ORDER BY batch_id`,
    [districtId],
  );
  return rows.map((r) => ({
    batchId: r.batch_id,
    fileName: r.file_name,
    format: r.format,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    accepted: r.rows_accepted,
    rejected: r.rows_rejected,
    unchanged: r.rows_unchanged,
    replaced: r.rows_replaced,
  }));
}

export interface RejectedRow {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  /** The row's cells as read; null when the record could not be read at all (bad quoting). */
  readonly cells: string[] | null;
}

export interface BatchRejects {
  readonly fileName: string;
  readonly header: string[];
  readonly rows: RejectedRow[];
}

/** The rejected rows of a batch in line order, with the file's header; null when there is no such batch. */
export async function batchRejects(
  db: SqlRunner,
  districtId: string,
  batchId: bigint,
): Promise<BatchRejects | null> {
  const [batch] = await db.query<{ file_name: string; header: string | null }>(
    `SELECT file_name, source_header::text AS header FROM import_batches
      WHERE district_id = $1 AND batch_id = $2`,
    [districtId, batchId],
  );
  if (batch === undefined) return null;
  const rows = await db.query<{
    source_line: number;
    column_no: number;
    code: string;
    message: string;
    cells: string | null;
  }>(
    `SELECT source_line, column_no, code, message, source_record::text AS cells FROM import_rejects
      WHERE district_id = $1 AND batch_id = $2 ORDER BY source_line, reject_no`,
    [districtId, batchId],
  );
  return {
    fileName: batch.file_name,
    header: batch.header === null ? [] : (JSON.parse(batch.header) as string[]),
    rows: rows.map((r) => ({
      line: r.source_line,
      column: r.column_no,
      code: r.code,
      message: r.message,
      cells: r.cells === null ? null : (JSON.parse(r.cells) as string[]),
    })),
  };
}

/** Rows of a CSV in the file's header layout plus a `reason` column, for the district to fix and re-import. */
export function rejectsTable(rejects: BatchRejects): string[][] {
  const width = rejects.header.length;
  const table = [[...rejects.header, "reason"]];
  for (const r of rejects.rows) {
    const cells = [...(r.cells ?? [])];
    while (cells.length < width) cells.push("");
    cells.push(`line ${r.line}, column ${r.column}: ${r.code}: ${r.message}`);
    table.push(cells);
  }
  return table;
}
