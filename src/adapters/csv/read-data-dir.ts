/**
 * Reads a folder of canonical data-v1 files into a `DataSet` for the given contracts,
 * streaming each file once. Every data row is either accepted or rejected with its
 * file, line, column and reason; nothing is guessed or dropped silently.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Terms } from "../../core/terms/types.js";
import { DataSet } from "../../core/data/data-set.js";
import { DATA_FILE_KINDS, type DataFileKind } from "../../core/data/records.js";
import { bindHeader } from "../../core/data/header.js";
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

export interface DataReport {
  readonly files: FileReport[];
  /** Problems in file order; at most `maxProblems` kept, `rejected` counts them all. */
  readonly problems: RowProblem[];
  readonly rejected: number;
  /** Files the folder holds that are not data-v1 files (read by nothing). */
  readonly ignoredFiles: string[];
}

const REQUIRED: ReadonlySet<DataFileKind> = new Set(["students", "enrollments", "assessments", "sessions"]);

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

export async function readDataDir(
  dir: string,
  contracts: readonly Terms[],
  options: { maxProblems?: number } = {},
): Promise<{ data: DataSet; report: DataReport }> {
  const maxProblems = options.maxProblems ?? 10_000;
  const data = new DataSet(contracts);
  const problems: RowProblem[] = [];
  let rejected = 0;
  const files: FileReport[] = [];
  const report = (p: RowProblem): void => {
    rejected++;
    if (problems.length < maxProblems) problems.push(p);
  };
  const known = new Set(DATA_FILE_KINDS.map((k) => `${k}.csv`));
  const ignoredFiles = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !known.has(e.name.toLowerCase()))
    .map((e) => e.name)
    .sort();

  for (const kind of DATA_FILE_KINDS) {
    const path = join(dir, `${kind}.csv`);
    if (!existsSync(path)) {
      if (REQUIRED.has(kind)) {
        report({
          file: path,
          line: 0,
          column: 0,
          code: "missing-file",
          message: `the data folder needs ${kind}.csv`,
        });
      }
      continue;
    }
    files.push(await readFile(kind, path, data, report));
  }
  return { data, report: { files, problems, rejected, ignoredFiles } };
}

async function readFile(
  kind: DataFileKind,
  path: string,
  data: DataSet,
  report: (p: RowProblem) => void,
): Promise<FileReport> {
  let cells: RowCells | null = null;
  let width = 0;
  let headerBroken = false;
  let rows = 0;
  let rejected = 0;
  const sink = SINKS[kind];
  const reject = (line: number, column: number, code: string, message: string): void => {
    rejected++;
    report({ file: path, line, column, code, message });
  };
  const { bytes } = await readCsvFile(path, {
    row(fields, count, line) {
      if (cells === null && !headerBroken) {
        const header = bindHeader(kind, fields, count);
        for (const p of header.problems)
          report({ file: path, line, column: p.column, code: p.code, message: p.message });
        if (header.problems.length > 0) headerBroken = true;
        else {
          cells = new RowCells(header.index);
          width = header.width;
        }
        return;
      }
      rows++;
      if (cells === null)
        return reject(line, 0, "no-header", `the header of ${kind}.csv is unusable, so no row can be read`);
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
        report({ file: path, line, column, code, message: `the header row is unreadable: ${message}` });
        return;
      }
      rows++;
      reject(line, column, code, message);
    },
  });
  if (cells === null && !headerBroken) {
    report({ file: path, line: 1, column: 0, code: "empty-file", message: `${kind}.csv has no header row` });
  }
  return { kind, path, bytes, rows, accepted: rows - rejected, rejected };
}
