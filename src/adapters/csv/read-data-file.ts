/**
 * Reads one canonical data-v1 file into a `DataSet`: binds the header, decodes each row
 * with the core's decoders and hands it to the data set. Every record is counted once,
 * as accepted or rejected with its line, column and reason.
 *
 * A file may be read in parts by several threads: each record belongs to one part (by
 * its contract id, or to part 0 when it has none that can be read), and each part
 * counts and decodes only its own records. Header problems belong to part 0.
 */
import type { DataSet } from "../../core/data/data-set.js";
import type { DataFileKind } from "../../core/data/records.js";
import { bindHeader } from "../../core/data/header.js";
import { trimCell } from "../../core/data/cells.js";
import { RowCells, RowError } from "../../core/data/row-cells.js";
import type { RowProblem } from "../../core/problem.js";
import {
  decodeStudent,
  decodeEnrollment,
  decodeAssessment,
  decodeSession,
  decodeObligationStatus,
  decodePayment,
} from "../../core/data/decode-rows.js";
import { readCsvFile } from "./read-csv-file.js";

export interface FileReport {
  readonly kind: DataFileKind;
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
}

export interface FileReading {
  readonly file: FileReport;
  /** In line order; at most `maxProblems`. Header problems count here but not in `file.rejected`. */
  readonly problems: RowProblem[];
  readonly problemCount: number;
}

/** Which records of a file this reader takes: part `index` of `of`. */
export interface FilePart {
  readonly index: number;
  readonly of: number;
}

type Sink = (cells: RowCells, data: DataSet) => RowError | null;

function accept<T>(
  decode: (c: RowCells) => T | RowError,
  add: (data: DataSet, row: T, c: RowCells) => RowError | null,
): Sink {
  return (cells, data) => {
    const row = decode(cells);
    return row instanceof RowError ? row : add(data, row, cells);
  };
}

const asRowError = (
  c: RowCells,
  e: { field: string; code: string; message: string } | null,
): RowError | null => (e === null ? null : new RowError(c.column(e.field), e.code, e.message));

const SINKS: Readonly<Record<DataFileKind, Sink>> = {
  students: accept(decodeStudent, (d, r) => (d.addStudent(r), null)),
  enrollments: accept(decodeEnrollment, (d, r, c) => asRowError(c, d.addEnrollment(r))),
  assessments: accept(decodeAssessment, (d, r) => (d.addAssessment(r), null)),
  sessions: accept(decodeSession, (d, r) => (d.addSession(r), null)),
  obligations: accept(decodeObligationStatus, (d, r, c) => asRowError(c, d.addObligationStatus(r))),
  payments: accept(decodePayment, (d, r) => (d.addPayment(r), null)),
};

/** A stable small hash of a contract id, to give each contract's records to one part. */
export function partOf(contractId: string, of: number): number {
  let h = 0;
  for (let i = 0; i < contractId.length; i++) h = (Math.imul(h, 31) + contractId.charCodeAt(i)) | 0;
  return (h >>> 0) % of;
}

export async function readDataFile(
  kind: DataFileKind,
  path: string,
  data: DataSet,
  options: { maxProblems: number; part?: FilePart },
): Promise<FileReading> {
  const part = options.part ?? { index: 0, of: 1 };
  const first = part.index === 0;
  const problems: RowProblem[] = [];
  let problemCount = 0;
  let cells: RowCells | null = null;
  let width = 0;
  let contractColumn = -1;
  let headerBroken = false;
  let rows = 0;
  let rejected = 0;
  const report = (line: number, column: number, code: string, message: string): void => {
    problemCount++;
    if (problems.length < options.maxProblems) problems.push({ file: path, line, column, code, message });
  };
  const reject = (line: number, column: number, code: string, message: string): void => {
    rejected++;
    report(line, column, code, message);
  };
  /** Whether a record that the header could bind belongs to this part. */
  const owns = (fields: readonly string[], count: number): boolean => {
    if (part.of === 1) return true;
    if (count !== width || contractColumn < 0) return first;
    const contractId = trimCell(fields[contractColumn] ?? "");
    return contractId === "" ? first : partOf(contractId, part.of) === part.index;
  };
  const sink = SINKS[kind];
  const { bytes } = await readCsvFile(path, {
    row(fields, count, line) {
      if (cells === null && !headerBroken) {
        const header = bindHeader(kind, fields, count);
        if (first) for (const p of header.problems) report(line, p.column, p.code, p.message);
        if (header.problems.length > 0) headerBroken = true;
        else {
          cells = new RowCells(header.index);
          width = header.width;
          contractColumn = header.index.get("contract_id") ?? -1;
        }
        return;
      }
      if (cells === null) {
        if (!first) return;
        rows++;
        return reject(line, 0, "no-header", `the header of ${kind}.csv is unusable, so no row can be read`);
      }
      if (!owns(fields, count)) return;
      rows++;
      if (count !== width) {
        return reject(
          line,
          Math.min(count, width) + 1,
          "field-count",
          `the row has ${count} fields; the header has ${width}`,
        );
      }
      cells.fields = fields;
      const error = sink(cells, data);
      if (error !== null) reject(line, error.column, error.code, error.message);
    },
    bad(line, column, code, message) {
      if (cells === null && !headerBroken) {
        headerBroken = true;
        if (first) report(line, column, code, `the header row is unreadable: ${message}`);
        return;
      }
      if (!first) return;
      rows++;
      reject(line, column, code, message);
    },
  });
  if (cells === null && !headerBroken && first) report(1, 0, "empty-file", `${kind}.csv has no header row`);
  return { file: { kind, path, bytes, rows, accepted: rows - rejected, rejected }, problems, problemCount };
}
