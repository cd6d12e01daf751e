/**
 * A OneRoster 1.1 / 1.2 bulk set to canonical `StudentRecord`s.
 *
 * Mapping (decisions):
 * - Students: 1.1 users whose `role` is `student`; 1.2 users with a `student` row in
 *   roles.csv. Other users (teachers, aides) are counted, not imported. A roles or
 *   enrollments row naming a student that users.csv lacks is a problem on that row.
 * - student_id <- the user's `identifier` (the SIS local id, the id data-v1 asks for and
 *   the one assessment and tutoring files carry); `{ studentId: "sourcedId" }` chooses the
 *   sourcedId. An empty identifier rejects the student: ids are never mixed.
 * - school_id <- the `identifier` of the user's school org (`{ schoolId: "sourcedId" }`
 *   for its sourcedId). The school is the one org of type `school` among the user's
 *   orgs (1.1 `orgSourcedIds`; 1.2 `primaryOrgSourcedId`, else the student roles'
 *   orgs), else the one school of the user's student enrollments; none or several
 *   schools reject the student.
 * - grade <- `grades`, one CEDS code: `PK`, `KG`, `01`..`12` (also `K`, `1`..`12`);
 *   `TK`, `13`, `UG`, `Other`, or several grades reject the student.
 * - gender, race_ethnicity <- demographics.csv (oneroster-demographics.ts); a student
 *   whose demographics row is rejected is not imported.
 * - EL, SWD and ED flags: OneRoster has none; they are false here and must be merged
 *   from a canonical students.csv (`mergeStudentFlags`).
 */
import type { StudentRecord } from "../data/records.js";
import type { RowProblem } from "../problem.js";
import { CellError, parseGradeCell, show } from "../data/cells.js";
import {
  bindOneRosterTable,
  type BoundRow,
  type CsvTable,
  type OneRosterVersion,
} from "./oneroster-table.js";
import { DEMOGRAPHICS_COLUMNS, mapDemographicsRow, type Demographics } from "./oneroster-demographics.js";

export interface OneRosterTables {
  readonly orgs: CsvTable;
  readonly users: CsvTable;
  readonly demographics: CsvTable | null;
  readonly enrollments: CsvTable | null;
  /** Required in 1.2, where users.csv has no role column. */
  readonly roles: CsvTable | null;
}

export interface OneRosterOptions {
  readonly studentId?: "identifier" | "sourcedId";
  readonly schoolId?: "identifier" | "sourcedId";
}

export interface OneRosterCounts {
  readonly users: number;
  readonly students: number;
  readonly rejected: number;
  readonly notStudents: number;
}

export function mapOneRosterStudents(
  version: OneRosterVersion,
  tables: OneRosterTables,
  options: OneRosterOptions = {},
): { students: StudentRecord[]; lines: number[]; problems: RowProblem[]; counts: OneRosterCounts } {
  const problems: RowProblem[] = [];
  const bind = (table: CsvTable | null, needed: readonly string[]): BoundRow[] => {
    if (table === null) return [];
    const bound = bindOneRosterTable(table, needed);
    problems.push(...bound.problems);
    return bound.rows;
  };
  const orgs = new Map(
    bind(tables.orgs, ["sourcedId", "type", "identifier"]).map((r) => [r.get("sourcedId"), r]),
  );
  const userColumns =
    version === "1.1"
      ? ["sourcedId", "orgSourcedIds", "role", "identifier", "grades"]
      : ["sourcedId", "identifier", "grades", "primaryOrgSourcedId"];
  const userRows = bind(tables.users, userColumns);
  if (problems.length > 0) {
    // Without orgs or users nothing can be mapped; the header problems say why.
    return {
      students: [],
      lines: [],
      problems,
      counts: { users: tables.users.rows.length, students: 0, rejected: 0, notStudents: 0 },
    };
  }
  const users = new Map<string, BoundRow>();
  for (const row of userRows) {
    const id = row.get("sourcedId");
    if (users.has(id))
      problems.push(
        at(tables.users.file, row, "sourcedId", "duplicate-id", `user ${show(id)} appears twice`),
      );
    else users.set(id, row);
  }
  const demographics = new Map<string, Demographics | null>();
  for (const row of bind(tables.demographics, DEMOGRAPHICS_COLUMNS)) {
    const mapped = mapDemographicsRow(tables.demographics?.file ?? "", row);
    if ("code" in mapped) {
      problems.push(mapped);
      demographics.set(row.get("sourcedId"), null);
    } else demographics.set(mapped.sourcedId, mapped);
  }
  const studentOrgs = collectStudentLinks(version, tables, bind, users, problems);
  const students: StudentRecord[] = [];
  /** The users.csv line of each student. */
  const lines: number[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  let notStudents = 0;
  for (const [sourcedId, row] of users) {
    const links = studentOrgs.get(sourcedId);
    const isStudent =
      version === "1.1" ? roleIsStudent(tables.users.file, row, "role", problems) : links?.hasRole === true;
    if (isStudent === null) {
      rejected++;
      continue;
    }
    if (!isStudent) {
      notStudents++;
      continue;
    }
    const student = mapStudent(tables.users.file, row, version, links, orgs, demographics, options);
    if (student === DEMOGRAPHICS_REJECTED) {
      rejected++;
    } else if ("code" in student) {
      problems.push(student);
      rejected++;
    } else if (seen.has(student.studentId)) {
      problems.push(
        at(
          tables.users.file,
          row,
          "identifier",
          "duplicate-student-id",
          `student id ${show(student.studentId)} belongs to two users`,
        ),
      );
      rejected++;
    } else {
      seen.add(student.studentId);
      students.push(student);
      lines.push(row.line);
    }
  }
  return {
    students,
    lines,
    problems,
    counts: { users: userRows.length, students: students.length, rejected, notStudents },
  };
}

interface StudentLinks {
  hasRole: boolean;
  roleOrgs: string[];
  enrollmentSchools: string[];
}

function collectStudentLinks(
  version: OneRosterVersion,
  tables: OneRosterTables,
  bind: (table: CsvTable | null, needed: readonly string[]) => BoundRow[],
  users: ReadonlyMap<string, BoundRow>,
  problems: RowProblem[],
): Map<string, StudentLinks> {
  const links = new Map<string, StudentLinks>();
  const linkOf = (id: string): StudentLinks => {
    const found = links.get(id) ?? { hasRole: false, roleOrgs: [], enrollmentSchools: [] };
    links.set(id, found);
    return found;
  };
  const sources: [CsvTable | null, string, string][] = [
    [tables.enrollments, "schoolSourcedId", "enrollments"],
  ];
  if (version === "1.2") {
    if (tables.roles === null) {
      problems.push({
        file: "roles.csv",
        line: 0,
        column: 0,
        code: "missing-file",
        message: "a OneRoster 1.2 set needs roles.csv to tell students from other users",
      });
    }
    sources.unshift([tables.roles, "orgSourcedId", "roles"]);
  }
  for (const [table, orgColumn, kind] of sources) {
    if (table === null) continue;
    for (const row of bind(table, ["userSourcedId", "role", orgColumn])) {
      const student = roleIsStudent(table.file, row, "role", problems);
      if (student !== true) continue;
      const userId = row.get("userSourcedId");
      if (!users.has(userId)) {
        problems.push(
          at(
            table.file,
            row,
            "userSourcedId",
            "unknown-user",
            `student ${show(userId)} is not in ${tables.users.file}`,
          ),
        );
        continue;
      }
      const link = linkOf(userId);
      if (kind === "roles") {
        link.hasRole = true;
        link.roleOrgs.push(row.get(orgColumn));
      } else link.enrollmentSchools.push(row.get(orgColumn));
    }
  }
  return links;
}

/** true / false, or null after recording a problem for a `Student`-like miscasing. */
function roleIsStudent(file: string, row: BoundRow, column: string, problems: RowProblem[]): boolean | null {
  const role = row.get(column);
  if (role === "student") return true;
  if (role.toLowerCase() !== "student") return false;
  problems.push(
    at(
      file,
      row,
      column,
      "bad-role",
      `role ${show(role)} must be written "student" (OneRoster values are case-sensitive)`,
    ),
  );
  return null;
}

const DEMOGRAPHICS_REJECTED = Symbol("demographics rejected");

function mapStudent(
  file: string,
  row: BoundRow,
  version: OneRosterVersion,
  links: StudentLinks | undefined,
  orgs: ReadonlyMap<string, BoundRow>,
  demographics: ReadonlyMap<string, Demographics | null>,
  options: OneRosterOptions,
): StudentRecord | RowProblem | typeof DEMOGRAPHICS_REJECTED {
  const idColumn = options.studentId ?? "identifier";
  const studentId = row.get(idColumn);
  if (studentId === "") return at(file, row, idColumn, "required", `${idColumn} is required for a student`);
  const orgColumn = version === "1.1" ? "orgSourcedIds" : "primaryOrgSourcedId";
  const named =
    version === "1.1" ? splitList(row.get(orgColumn)) : [row.get(orgColumn)].filter((o) => o !== "");
  const candidates = [...new Set(named.length > 0 ? named : (links?.roleOrgs ?? []))];
  const unknown = candidates.find((o) => !orgs.has(o));
  if (unknown !== undefined)
    return at(file, row, orgColumn, "unknown-org", `org ${show(unknown)} is not in orgs.csv`);
  let schools = candidates.filter((o) => orgs.get(o)?.get("type") === "school");
  if (schools.length === 0) schools = [...new Set(links?.enrollmentSchools ?? [])];
  if (schools.length !== 1) {
    const why =
      schools.length === 0
        ? "no school org and no student enrollment"
        : `several schools (${schools.join(", ")})`;
    return at(file, row, orgColumn, "school", `the student has ${why}`);
  }
  const school = orgs.get(schools[0] ?? "");
  const schoolId = school?.get(options.schoolId ?? "identifier") ?? "";
  if (school === undefined || schoolId === "") {
    return at(
      file,
      row,
      orgColumn,
      "school",
      `school ${show(schools[0] ?? "")} has no ${options.schoolId ?? "identifier"} in orgs.csv`,
    );
  }
  const grades = splitList(row.get("grades"));
  if (grades.length !== 1) {
    return at(
      file,
      row,
      "grades",
      grades.length === 0 ? "required" : "bad-grade",
      grades.length === 0
        ? "grades is required for a student"
        : `grades ${show(row.get("grades"))} names several grades`,
    );
  }
  const grade = parseGradeCell(grades[0] ?? "");
  if (grade instanceof CellError) return at(file, row, "grades", grade.code, `grades: ${grade.message}`);
  const demo = demographics.get(row.get("sourcedId"));
  if (demo === null) return DEMOGRAPHICS_REJECTED;
  return {
    studentId,
    schoolId,
    grade,
    gender: demo?.gender ?? null,
    raceEthnicity: demo?.raceEthnicity ?? null,
    economicallyDisadvantaged: false,
    englishLearner: false,
    specialEducation: false,
  };
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function at(file: string, row: BoundRow, column: string, code: string, message: string): RowProblem {
  return { file, line: row.line, column: row.column(column), code, message };
}
