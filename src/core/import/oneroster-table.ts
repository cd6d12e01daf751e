/**
 * OneRoster CSV tables: a file's header and rows as read, bound by exact column name.
 * OneRoster header names are case-sensitive (1.2.1 CSV Binding §3): a column written
 * in another case, or misspelled, is reported as missing with the names found, never
 * silently matched. Extra columns (`metadata.*`, columns we do not need) are ignored.
 */
import type { RowProblem } from "../problem.js";

export interface CsvTable {
  /** File name used in problems, e.g. `users.csv`. */
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly { readonly fields: readonly string[]; readonly line: number }[];
}

export interface BoundRow {
  readonly line: number;
  /** Trimmed cell of a bound column ("" when empty). */
  get(name: string): string;
  /** 1-based column of a bound column. */
  column(name: string): number;
}

/** Binds `needed` columns of a table; returns its rows, or the header problems. */
export function bindOneRosterTable(
  table: CsvTable,
  needed: readonly string[],
): { rows: BoundRow[]; problems: RowProblem[] } {
  const index = new Map<string, number>();
  table.header.forEach((name, i) => {
    if (!index.has(name.trim())) index.set(name.trim(), i);
  });
  const problems: RowProblem[] = [];
  for (const name of needed) {
    if (index.has(name)) continue;
    const near = [...index.keys()].find((h) => h.toLowerCase() === name.toLowerCase());
    const hint =
      near === undefined
        ? `the header has ${[...index.keys()].map((h) => `"${h}"`).join(", ")}`
        : `found "${near}"; OneRoster header names are case-sensitive`;
    problems.push({
      file: table.file,
      line: 1,
      column: near === undefined ? 0 : (index.get(near) ?? -1) + 1,
      code: "missing-column",
      message: `${table.file} needs a "${name}" column (${hint})`,
    });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows = table.rows.map(({ fields, line }): BoundRow => ({
    line,
    get: (name) => (fields[index.get(name) ?? -1] ?? "").trim(),
    column: (name) => (index.get(name) ?? -1) + 1,
  }));
  return { rows, problems };
}

export type OneRosterVersion = "1.1" | "1.2";

export interface Manifest {
  readonly version: OneRosterVersion;
  /** `file.<name>` -> `absent` | `bulk` | `delta`. */
  readonly files: ReadonlyMap<string, string>;
}

/** Reads manifest.csv: `oneroster.version` must be 1.1 or 1.2. */
export function readManifest(table: CsvTable): Manifest | RowProblem[] {
  const bound = bindOneRosterTable(table, ["propertyName", "value"]);
  if (bound.problems.length > 0) return bound.problems;
  const properties = new Map<string, { value: string; row: BoundRow }>();
  for (const row of bound.rows) properties.set(row.get("propertyName"), { value: row.get("value"), row });
  const version = properties.get("oneroster.version");
  if (version === undefined) {
    return [
      {
        file: table.file,
        line: 1,
        column: 0,
        code: "missing-version",
        message: "manifest.csv has no oneroster.version row",
      },
    ];
  }
  if (version.value !== "1.1" && version.value !== "1.2") {
    return [
      {
        file: table.file,
        line: version.row.line,
        column: version.row.column("value"),
        code: "unsupported-version",
        message: `oneroster.version ${JSON.stringify(version.value)} is not supported (1.1 or 1.2)`,
      },
    ];
  }
  const files = new Map<string, string>();
  for (const [name, { value }] of properties) if (name.startsWith("file.")) files.set(name.slice(5), value);
  return { version: version.value, files };
}
