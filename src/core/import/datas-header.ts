/**
 * Header binding for DATAS tutoring files (accelerate-usa/tutor-data-standard): names
 * are matched case-insensitively after trimming, with the aliases the standard lists
 * (`session_datetime` for `session_date`, `sex` for `gender`, ...). A required column
 * that is absent is a file problem that names the columns found, so a misspelled
 * header is reported, never guessed at.
 */
import type { RowProblem } from "../problem.js";

export interface DatasColumn {
  /** The DATAS name, used in messages. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
}

/** DATAS name -> 0-based field index (absent columns are not in the map). */
export type DatasIndex = ReadonlyMap<string, number>;

export function bindDatasHeader(
  file: string,
  columns: readonly DatasColumn[],
  fields: readonly string[],
): { index: DatasIndex; problems: RowProblem[] } {
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === "") return;
    if (seen.has(name)) {
      problems.push(headerProblem(file, i + 1, "duplicate-column", `the column "${name}" appears twice`));
    } else seen.set(name, i);
  });
  const index = new Map<string, number>();
  for (const column of columns) {
    const found = [column.name, ...(column.aliases ?? [])].filter((n) => seen.has(n));
    if (found.length > 1) {
      problems.push(
        headerProblem(
          file,
          0,
          "duplicate-column",
          `${found.map((n) => `"${n}"`).join(" and ")} name the same column`,
        ),
      );
    }
    const at = found[0] === undefined ? undefined : seen.get(found[0]);
    if (at !== undefined) index.set(column.name, at);
    else if (column.required === true) {
      const aka = column.aliases?.length ? ` (or ${column.aliases.map((a) => `"${a}"`).join(", ")})` : "";
      problems.push(
        headerProblem(
          file,
          0,
          "missing-column",
          `${file} needs a "${column.name}" column${aka}; the header has ${[...seen.keys()].map((n) => `"${n}"`).join(", ")}`,
        ),
      );
    }
  }
  return { index, problems };
}

function headerProblem(file: string, column: number, code: string, message: string): RowProblem {
  return { file, line: 1, column, code, message };
}

/** Reads trimmed cells of one row by DATAS column name ("" when absent or empty). */
export function datasCell(index: DatasIndex, fields: readonly string[], name: string): string {
  const at = index.get(name);
  return at === undefined ? "" : (fields[at] ?? "").trim();
}

/** 1-based column number of a DATAS column (0 when absent). */
export function datasColumn(index: DatasIndex, name: string): number {
  return (index.get(name) ?? -1) + 1;
}
