/**
 * Reads a OneRoster 1.1 / 1.2 bulk CSV set (a folder: manifest.csv, orgs.csv, users.csv,
 * demographics.csv, enrollments.csv and, in 1.2, roles.csv) into canonical student
 * records. Courses, classes and academic sessions are not needed for students and are
 * not read. The row mapping is the core's (src/core/import/oneroster-*.ts).
 *
 * The manifest decides: `oneroster.version` must be 1.1 or 1.2; a needed file marked
 * `delta` is refused (a delta set updates a roster we do not keep); a file marked
 * `bulk` must be there, and a file marked `absent` is not read (a present one is
 * reported as a mismatch, as the binding asks).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { StudentRecord } from "../../core/data/records.js";
import type { RowProblem } from "../../core/problem.js";
import { readManifest, type CsvTable, type OneRosterVersion } from "../../core/import/oneroster-table.js";
import {
  mapOneRosterStudents,
  type OneRosterCounts,
  type OneRosterOptions,
  type OneRosterTables,
} from "../../core/import/oneroster-students.js";
import { scanImportCsv } from "./scan-import-csv.js";

export interface LoadedOneRosterSet {
  readonly version: OneRosterVersion | null;
  /** Null when the set cannot be mapped (the problems say why). */
  readonly tables: OneRosterTables | null;
  /** Manifest and file problems, and records the scanner could not read. */
  readonly problems: RowProblem[];
  /** The files read, by name (`manifest.csv`, `users.csv`, ...). */
  readonly files: readonly string[];
}

/** Reads the manifest and the tables it marks bulk that students need. */
export async function loadOneRosterSet(dir: string): Promise<LoadedOneRosterSet> {
  const problems: RowProblem[] = [];
  const files: string[] = [];
  const none = { version: null, tables: null, problems, files };
  const manifestTable = await readTable(dir, "manifest.csv", problems, files);
  if (manifestTable === null) return none;
  const manifest = readManifest(manifestTable);
  if (Array.isArray(manifest)) {
    problems.push(...manifest);
    return none;
  }
  const load = async (name: string, required: boolean): Promise<CsvTable | null> => {
    const file = `${name}.csv`;
    const mode = manifest.files.get(name) ?? "absent";
    const present = existsSync(join(dir, file));
    const problem = (code: string, message: string): null => {
      problems.push({ file: "manifest.csv", line: 0, column: 0, code, message });
      return null;
    };
    if (mode === "delta")
      return problem("delta-not-supported", `file.${name} is delta; only bulk sets can be imported`);
    if (mode === "bulk" && !present)
      return problem("missing-file", `the manifest lists ${file} as bulk but the set has no ${file}`);
    if (mode === "absent" && present)
      problem("manifest-mismatch", `the manifest says ${file} is absent but the set has one; it is not read`);
    if (mode !== "bulk")
      return required
        ? problem("missing-file", `a OneRoster set needs ${file} (file.${name} is ${mode})`)
        : null;
    return readTable(dir, file, problems, files);
  };
  const orgs = await load("orgs", true);
  const users = await load("users", true);
  const demographics = await load("demographics", false);
  const enrollments = await load("enrollments", false);
  const roles = manifest.version === "1.2" ? await load("roles", true) : null;
  if (orgs === null || users === null || (manifest.version === "1.2" && roles === null)) {
    return { ...none, version: manifest.version };
  }
  return {
    version: manifest.version,
    tables: { orgs, users, demographics, enrollments, roles },
    problems,
    files,
  };
}

export async function readOneRosterSet(
  dir: string,
  options: OneRosterOptions = {},
): Promise<{
  students: StudentRecord[];
  problems: RowProblem[];
  counts: OneRosterCounts;
  version: string | null;
}> {
  const loaded = await loadOneRosterSet(dir);
  if (loaded.tables === null || loaded.version === null) {
    const counts = { users: 0, students: 0, rejected: 0, notStudents: 0 };
    return { students: [], problems: loaded.problems, counts, version: loaded.version };
  }
  const mapped = mapOneRosterStudents(loaded.version, loaded.tables, options);
  return {
    students: mapped.students,
    problems: [...loaded.problems, ...mapped.problems],
    counts: mapped.counts,
    version: loaded.version,
  };
}

async function readTable(
  dir: string,
  file: string,
  problems: RowProblem[],
  files: string[],
): Promise<CsvTable | null> {
  const path = join(dir, file);
  if (!existsSync(path)) {
    problems.push({ file, line: 0, column: 0, code: "missing-file", message: `the set has no ${file}` });
    return null;
  }
  files.push(file);
  let header: string[] = [];
  const rows: { fields: readonly string[]; line: number }[] = [];
  await scanImportCsv(
    path,
    file,
    {
      header(fields) {
        header = [...fields];
        return true;
      },
      row(fields, line) {
        rows.push({ fields: [...fields], line });
      },
    },
    problems,
  );
  return { file, header, rows };
}
