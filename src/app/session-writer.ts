/**
 * Writes an import batch's sessions with COPY, the one way to load millions of rows at
 * the speed of the server (docs/decisions/0006), and keeps the session rollups current.
 *
 * Rows are appended as they come (a few megabytes a COPY, the next one parsed while the
 * last is loading). The data-v1 rule that a repeated (contract_id, session_id) replaces
 * the earlier row is applied once, at the end of the batch, in SQL over the keyed rows
 * of the batch's contracts, and only when a repeat is possible: when a session id of
 * the file is not greater than the one before it in the same contract (ids listed in
 * order cannot repeat), or when the store already holds keyed rows of these contracts.
 * The outcome is the same as writing the rows one by one: an identical later row leaves
 * the stored row (and its origin) as it was and counts as unchanged; a different one
 * replaces it and counts as replaced.
 */
import type { SqlRunner } from "./ports/db.js";
import type { SessionRecord } from "../core/data/records.js";
import { listedAfter } from "../core/data/session-log.js";
import type { Pending, WriteContext, Written } from "./import-sql.js";
import { csvField } from "./copy-text.js";
import { CopyAppender } from "./copy-appender.js";
import { RollupDeltas, contractPeriods, rebuildRollups, type Period } from "./session-rollups.js";
import { resolveRepeatedSessionIds } from "./session-repeats.js";

const COLUMNS = [
  "district_id",
  "batch_id",
  "source_line",
  "session_id",
  "contract_id",
  "student_id",
  "tutor_id",
  "session_date",
  "minutes",
  "attended",
  "group_size",
];

interface ContractCounts {
  rows: number;
  keyed: number;
  lastId: string | null;
}

export class SessionWriter {
  private readonly rows: CopyAppender;
  private readonly contracts = new Map<string, ContractCounts>();
  private mayRepeat = false;
  private readonly rollups: RollupDeltas;
  /** The period of each contract met so far (rollups count the sessions inside it). */
  private readonly periods = new Map<string, Period>();
  private periodsRead = false;
  private readonly prefix: string;
  private lastContract = "";
  private lastCounts: ContractCounts | undefined = undefined;

  constructor(
    private readonly tx: SqlRunner,
    private readonly ctx: WriteContext,
  ) {
    // COPY's CSV format, the format of a plain session row as read (`addPlain`).
    this.rows = new CopyAppender(tx, "service_sessions", COLUMNS, "csv");
    this.prefix = `${csvField(ctx.districtId)},${ctx.batchId},`;
    this.rollups = new RollupDeltas(this.periods);
  }

  /** Appends the rows; they are all counted as inserted until `finish` resolves repeats. */
  async write(rows: readonly Pending<SessionRecord>[]): Promise<Written> {
    await this.prepare();
    for (const { line, record } of rows) this.add(line, record);
    await this.flushIfFull();
    return { inserted: rows.length, replaced: 0 };
  }

  /**
   * Reads the periods of all the district's contracts, once, before the first row (the
   * rollups count the sessions inside them): a query per new contract would wait behind
   * the COPY in flight and stall it.
   */
  async prepare(): Promise<void> {
    if (this.periodsRead) return;
    for (const [id, period] of await contractPeriods(this.tx, this.ctx.districtId, null))
      this.periods.set(id, period);
    this.periodsRead = true;
  }

  /** Appends one row, after `prepare`; `flushIfFull` must follow a chunk of them. */
  add(line: number, r: SessionRecord): void {
    // A row's fields joined at once make one flat string (measured 40% faster than a
    // template literal's chain of concatenations, which joining must flatten later).
    const text = `${[
      this.prefix + line,
      csvField(r.sessionId),
      csvField(r.contractId),
      csvField(r.studentId),
      csvField(r.tutorId),
      r.sessionDate,
      r.minutes,
      r.attended ? "t" : "f",
      csvField(r.groupSize),
    ].join(",")}\n`;
    this.rows.push(text);
    this.count(r.contractId, r.sessionId);
    if (r.attended) this.rollups.add(r);
  }

  /**
   * Appends a plain session row (core/import/plain-session-row.ts) as it was read:
   * `text` is its cells joined by commas, already COPY's CSV form of the record, and
   * `fields` its cells (an empty optional cell is null). No record is built.
   */
  addPlain(line: number, fields: readonly string[], text: string, minutes: number, attended: boolean): void {
    this.rows.push(`${this.prefix}${line},${text}\n`);
    const sessionId = fields[0] ?? "";
    const contractId = fields[1] ?? "";
    this.count(contractId, sessionId === "" ? null : sessionId);
    if (attended) {
      const tutorId = fields[3] ?? "";
      this.rollups.addSession(
        contractId,
        fields[2] ?? "",
        tutorId === "" ? null : tutorId,
        fields[4] ?? "",
        minutes,
      );
    }
  }

  /** Copies the rows held once they fill a statement. */
  async flushIfFull(): Promise<void> {
    await this.rows.flushIfFull();
  }

  private count(contractId: string, sessionId: string | null): void {
    let counts = this.lastContract === contractId ? this.lastCounts : this.contracts.get(contractId);
    if (counts === undefined) this.contracts.set(contractId, (counts = { rows: 0, keyed: 0, lastId: null }));
    this.lastContract = contractId;
    this.lastCounts = counts;
    counts.rows++;
    if (sessionId === null) return;
    counts.keyed++;
    if (counts.lastId !== null && !listedAfter(sessionId, counts.lastId)) this.mayRepeat = true;
    counts.lastId = sessionId;
  }

  /**
   * Writes what is left, applies the repeated-id rule and brings the rollups up to date.
   * Returns the rows `write` counted as inserted that were unchanged or replaced.
   */
  async finish(): Promise<{ readonly unchanged: number; readonly replaced: number }> {
    await this.rows.finish();
    const ids = [...this.contracts.keys()];
    if (ids.length === 0) return { unchanged: 0, replaced: 0 };
    const { districtId, batchId } = this.ctx;
    const keyedHere = [...this.contracts.values()].some((c) => c.keyed > 0);
    const [stored] = keyedHere
      ? await this.tx.query<{ found: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM session_batches
             WHERE district_id = $1 AND batch_id <> $2 AND keyed_rows > 0
               AND contract_id IN (SELECT jsonb_array_elements_text($3::jsonb))) AS found`,
          [districtId, batchId, JSON.stringify(ids)],
        )
      : [];
    await this.tx.query(
      `INSERT INTO session_batches (district_id, batch_id, contract_id, rows_written, keyed_rows)
       SELECT $1, $2, x.contract_id, x.rows_written, x.keyed_rows
         FROM jsonb_to_recordset($3::jsonb) AS x (contract_id text, rows_written integer, keyed_rows integer)`,
      [
        districtId,
        batchId,
        JSON.stringify(
          [...this.contracts].map(([id, c]) => ({
            contract_id: id,
            rows_written: c.rows,
            keyed_rows: c.keyed,
          })),
        ),
      ],
    );
    if (!keyedHere || (!this.mayRepeat && stored?.found !== true)) {
      await this.rollups.mergeRollups(this.tx, districtId);
      return { unchanged: 0, replaced: 0 };
    }
    const resolved = await resolveRepeatedSessionIds(this.tx, this.ctx, ids);
    if (resolved.deleted > 0) await rebuildRollups(this.tx, districtId, ids);
    else await this.rollups.mergeRollups(this.tx, districtId);
    return { unchanged: resolved.unchanged, replaced: resolved.replaced };
  }
}
