/**
 * Ed-Fi JSON (students from three resources, assessments, attendance events) and
 * OneRoster bulk sets imported through the use case into the store: counts, stored
 * rows, rejects with their JSON paths or files, and the rejects export without a header.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edfiImportSource } from "../../src/adapters/importers/edfi-source.js";
import { edfiStudentsSource } from "../../src/adapters/importers/edfi-students-source.js";
import { oneRosterSource } from "../../src/adapters/importers/oneroster-source.js";
import { FIXTURES, ImportStore, counts } from "./import-helpers.js";
import { TEST_STORES } from "./stores.js";

const dir = mkdtempSync(join(tmpdir(), "accord-sets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EDFI = join(FIXTURES, "edfi");
const edfiStudents = () =>
  edfiStudentsSource(join(EDFI, "student.ndjson"), {
    students: join(EDFI, "student.ndjson"),
    schoolAssociations: join(EDFI, "studentSchoolAssociation.json"),
    educationOrganizationAssociations: join(EDFI, "studentEducationOrganizationAssociation.ndjson"),
  });
const edfi = (name: string, contractId: string | null = null) =>
  edfiImportSource(join(EDFI, name), { format: null, contractId });

describe.each(TEST_STORES)("Ed-Fi and OneRoster on $name", (store) => {
  const s = new ImportStore(store);
  beforeAll(() => s.open());
  afterAll(() => s.close());

  it("imports Ed-Fi students joined from three files as one batch, keeping no names with the rejects", async () => {
    s.next();
    const r = await s.import(edfiStudents());
    // Three students; nine rejects over the three files (rows = accepted + rejects).
    expect(counts(r)).toEqual({
      format: "edfi-students",
      rows: 12,
      accepted: 3,
      rejected: 9,
      unchanged: 0,
      replaced: 0,
    });
    expect(
      await s.rows(
        `SELECT student_id, school_id, grade, gender, race_ethnicity, english_learner, special_education,
                economically_disadvantaged, source_line FROM students WHERE district_id = $1 ORDER BY student_id`,
      ),
    ).toEqual([
      {
        student_id: "604821",
        school_id: "255901321",
        grade: "6",
        gender: "Female",
        race_ethnicity: "White",
        english_learner: false,
        special_education: true,
        economically_disadvantaged: true,
        source_line: 1,
      },
      {
        student_id: "604822",
        school_id: "255901107",
        grade: "K",
        gender: "Male",
        race_ethnicity: "Hispanic or Latino",
        english_learner: true,
        special_education: false,
        economically_disadvantaged: false,
        source_line: 2,
      },
      {
        student_id: "604826",
        school_id: "255901108",
        grade: "PK",
        gender: null,
        race_ethnicity: "Two or more races",
        english_learner: true,
        special_education: false,
        economically_disadvantaged: false,
        source_line: 7,
      },
    ]);
    const table = await s.rejectsTable(r);
    expect(table[0]).toEqual(["reason", "record"]);
    expect(table.slice(1).map(([reason]) => reason)).toEqual([
      "line 3: bad-json: student.ndjson: the line is not a JSON value",
      expect.stringMatching(/^line 4, \$\.studentUniqueId: ambiguous-school-association: student\.ndjson: /),
      "line 5, $.studentUniqueId: missing-school-association: student.ndjson: the student has no school association",
      expect.stringMatching(/^line 6, \$\.studentUniqueId: rejected-school-association: /),
      expect.stringMatching(/^line 8, \$\.studentUniqueId: missing-education-organization-association: /),
      expect.stringMatching(/^line 9, \$\.studentUniqueId: rejected-education-organization-association: /),
      expect.stringMatching(
        /^line 7, \$\.limitedEnglishProficiencyDescriptor: bad-descriptor: studentEducationOrganizationAssociation\.ndjson: /,
      ),
      expect.stringMatching(
        /^line 69, \$\[5\]\.entryGradeLevelDescriptor: bad-grade: studentSchoolAssociation\.json: /,
      ),
      expect.stringMatching(/^line 125, \$\[9\]\.studentReference\.studentUniqueId: unknown-student: /),
    ]);
    expect(JSON.parse(table[3]?.[1] ?? "")).toEqual({ studentUniqueId: "604824" });
    const stored = JSON.stringify(
      await s.rows("SELECT source_path, message, source_record FROM import_rejects WHERE district_id = $1"),
    );
    for (const personal of ["firstName", "lastSurname", "birthDate", "Avery", "Smith"])
      expect(stored).not.toContain(personal);
  });

  it("imports Ed-Fi assessments (named by the MAP Growth identifiers) and attendance events of a contract", async () => {
    s.next();
    await s.import(edfiStudents());
    const assessments = await s.import(edfi("studentAssessment.ndjson"));
    expect(counts(assessments)).toEqual({
      format: "edfi-student-assessments",
      rows: 5,
      accepted: 1,
      rejected: 4,
      unchanged: 0,
      replaced: 0,
    });
    expect(await s.rejects(assessments)).toEqual([
      [2, "$.scoreResults[0].result", "bad-decimal"],
      [3, "$.studentReference.studentUniqueId", "unknown-student"],
      [4, "$.scoreResults[1].result", "out-of-range"],
      [5, "$.studentReference.studentUniqueId", "unknown-student"],
    ]);
    expect(
      await s.rows(
        `SELECT student_id, assessment, subject, "window", test_date, scale_score, percentile
           FROM assessment_results WHERE district_id = $1`,
      ),
    ).toEqual([
      {
        student_id: "604821",
        assessment: "MAP Growth",
        subject: "math",
        window: "2027-spring",
        test_date: "2027-05-12",
        scale_score: "233",
        percentile: 32,
      },
    ]);
    const table = await s.rejectsTable(assessments);
    expect(table[1]?.[0]).toMatch(/^line 2, \$\.scoreResults\[0\]\.result: bad-decimal: RIT scale score: /);
    expect(JSON.parse(table[1]?.[1] ?? "")).toMatchObject({ studentAssessmentIdentifier: "711521235" });

    expect(await s.import(edfi("studentInterventionAttendanceEvent.ndjson"))).toMatchObject({
      kind: "invalid",
      problems: [{ code: "contract-required" }],
    });
    await s.addContract("C1");
    const events = await s.import(edfi("studentInterventionAttendanceEvent.ndjson", "C1"));
    expect(counts(events)).toEqual({
      format: "edfi-attendance-events",
      rows: 6,
      accepted: 2,
      rejected: 4,
      unchanged: 0,
      replaced: 0,
    });
    expect(await s.rejects(events)).toEqual([
      [3, "$.eventDate", "bad-date"],
      [4, "$.attendanceEventCategoryDescriptor", "bad-status"],
      [5, 0, "bad-json"],
      [6, "$.interventionDuration", "bad-integer"],
    ]);
    expect(
      await s.rows(
        "SELECT contract_id, student_id, session_date, minutes, attended FROM service_sessions WHERE district_id = $1 ORDER BY source_line",
      ),
    ).toEqual([
      { contract_id: "C1", student_id: "604821", session_date: "2026-10-06", minutes: 35, attended: true },
      { contract_id: "C1", student_id: "604821", session_date: "2026-10-08", minutes: 0, attended: false },
    ]);
  });

  it("refuses a JSON array broken half-way, keeping none of the resources before the fault", async () => {
    s.next();
    const path = join(dir, "broken.json");
    const good = JSON.stringify({
      studentReference: { studentUniqueId: "1" },
      assessmentReference: { assessmentIdentifier: "MAP_Growth_Mathematics" },
    });
    writeFileSync(path, `[\n${good},\n${good},\n{"studentReference": ]`);
    const r = await s.import(edfiImportSource(path, { format: null, contractId: null }));
    expect(r).toEqual({
      kind: "invalid",
      file: path,
      problems: [
        { file: path, line: 4, column: 0, code: "bad-json", message: "the file is not a valid JSON array" },
      ],
    });
    expect(await s.rows("SELECT 1 FROM import_batches WHERE district_id = $1")).toEqual([]);
  });

  it("imports a OneRoster set as one batch of students, with flags from the folder's students.csv", async () => {
    s.next();
    const set = join(dir, "roster");
    cpSync(join(FIXTURES, "oneroster-1.1"), set, { recursive: true });
    writeFileSync(
      join(set, "students.csv"),
      "student_id,school_id,grade,english_learner,special_education\nS2001,x,6,y,n\nS2002,x,6,n,y\nS9999,x,6,y,y\n",
    );
    const r = await s.import(oneRosterSource(set));
    expect(counts(r)).toEqual({
      format: "oneroster",
      rows: 9,
      accepted: 3,
      rejected: 6,
      unchanged: 0,
      replaced: 0,
    });
    expect(r.kind === "imported" && r.notes).toEqual([
      "1 roster students have no row in students.csv: their three flags are false",
    ]);
    expect(
      await s.rows(
        `SELECT student_id, school_id, grade, gender, english_learner, special_education, source_line
           FROM students WHERE district_id = $1 ORDER BY student_id`,
      ),
    ).toEqual([
      {
        student_id: "S2001",
        school_id: "060000100001",
        grade: "6",
        gender: "Female",
        english_learner: true,
        special_education: false,
        source_line: 3,
      },
      {
        student_id: "S2002",
        school_id: "060000100001",
        grade: "6",
        gender: "Male",
        english_learner: false,
        special_education: true,
        source_line: 4,
      },
      {
        student_id: "S2003",
        school_id: "060000100001",
        grade: "K",
        gender: "Female",
        english_learner: false,
        special_education: false,
        source_line: 5,
      },
    ]);
    const table = await s.rejectsTable(r);
    expect(table.slice(1).map(([reason]) => reason)).toEqual([
      expect.stringMatching(/^line 5, column 10: bad-boolean: demographics\.csv: white: /),
      'line 6, column 6: unknown-user: enrollments.csv: student "stu-9" is not in users.csv',
      'line 4: not-in-roster: students.csv: student "S9999" is not a student of the OneRoster set; its flags are not used',
      'line 6, column 17: bad-grade: users.csv: grades: "TK" is not a grade (PK, K, 1..12)',
      expect.stringMatching(/^line 7, column 6: bad-role: users\.csv: /),
      "line 8, column 12: required: users.csv: identifier is required for a student",
    ]);
    expect(JSON.parse(table[4]?.[1] ?? "")).toEqual(expect.arrayContaining(["stu-4", "TK"]));
    // The same set again is a no-op.
    expect(await s.import(oneRosterSource(set))).toMatchObject({ kind: "unchanged", format: "oneroster" });
  });

  it("refuses a OneRoster set whose manifest or needed columns are wrong, storing nothing", async () => {
    s.next();
    expect(await s.import(oneRosterSource(join(FIXTURES, "oneroster-bad-version")))).toMatchObject({
      kind: "invalid",
      problems: [{ line: 3, column: 2, code: "unsupported-version" }],
    });
    expect(await s.import(oneRosterSource(join(FIXTURES, "oneroster-1.2-misspelled")))).toMatchObject({
      kind: "invalid",
      problems: [
        {
          file: join(FIXTURES, "oneroster-1.2-misspelled", "users.csv"),
          line: 1,
          column: 10,
          code: "missing-column",
        },
      ],
    });
    expect(await s.rows("SELECT 1 FROM import_batches WHERE district_id = $1")).toEqual([]);
  });
});
