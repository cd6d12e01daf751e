/**
 * A OneRoster 1.1 / 1.2 bulk set (a folder with manifest.csv) as one import source of
 * students (format `oneroster`). The set is read by oneroster.ts and mapped by the core;
 * OneRoster has no English-learner, special-education or economic-disadvantage flags,
 * so when the folder also holds a canonical students.csv, the three flags of each roster
 * student are taken from its row there (`mergeStudentFlags`).
 *
 * The set is refused whole when the manifest, a needed file or a needed column is
 * wrong. Otherwise a batch row is a roster student at its users.csv line; a row problem
 * of any file of the set is a reject at its line and column, its message starting with
 * the file's name, kept with its cells; so is a students.csv row that names no roster
 * student. The tables are held in memory while they are joined: a roster, not a log.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ImportItem, ImportSource, OpenSource } from "../../app/ports/import.js";
import type { StudentRecord } from "../../core/data/records.js";
import { RowError } from "../../core/data/row-cells.js";
import type { RowProblem } from "../../core/problem.js";
import { canonical } from "../../core/import/canonical.js";
import { CANONICAL_CSV_FORMATS } from "../../core/import/canonical-csv.js";
import { mergeStudentFlags } from "../../core/import/oneroster-flags.js";
import { mapOneRosterStudents } from "../../core/import/oneroster-students.js";
import { loadOneRosterSet } from "./oneroster.js";
import { scanImportCsv } from "./scan-import-csv.js";
import { joinedSetSource, setSha256 } from "./set-files.js";

/** The files of a OneRoster 1.1 / 1.2 CSV binding: in a set's folder they belong to the set. */
export const ONEROSTER_FILES: ReadonlySet<string> = new Set(
  [
    "manifest",
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courses",
    "courseResources",
    "demographics",
    "enrollments",
    "lineItems",
    "lineItemLearningObjectiveIds",
    "lineItemScoreScales",
    "orgs",
    "resources",
    "results",
    "resultLearningObjectiveIds",
    "resultScoreScales",
    "roles",
    "scoreScales",
    "userProfiles",
    "userResources",
    "users",
  ].map((name) => `${name}.csv`),
);

/** The files whose contents the import reads: a change elsewhere leaves the set imported. */
const READ = ["manifest", "orgs", "users", "demographics", "enrollments", "roles", "students"];
const FLAGS_FILE = "students.csv";
/** Scanner codes: a record of a table that could not be read, a reject of its own. */
const UNREADABLE = new Set(["bad-quote", "unterminated-quote", "row-too-long", "bad-encoding"]);

export function oneRosterSource(dir: string): ImportSource {
  const members = READ.map((name) => [name, join(dir, `${name}.csv`)] as const).filter(([, p]) =>
    existsSync(p),
  );
  return { name: dir, sha256: () => setSha256(members), open: () => openOneRoster(dir, members) };
}

interface FlagRow {
  readonly line: number;
  readonly record: StudentRecord;
  readonly fields: readonly string[];
}

interface FlagRows {
  readonly rows: Map<string, FlagRow>;
  readonly rejects: ImportItem[];
  readonly problems: RowProblem[];
}

/** The canonical students.csv of the set, for its flags. */
async function readFlagRows(dir: string): Promise<FlagRows> {
  const rows = new Map<string, FlagRow>();
  const rejects: ImportItem[] = [];
  const problems: RowProblem[] = [];
  const format = CANONICAL_CSV_FORMATS.students;
  let bound = format.bind([], { fileName: FLAGS_FILE, contractId: null });
  const scanned: RowProblem[] = [];
  await scanImportCsv(
    join(dir, FLAGS_FILE),
    FLAGS_FILE,
    {
      header(fields) {
        bound = format.bind(fields, { fileName: FLAGS_FILE, contractId: null });
        for (const p of bound.problems) problems.push({ file: FLAGS_FILE, line: 1, ...p });
        return bound.problems.length === 0;
      },
      row(fields, line) {
        const mapped = bound.map(fields, fields.length);
        if (mapped instanceof RowError) {
          const { column, code, message } = mapped;
          rejects.push({
            kind: "reject",
            line,
            column,
            path: null,
            code,
            message: `${FLAGS_FILE}: ${message}`,
            original: [...fields],
          });
        } else if (mapped.record.kind === "students") {
          const record = mapped.record.record;
          rows.set(record.studentId, { line, record, fields: [...fields] });
        }
      },
    },
    scanned,
  );
  for (const p of scanned) {
    if (UNREADABLE.has(p.code) && p.line > 1)
      rejects.push({
        kind: "reject",
        line: p.line,
        column: p.column,
        path: null,
        code: p.code,
        message: `${FLAGS_FILE}: ${p.message}`,
        original: null,
      });
    else problems.push(p);
  }
  return { rows, rejects, problems };
}

async function openOneRoster(
  dir: string,
  members: readonly (readonly [string, string])[],
): Promise<OpenSource | { problems: RowProblem[] }> {
  const loaded = await loadOneRosterSet(dir);
  const inSet = (p: RowProblem): RowProblem => ({ ...p, file: join(dir, p.file) });
  const unreadable = (p: RowProblem): boolean => UNREADABLE.has(p.code) && p.line > 1;
  const fatal = loaded.problems.filter((p) => !unreadable(p) && p.code !== "manifest-mismatch");
  if (loaded.tables === null || loaded.version === null || fatal.length > 0)
    return { problems: fatal.map(inSet) };
  const mapped = mapOneRosterStudents(loaded.version, loaded.tables);
  const headerProblems = mapped.problems.filter((p) => p.code === "missing-column");
  const flags = existsSync(join(dir, FLAGS_FILE)) ? await readFlagRows(dir) : null;
  if (headerProblems.length > 0 || (flags?.problems.length ?? 0) > 0)
    return { problems: [...headerProblems, ...(flags?.problems ?? [])].map(inSet) };

  const cells = new Map<string, Map<number, readonly string[]>>();
  const { orgs, users, demographics, enrollments, roles } = loaded.tables;
  for (const table of [orgs, users, demographics, enrollments, roles])
    if (table !== null) cells.set(table.file, new Map(table.rows.map((r) => [r.line, r.fields])));
  const merged =
    flags === null
      ? null
      : mergeStudentFlags(
          mapped.students,
          [...flags.rows.values()].map((r: FlagRow) => r.record),
        );
  const students = merged?.students ?? mapped.students;
  const items: ImportItem[] = students.map((student, i) => {
    const line = mapped.lines[i] ?? 0;
    const original = cells.get(users.file)?.get(line) ?? null;
    return { kind: "row", line, record: canonical("students", student), student: null, root: null, original };
  });
  for (const p of [...loaded.problems.filter(unreadable), ...mapped.problems]) {
    const original = cells.get(p.file)?.get(p.line) ?? null;
    items.push({
      kind: "reject",
      line: p.line,
      column: p.column,
      path: null,
      code: p.code,
      message: `${p.file}: ${p.message}`,
      original,
    });
  }
  for (const id of merged?.unknownIds ?? []) {
    const row = flags?.rows.get(id);
    if (row === undefined) continue;
    items.push({
      kind: "reject",
      line: row.line,
      column: 0,
      path: null,
      code: "not-in-roster",
      message: `${FLAGS_FILE}: student ${JSON.stringify(id)} is not a student of the OneRoster set; its flags are not used`,
      original: row.fields,
    });
  }
  items.push(...(flags?.rejects ?? []));

  const notes = loaded.problems.filter((p) => p.code === "manifest-mismatch").map((p) => p.message);
  if (merged === null && students.length > 0)
    notes.push(
      `OneRoster has no english_learner, special_education or economically_disadvantaged flags: the ${students.length} students are imported with them false (add a canonical ${FLAGS_FILE} to the set for them)`,
    );
  else if (merged !== null && merged.withoutFlags.length > 0)
    notes.push(
      `${merged.withoutFlags.length} roster students have no row in ${FLAGS_FILE}: their three flags are false`,
    );
  const total = members.reduce((sum, [, path]) => sum + statSync(path).size, 0);
  return joinedSetSource("oneroster", items, total, notes);
}
