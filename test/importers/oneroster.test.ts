import { describe, it, expect } from "vitest";
import { join } from "node:path";
import { readOneRosterSet } from "../../src/adapters/importers/oneroster.js";
import { mergeStudentFlags } from "../../src/core/import/oneroster-flags.js";
import type { StudentRecord } from "../../src/core/data/records.js";

const dir = (name: string) => join(import.meta.dirname, "../fixtures/importers", name);
const student = (o: Partial<StudentRecord>): StudentRecord => ({
  studentId: "",
  schoolId: "060000100001",
  grade: "6",
  gender: null,
  raceEthnicity: null,
  economicallyDisadvantaged: false,
  englishLearner: false,
  specialEducation: false,
  ...o,
});
const S2001 = student({ studentId: "S2001", gender: "Female", raceEthnicity: "White" });
const S2002 = student({ studentId: "S2002", gender: "Male", raceEthnicity: "Hispanic or Latino" });

describe("OneRoster 1.1 bulk set", () => {
  it("imports students only, with school, grade and demographics, and rejects the rest with where and why", async () => {
    const r = await readOneRosterSet(dir("oneroster-1.1"));
    expect(r.version).toBe("1.1");
    expect(r.students).toEqual([
      S2001,
      S2002,
      student({ studentId: "S2003", grade: "K", gender: "Female", raceEthnicity: "Asian" }),
    ]);
    expect(r.problems).toEqual([
      {
        file: "demographics.csv",
        line: 5,
        column: 10,
        code: "bad-boolean",
        message: 'white: "maybe" is not a boolean (true/false, t/f, yes/no, y/n, 1/0)',
      },
      {
        file: "enrollments.csv",
        line: 6,
        column: 6,
        code: "unknown-user",
        message: 'student "stu-9" is not in users.csv',
      },
      {
        file: "users.csv",
        line: 6,
        column: 17,
        code: "bad-grade",
        message: 'grades: "TK" is not a grade (PK, K, 1..12)',
      },
      {
        file: "users.csv",
        line: 7,
        column: 6,
        code: "bad-role",
        message: 'role "Student" must be written "student" (OneRoster values are case-sensitive)',
      },
      {
        file: "users.csv",
        line: 8,
        column: 12,
        code: "required",
        message: "identifier is required for a student",
      },
    ]);
    expect(r.counts).toEqual({ users: 9, students: 3, rejected: 4, notStudents: 2 });
  });

  it("can key students by sourcedId and schools by their sourcedId", async () => {
    const r = await readOneRosterSet(dir("oneroster-1.1"), { studentId: "sourcedId", schoolId: "sourcedId" });
    expect(r.students.map((s) => [s.studentId, s.schoolId])).toEqual([
      ["stu-1", "sch-1"],
      ["stu-2", "sch-1"],
      ["stu-3", "sch-1"],
      ["stu-6", "sch-1"],
    ]);
  });
});

describe("OneRoster 1.2 bulk set", () => {
  it("takes students from roles.csv and the school from the primary org or the student role", async () => {
    const r = await readOneRosterSet(dir("oneroster-1.2"));
    expect(r.version).toBe("1.2");
    expect(r.students).toEqual([S2001, S2002, student({ studentId: "S2003", grade: "5" })]);
    expect(r.problems).toEqual([
      {
        file: "roles.csv",
        line: 7,
        column: 4,
        code: "unknown-user",
        message: 'student "stu-9" is not in users.csv',
      },
      {
        file: "users.csv",
        line: 6,
        column: 15,
        code: "bad-grade",
        message: 'grades "05,06" names several grades',
      },
    ]);
    expect(r.counts).toEqual({ users: 5, students: 3, rejected: 1, notStudents: 1 });
  });

  it("reports a needed header written in another case instead of matching it", async () => {
    const r = await readOneRosterSet(dir("oneroster-1.2-misspelled"));
    expect(r.students).toEqual([]);
    expect(r.problems).toEqual([
      {
        file: "users.csv",
        line: 1,
        column: 10,
        code: "missing-column",
        message:
          'users.csv needs a "identifier" column (found "Identifier"; OneRoster header names are case-sensitive)',
      },
    ]);
    expect(r.counts).toEqual({ users: 3, students: 0, rejected: 0, notStudents: 0 });
  });

  it("refuses a set whose manifest names another OneRoster version", async () => {
    const r = await readOneRosterSet(dir("oneroster-bad-version"));
    expect(r.students).toEqual([]);
    expect(r.problems).toEqual([
      {
        file: "manifest.csv",
        line: 3,
        column: 2,
        code: "unsupported-version",
        message: 'oneroster.version "1.0" is not supported (1.1 or 1.2)',
      },
    ]);
  });
});

describe("mergeStudentFlags", () => {
  it("takes the three flags from canonical rows by student id and lists students without a row", () => {
    const flags = [
      student({
        studentId: "S2002",
        schoolId: "x",
        grade: "7",
        englishLearner: true,
        economicallyDisadvantaged: true,
      }),
      student({ studentId: "S9999", specialEducation: true }),
    ];
    const merged = mergeStudentFlags([S2001, S2002], flags);
    expect(merged.students).toEqual([
      S2001,
      { ...S2002, englishLearner: true, economicallyDisadvantaged: true },
    ]);
    expect(merged.withoutFlags).toEqual(["S2001"]);
    expect(merged.unknownIds).toEqual(["S9999"]);
  });
});
