import { describe, it, expect } from "vitest";
import { join } from "node:path";
import { readDatasSessions, readDatasStudents } from "../../src/adapters/importers/datas.js";

const dir = join(import.meta.dirname, "../fixtures/importers/datas");
const session = (o: Record<string, unknown>) => ({
  sessionId: null,
  contractId: "C-1",
  tutorId: null,
  groupSize: null,
  attended: true,
  ...o,
});

describe("DATAS sessions importer", () => {
  it("maps duration, ratio and attendance status, and rejects bad rows with where and why", async () => {
    const r = await readDatasSessions(join(dir, "sessions.csv"), { contractId: "C-1" });
    expect(r.sessions).toEqual([
      session({ studentId: "S2001", tutorId: "T100", sessionDate: "2026-09-08", minutes: 35, groupSize: 3 }),
      session({ studentId: "S2001", tutorId: "T100", sessionDate: "2026-09-10", minutes: 30, groupSize: 3 }),
      session({
        studentId: "S2002",
        tutorId: "T100",
        sessionDate: "2026-09-08",
        minutes: 0,
        groupSize: 3,
        attended: false,
      }),
      session({ studentId: "S2004", sessionDate: "2026-09-16", minutes: 25, attended: false }),
    ]);
    expect(r.problems).toEqual([
      {
        file: "sessions.csv",
        line: 5,
        column: 3,
        code: "bad-date",
        message:
          'session_date: "9/10/2026" is not an ISO 8601 date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)',
      },
      {
        file: "sessions.csv",
        line: 6,
        column: 7,
        code: "bad-status",
        message:
          'attendance_status "maybe" is not one of: present, attended, in attendance, completed, tardy, late, absent, no-show, no show, excused absence, unexcused absence, canceled, cancelled',
      },
      {
        file: "sessions.csv",
        line: 7,
        column: 5,
        code: "bad-ratio",
        message: 'session_ratio "2:6" is not one tutor to N students, like "1:3"',
      },
      { file: "sessions.csv", line: 8, column: 1, code: "required", message: "student_id is required" },
      {
        file: "sessions.csv",
        line: 9,
        column: 4,
        code: "required",
        message: "session_duration is required (or both session_start_time and session_end_time)",
      },
      {
        file: "sessions.csv",
        line: 10,
        column: 4,
        code: "bad-integer",
        message: 'session_duration: "25.5" is not a whole number',
      },
    ]);
    expect(r.counts).toEqual({ rows: 10, accepted: 4, rejected: 6 });
  });

  it("computes minutes from start and end times and reads aliased, differently cased headers", async () => {
    const r = await readDatasSessions(join(dir, "sessions-times.csv"), { contractId: "C-1" });
    expect(r.sessions).toEqual([
      session({
        sessionId: "X1",
        studentId: "S2001",
        tutorId: "T100",
        sessionDate: "2026-09-15",
        minutes: 35,
        groupSize: 3,
      }),
      session({
        sessionId: "X2",
        studentId: "S2002",
        tutorId: "T100",
        sessionDate: "2026-09-15",
        minutes: 30,
        attended: false,
      }),
    ]);
    expect(r.problems.map((p) => [p.line, p.column, p.code, p.message])).toEqual([
      [4, 4, "time-order", "session_end_time is before session_start_time"],
      [5, 4, "not-whole-minutes", "session_end_time - session_start_time is not a whole number of minutes"],
      [6, 7, "bad-status", expect.stringContaining('attendance_status "scheduled" is not one of')],
      [7, 3, "bad-time", "session_start_time must be a time on the session date 2026-09-17"],
    ]);
    expect(r.counts).toEqual({ rows: 6, accepted: 2, rejected: 4 });
  });

  it("rejects a file whose header misspells a required column, naming the columns found", async () => {
    const r = await readDatasSessions(join(dir, "sessions-misspelled.csv"), { contractId: "C-1" });
    expect(r.sessions).toEqual([]);
    expect(r.problems).toEqual([
      {
        file: "sessions-misspelled.csv",
        line: 1,
        column: 0,
        code: "missing-column",
        message:
          'sessions-misspelled.csv needs a "session_date" column (or "session_datetime"); the header has "student_id", "session_topic", "sesion_date", "session_duration", "session_ratio", "tutor_id"',
      },
    ]);
    expect(r.counts).toEqual({ rows: 2, accepted: 0, rejected: 2 });
  });
});

describe("DATAS students importer", () => {
  it("maps grade, demographics and the three flags, blank flags false and counted", async () => {
    const r = await readDatasStudents(join(dir, "students.csv"));
    const base = {
      gender: null,
      raceEthnicity: null,
      economicallyDisadvantaged: false,
      englishLearner: false,
      specialEducation: false,
    };
    expect(r.students).toEqual([
      {
        ...base,
        studentId: "S2001",
        schoolId: "060000100001",
        grade: "6",
        gender: "Female",
        raceEthnicity: "White",
        economicallyDisadvantaged: true,
      },
      {
        ...base,
        studentId: "S2002",
        schoolId: "060000100001",
        grade: "6",
        gender: "Male",
        raceEthnicity: "Hispanic or Latino",
        englishLearner: true,
      },
      { ...base, studentId: "S2003", schoolId: "060000100002", grade: "PK" },
    ]);
    expect(r.problems).toEqual([
      {
        file: "students.csv",
        line: 5,
        column: 6,
        code: "bad-grade",
        message: 'current_grade_level: "13" is not a grade (PK, Pre-K, -1, K, 0, 1..12)',
      },
      {
        file: "students.csv",
        line: 6,
        column: 9,
        code: "bad-boolean",
        message: 'ell: "maybe" is not a boolean (true/false, t/f, yes/no, y/n, 1/0)',
      },
      { file: "students.csv", line: 7, column: 4, code: "required", message: "school_id is required" },
    ]);
    expect(r.counts).toEqual({ rows: 6, accepted: 3, rejected: 3, unknownFlags: 4 });
  });
});
