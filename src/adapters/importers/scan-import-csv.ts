/**
 * The CSV loop the importers share (DATAS and OneRoster): streams a file through the
 * scanner, hands the header to `header` (which may refuse the file) and every later
 * record to `row`; scanner failures (quotes, encoding) become row problems.
 */
import { readCsvFile } from "../csv/read-csv-file.js";
import type { RowProblem } from "../../core/problem.js";

export interface CsvRowHandler {
  /** Returns false to skip the rows (a header problem was recorded). */
  header(fields: readonly string[]): boolean;
  row(fields: readonly string[], line: number): void;
}

export async function scanImportCsv(
  path: string,
  file: string,
  handler: CsvRowHandler,
  problems: RowProblem[],
): Promise<{ rows: number; headerAccepted: boolean }> {
  let seenHeader = false;
  let accepted = false;
  let rows = 0;
  await readCsvFile(path, {
    row(fields, count, line) {
      const values = fields.slice(0, count);
      if (!seenHeader) {
        seenHeader = true;
        accepted = handler.header(values);
        return;
      }
      rows++;
      if (accepted) handler.row(values, line);
    },
    bad(line, column, code, message) {
      if (!seenHeader) {
        seenHeader = true;
        accepted = false;
      } else rows++;
      problems.push({ file, line, column, code, message });
    },
  });
  if (!seenHeader)
    problems.push({ file, line: 1, column: 0, code: "empty-file", message: `${file} has no header row` });
  return { rows, headerAccepted: accepted };
}
