/**
 * The rows of one import batch, written a chunk at a time: each chunk's records are
 * checked against the store (a contract or student the store lacks is a reject, not an
 * invented placeholder: the schema's foreign keys need them, and a placeholder contract
 * would have to invent a vendor and a title), repeated keys within the chunk are
 * resolved as the store resolves them, and the records are written by kind, students
 * first. Rejects are stored with their place, code, message and the row as read.
 *
 * Counts are per source row: `accepted` + `rejected` = `rows`; an accepted row is
 * `unchanged` when its record left the stored row of its key as it was, `replaced` when
 * it replaced it (a carried student, see `ImportRow.student`, counts for neither).
 */
import type { SqlRunner } from "./ports/db.js";
import type { CsvRecord, ImportItem, ImportReject, ImportRow, OpenSource, Place } from "./ports/import.js";
import { DATA_FILE_KINDS, type SessionRecord, type StudentRecord } from "../core/data/records.js";
import { SessionWriter } from "./session-writer.js";
import { CopyAppender } from "./copy-appender.js";
import { addCarriedStudents, TARGETS, type Pending, type WriteContext } from "./import-targets.js";
import { insertRows } from "./import-sql.js";
import { refuseUnstorable, storableJson, storableText } from "./import-text.js";
import { plainAttended, plainSessionMinutes } from "../core/import/plain-session-row.js";

export interface ImportCounts {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
}

/** A chunk's rows of one kind: null where a later row of the same key replaced it. */
interface Kept {
  readonly rows: (Pending<unknown> | null)[];
  readonly byKey: Map<string, number>;
}

interface StoredReject {
  readonly line: number;
  readonly column: number;
  readonly path: string | null;
  readonly code: string;
  readonly message: string;
  readonly original: unknown;
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

export class BatchRows {
  readonly counts = { rows: 0, accepted: 0, rejected: 0, unchanged: 0, replaced: 0 };
  private pending: ImportRow[] = [];
  private rejects: StoredReject[] = [];
  private rejectNo = 0;
  private readonly knownContracts = new Map<string, boolean>();
  private sessions: SessionWriter | null = null;
  private knownStudents: Set<string> | null = null;
  /** Per kind appended with COPY (targets with `append`), for the whole batch. */
  private readonly appenders = new Map<string, CopyAppender>();

  constructor(
    private readonly tx: SqlRunner,
    private readonly ctx: WriteContext,
    private readonly source: Pick<OpenSource, "header" | "refs">,
    private readonly chunkRows: number,
  ) {}

  /**
   * Takes one source row; true when a chunk is full and `flush` must be awaited before the
   * next row (no promise a row: an import handles millions).
   */
  add(item: ImportRow | ImportReject): boolean {
    this.counts.rows++;
    const checked = item.kind === "row" ? refuseUnstorable(item) : item;
    if (checked.kind === "reject") this.reject(checked);
    else this.pending.push(checked);
    return this.pending.length >= this.chunkRows || this.rejects.length >= this.chunkRows;
  }

  /**
   * Before the rows of a session file (`OpenSource.sessionRecords`): the district's
   * contracts and their periods, read once.
   */
  async prepareSessions(): Promise<void> {
    for (const { id } of await this.tx.query<{ id: string }>(
      "SELECT contract_id AS id FROM contracts WHERE district_id = $1",
      [this.ctx.districtId],
    ))
      this.knownContracts.set(id, true);
    await this.sessionWriter().prepare();
  }

  /**
   * Takes a record of a session file when it is a plain row of a known contract, copied
   * as read (no record built: millions of rows a file); false when it must be mapped and
   * given to `addSession`. After `prepareSessions`.
   */
  addPlainSession(record: CsvRecord): boolean {
    if (record.kind !== "row" || record.text === undefined || record.mayHoldNul !== false) return false;
    const { fields, text } = record;
    const minutes = plainSessionMinutes(fields, fields.length);
    // A carriage return inside a cell would end the line for COPY: mapped, then escaped.
    if (minutes < 0 || this.knownContracts.get(fields[1] ?? "") !== true || text.includes("\r")) return false;
    this.counts.rows++;
    this.counts.accepted++;
    this.sessionWriter().addPlain(record.line, fields, text, minutes, plainAttended(fields[6] ?? "") === 1);
    return true;
  }

  /** Takes a mapped row of a session file, in file order; the checks and counts of `writeSessions`. */
  addSession(item: ImportItem): void {
    if (item.kind === "fault") throw new Error("a CSV record mapped to a fault");
    this.counts.rows++;
    const checked = item.kind === "row" ? refuseUnstorable(item) : item;
    if (checked.kind === "reject") return this.reject(checked);
    if (checked.record.kind !== "sessions" || checked.student !== null)
      throw new Error(`a ${checked.record.kind} row in a session file`);
    const session = checked.record.record;
    if (this.knownContracts.get(session.contractId) !== true)
      return this.rejectUnknownContract(checked, session.contractId);
    this.counts.accepted++;
    this.sessionWriter().add(checked.line, session);
  }

  /** After a chunk of `addPlainSession` and `addSession`: copies the rows and stores the rejects held once they fill a statement. */
  async flushSessions(): Promise<void> {
    await this.sessionWriter().flushIfFull();
    if (this.rejects.length >= this.chunkRows) await this.flushRejects();
  }

  /** Writes the full chunk of rows and of rejects. */
  async flush(): Promise<void> {
    if (this.pending.length >= this.chunkRows) await this.flushRows();
    if (this.rejects.length >= this.chunkRows) await this.flushRejects();
  }

  async finish(): Promise<ImportCounts> {
    await this.flushRows();
    for (const appender of this.appenders.values()) await appender.finish();
    if (this.sessions !== null) {
      // Repeated session ids are resolved over the whole batch (and the store) at its end.
      const resolved = await this.sessions.finish();
      this.counts.unchanged += resolved.unchanged;
      this.counts.replaced += resolved.replaced;
    }
    await this.flushRejects();
    return this.counts;
  }

  /** Sessions are copied in bulk by a writer that lives as long as the batch. */
  private sessionWriter(): SessionWriter {
    this.sessions ??= new SessionWriter(this.tx, this.ctx);
    return this.sessions;
  }

  private reject(r: StoredReject): void {
    this.counts.rejected++;
    this.rejects.push(r);
  }

  private rejectAt(row: ImportRow, place: Place, code: string, message: string): void {
    const path = place.path === null ? null : `${row.root ?? "$"}${place.path.slice(1)}`;
    this.reject({ line: row.line, column: place.column, path, code, message, original: row.original });
  }

  /**
   * The district's student ids, read once when the first row names a student (a query a
   * chunk would wait behind the COPY in flight and stall it); the batch adds the students
   * it carries. Not read while no row needs it.
   */
  private async districtStudents(needed: boolean): Promise<Set<string>> {
    if (this.knownStudents !== null) return this.knownStudents;
    if (!needed) return new Set();
    const rows = await this.tx.query<{ id: string }>(
      "SELECT student_id AS id FROM students WHERE district_id = $1",
      [this.ctx.districtId],
    );
    this.knownStudents = new Set(rows.map((r) => r.id));
    return this.knownStudents;
  }

  private rejectUnknownContract(row: ImportRow, contractId: string): void {
    this.rejectAt(
      row,
      this.source.refs.contract,
      "unknown-contract",
      `no contract ${JSON.stringify(contractId)} in the store for district ${this.ctx.districtId}; record the contract before importing its ${row.record.kind}`,
    );
  }

  private async flushRows(): Promise<void> {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
    const { districtId } = this.ctx;
    const contractOf = (row: ImportRow): string | undefined =>
      TARGETS[row.record.kind].contractOf?.(row.record.record);
    const studentOf = (row: ImportRow): string | undefined =>
      TARGETS[row.record.kind].studentOf?.(row.record.record);
    // The district's contracts are read once, when the first row names one: a query per
    // new contract would wait behind the COPY in flight and stall it.
    if (this.knownContracts.size === 0 && rows.some((row) => contractOf(row) !== undefined))
      for (const { id } of await this.tx.query<{ id: string }>(
        "SELECT contract_id AS id FROM contracts WHERE district_id = $1",
        [districtId],
      ))
        this.knownContracts.set(id, true);
    const unseen = [...new Set(rows.map(contractOf))].filter(
      (id): id is string => id !== undefined && !this.knownContracts.has(id),
    );
    const found = await existing(this.tx, "contracts", "contract_id", districtId, unseen);
    for (const id of unseen) this.knownContracts.set(id, found.has(id));
    if (rows.every((row) => row.record.kind === "sessions" && row.student === null))
      return this.writeSessions(rows);
    const survivors: ImportRow[] = [];
    for (const row of rows) {
      const contractId = contractOf(row);
      if (contractId === undefined || this.knownContracts.get(contractId) === true) survivors.push(row);
      else this.rejectUnknownContract(row, contractId);
    }
    const students = await this.districtStudents(survivors.some((row) => studentOf(row) !== undefined));
    for (const row of survivors) if (row.student !== null) students.add(row.student.studentId);

    const carried = new Map<string, Pending<StudentRecord>>();
    const byKind = new Map<string, Kept>();
    for (const row of survivors) {
      const studentId = studentOf(row);
      if (studentId !== undefined && !students.has(studentId)) {
        this.rejectAt(
          row,
          this.source.refs.student,
          "unknown-student",
          `no student ${JSON.stringify(studentId)} in the store; import students.csv first`,
        );
        continue;
      }
      this.counts.accepted++;
      if (row.student !== null)
        carried.set(row.student.studentId, { line: row.line, original: row.original, record: row.student });
      const kind = byKind.get(row.record.kind) ?? { rows: [], byKey: new Map() };
      byKind.set(row.record.kind, kind);
      this.keep(kind, { line: row.line, original: row.original, record: row.record.record }, row);
    }
    if (carried.size > 0) await addCarriedStudents(this.tx, this.ctx, [...carried.values()]);
    for (const name of DATA_FILE_KINDS) {
      const kind = byKind.get(name);
      if (kind === undefined) continue;
      const kept = kind.rows.filter((p): p is Pending<unknown> => p !== null);
      const { write, append } = TARGETS[name];
      if (append !== undefined) {
        let appender = this.appenders.get(name);
        if (appender === undefined)
          this.appenders.set(name, (appender = new CopyAppender(this.tx, append.table, append.columns)));
        for (const p of kept) appender.push(append.line(this.ctx, p));
        await appender.flushIfFull();
        continue; // every row appended: neither unchanged nor replaced
      }
      const written =
        write === undefined
          ? await this.sessionWriter().write(kept as Pending<SessionRecord>[])
          : await write(this.tx, this.ctx, kept);
      this.counts.replaced += written.replaced;
      this.counts.unchanged += kept.length - written.inserted - written.replaced;
    }
  }

  /**
   * A chunk of session rows only (a sessions file), on a lean path: millions of rows a
   * file, and no per-chunk keys, students or kinds to sort out; the contract check and
   * counts are those of the general path.
   */
  private async writeSessions(rows: readonly ImportRow[]): Promise<void> {
    const writer = this.sessionWriter();
    await writer.prepare();
    for (const row of rows) {
      const session = row.record.record as SessionRecord;
      if (this.knownContracts.get(session.contractId) !== true) {
        this.rejectUnknownContract(row, session.contractId);
        continue;
      }
      this.counts.accepted++;
      writer.add(row.line, session);
    }
    await writer.flushIfFull();
  }

  /**
   * A later row of a key already in this chunk: identical, the earlier one (and its
   * line) is kept, as for a stored row; different, it replaces the earlier one.
   */
  private keep(kind: Kept, p: Pending<unknown>, row: ImportRow): void {
    // Sessions are all written: their repeated ids are resolved over the whole batch, in
    // order, when it ends (session-writer.ts); resolving some here would reorder them.
    const key = row.record.kind === "sessions" ? null : TARGETS[row.record.kind].key(p.record);
    const earlier = key === null ? undefined : kind.byKey.get(key);
    if (earlier !== undefined) {
      const before = kind.rows[earlier];
      if (
        before !== null &&
        before !== undefined &&
        JSON.stringify(before.record) === JSON.stringify(p.record)
      ) {
        this.counts.unchanged++;
        return;
      }
      this.counts.replaced++;
      kind.rows[earlier] = null;
    }
    if (key !== null) kind.byKey.set(key, kind.rows.length);
    kind.rows.push(p);
  }

  private async flushRejects(): Promise<void> {
    if (this.rejects.length === 0) return;
    const { header } = this.source;
    const rejects = this.rejects;
    this.rejects = [];
    await insertRows(
      this.tx,
      "import_rejects",
      [
        "district_id",
        "batch_id",
        "reject_no",
        "source_line",
        "column_no",
        "column_name",
        "source_path",
        "code",
        "message",
        "source_record",
      ],
      rejects.map((r) => [
        this.ctx.districtId,
        this.ctx.batchId,
        ++this.rejectNo,
        r.line,
        r.column,
        r.column > 0 ? (header?.[r.column - 1]?.trim() ?? null) : null,
        r.path,
        r.code,
        storableText(r.message),
        storableJson(r.original),
      ]),
    );
  }
}
