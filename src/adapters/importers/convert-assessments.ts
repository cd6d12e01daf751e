/**
 * Converts a vendor assessment export (NWEA MAP Growth, i-Ready Diagnostic, Renaissance
 * Star) into canonical assessment and student records. The file is streamed through the
 * CSV scanner; the header picks the format (or the caller names it) and the core's
 * mapper turns each row into records or a reject with its line, column and reason.
 * Every data row is counted once, as accepted or rejected. Messages never quote names.
 */
import type { AssessmentRecord, StudentRecord } from "../../core/data/records.js";
import { RowError } from "../../core/data/row-cells.js";
import type { RowProblem } from "../../core/problem.js";
import {
  assessmentFormat,
  detectAssessmentFormat,
  type AssessmentFormatId,
  type BoundFormat,
} from "../../core/import/formats.js";
import { readCsvFile } from "../csv/read-csv-file.js";

export interface AssessmentConversion {
  /** The format used; null when the header matched none (then every row is rejected). */
  readonly format: AssessmentFormatId | null;
  readonly assessments: AssessmentRecord[];
  /** One per student id, the later row replacing the earlier (data-v1's rule), in first-seen order. */
  readonly students: StudentRecord[];
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Header problems (which reject no row by themselves) and row rejects, in line order. */
  readonly problems: RowProblem[];
}

export async function convertAssessmentFile(
  path: string,
  options: { format?: AssessmentFormatId } = {},
): Promise<AssessmentConversion> {
  let format: AssessmentFormatId | null = options.format ?? null;
  const assessments: AssessmentRecord[] = [];
  const students = new Map<string, StudentRecord>();
  const problems: RowProblem[] = [];
  let bound: BoundFormat | null = null;
  let headerSeen = false;
  let width = 0;
  let rows = 0;
  let rejected = 0;
  const report = (line: number, column: number, code: string, message: string): void => {
    problems.push({ file: path, line, column, code, message });
  };
  const reject = (line: number, column: number, code: string, message: string): void => {
    rejected++;
    report(line, column, code, message);
  };

  const bindHeader = (header: readonly string[], line: number): void => {
    const chosen = format === null ? detectAssessmentFormat(header) : assessmentFormat(format);
    if (chosen === null) {
      report(
        line,
        0,
        "unknown-format",
        "the header is not an NWEA MAP Growth, i-Ready Diagnostic or Star export",
      );
      return;
    }
    format = chosen.id;
    const attempt = chosen.bind(header);
    for (const p of attempt.problems) report(line, p.column, p.code, p.message);
    if (attempt.problems.length === 0) {
      bound = attempt;
      width = header.length;
    }
  };

  await readCsvFile(path, {
    row(fields, count, line) {
      if (!headerSeen) {
        headerSeen = true;
        return bindHeader(fields.slice(0, count), line);
      }
      rows++;
      const mapper: BoundFormat | null = bound;
      if (mapper === null)
        return reject(line, 0, "no-header", "the header is unusable, so no row can be read");
      if (count !== width) {
        const column = Math.min(count, width) + 1;
        return reject(line, column, "field-count", `the row has ${count} fields; the header has ${width}`);
      }
      const mapped = mapper.map(fields, count);
      if (mapped instanceof RowError) return reject(line, mapped.column, mapped.code, mapped.message);
      assessments.push(mapped.assessment);
      if (mapped.student !== null) students.set(mapped.student.studentId, mapped.student);
    },
    bad(line, column, code, message) {
      if (!headerSeen) {
        headerSeen = true;
        return report(line, column, code, `the header row is unreadable: ${message}`);
      }
      rows++;
      reject(line, column, code, message);
    },
  });
  if (!headerSeen) report(1, 0, "empty-file", "the file has no header row");
  return {
    format,
    assessments,
    students: [...students.values()],
    rows,
    accepted: rows - rejected,
    rejected,
    problems,
  };
}
