/**
 * Expected failures are values, not exceptions: a stable `code`, a message for a person,
 * and where it happened (a JSON path for documents, file/line/column for data rows).
 */
export interface JsonProblem {
  /** JSON path of the offending value, e.g. `$.outcomes.metrics[0].amount`. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface RowProblem {
  readonly file: string;
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** 1-based field number; 0 when the problem concerns the whole row. */
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

export function formatJsonProblem(p: JsonProblem): string {
  return `${p.path}: ${p.code}: ${p.message}`;
}

export function formatRowProblem(p: RowProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.code}: ${p.message}`;
}
