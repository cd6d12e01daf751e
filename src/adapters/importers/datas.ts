/**
 * Reads DATAS tutoring files (sessions.csv, students.csv) into canonical records; the
 * row mapping is the core's (src/core/import/datas-*.ts). Every data row is counted
 * once, as accepted or rejected; a file whose header lacks a required column rejects
 * all its rows with that one header problem.
 */
import { basename } from "node:path";
import type { SessionRecord, StudentRecord } from "../../core/data/records.js";
import type { RowProblem } from "../../core/problem.js";
import { bindDatasHeader, type DatasIndex } from "../../core/import/datas-header.js";
import { DATAS_SESSION_COLUMNS, mapDatasSessionRow } from "../../core/import/datas-sessions.js";
import { DATAS_STUDENT_COLUMNS, mapDatasStudentRow } from "../../core/import/datas-students.js";
import { scanImportCsv } from "./scan-import-csv.js";

export interface ImportCounts {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
}

export async function readDatasSessions(
  path: string,
  options: { readonly contractId: string },
): Promise<{ sessions: SessionRecord[]; problems: RowProblem[]; counts: ImportCounts }> {
  const file = basename(path);
  const sessions: SessionRecord[] = [];
  const problems: RowProblem[] = [];
  let index: DatasIndex = new Map();
  const { rows } = await scanImportCsv(
    path,
    file,
    {
      header(fields) {
        const bound = bindDatasHeader(file, DATAS_SESSION_COLUMNS, fields);
        problems.push(...bound.problems);
        index = bound.index;
        return bound.problems.length === 0;
      },
      row(fields, line) {
        const mapped = mapDatasSessionRow({ file, contractId: options.contractId, index }, fields, line);
        if ("sessionDate" in mapped) sessions.push(mapped);
        else problems.push(mapped);
      },
    },
    problems,
  );
  return {
    sessions,
    problems,
    counts: { rows, accepted: sessions.length, rejected: rows - sessions.length },
  };
}

export async function readDatasStudents(path: string): Promise<{
  students: StudentRecord[];
  problems: RowProblem[];
  counts: ImportCounts & { readonly unknownFlags: number };
}> {
  const file = basename(path);
  const students: StudentRecord[] = [];
  const problems: RowProblem[] = [];
  let index: DatasIndex = new Map();
  let unknownFlags = 0;
  const { rows } = await scanImportCsv(
    path,
    file,
    {
      header(fields) {
        const bound = bindDatasHeader(file, DATAS_STUDENT_COLUMNS, fields);
        problems.push(...bound.problems);
        index = bound.index;
        return bound.problems.length === 0;
      },
      row(fields, line) {
        const mapped = mapDatasStudentRow(file, index, fields, line);
        if ("student" in mapped) {
          students.push(mapped.student);
          unknownFlags += mapped.unknownFlags;
        } else problems.push(mapped);
      },
    },
    problems,
  );
  return {
    students,
    problems,
    counts: { rows, accepted: students.length, rejected: rows - students.length, unknownFlags },
  };
}
