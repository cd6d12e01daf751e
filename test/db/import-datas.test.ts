/**
 * DATAS tutoring files imported through the use case into the store: students (blank
 * flags counted), and sessions, which name no contract and take the one given.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, ImportStore, counts } from "./import-helpers.js";
import { TEST_STORES } from "./stores.js";

const dir = mkdtempSync(join(tmpdir(), "accord-datas-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
const students = (...rows: string[]): string => {
  const path = join(dir, `${++fileNo}-students.csv`);
  writeFileSync(path, ["student_id,school_id,grade,english_learner", ...rows].join("\n") + "\n");
  return path;
};

describe.each(TEST_STORES)("DATAS files on $name", (store) => {
  const s = new ImportStore(store);
  beforeAll(() => s.open());
  afterAll(() => s.close());

  it("imports DATAS students, replacing stored ones, and says how many blank flags were read as false", async () => {
    s.next();
    await s.importCsv(students("S2001,OLD,5,y"));
    const r = await s.importCsv(join(FIXTURES, "datas/students.csv"));
    expect(counts(r)).toEqual({
      format: "datas-students",
      rows: 6,
      accepted: 3,
      rejected: 3,
      unchanged: 0,
      replaced: 1,
    });
    expect(r.kind === "imported" && r.notes).toEqual([
      "4 blank ell, iep or economic_disadvantage cells (unknown in DATAS) were read as false",
    ]);
    expect(await s.rejects(r)).toEqual([
      [5, 6, "bad-grade"],
      [6, 9, "bad-boolean"],
      [7, 4, "required"],
    ]);
    expect(
      await s.rows(
        "SELECT student_id, school_id, grade, gender FROM students WHERE district_id = $1 ORDER BY student_id",
      ),
    ).toEqual([
      { student_id: "S2001", school_id: "060000100001", grade: "6", gender: "Female" },
      { student_id: "S2002", school_id: "060000100001", grade: "6", gender: "Male" },
      { student_id: "S2003", school_id: "060000100002", grade: "PK", gender: null },
    ]);
  });

  it("imports DATAS sessions under the contract given, and refuses them without one or with one the store lacks", async () => {
    s.next();
    await s.importCsv(students("S2001,SCH1,6,n", "S2002,SCH1,6,n", "S2003,SCH1,6,n"));
    const path = join(FIXTURES, "datas/sessions.csv");
    expect(await s.importCsv(path)).toMatchObject({
      kind: "invalid",
      problems: [{ line: 1, column: 0, code: "contract-required" }],
    });
    expect(await s.importCsv(path, { contractId: "C9" })).toMatchObject({
      kind: "invalid",
      problems: [{ line: 0, column: 0, code: "unknown-contract" }],
    });
    await s.addContract("C1");
    const r = await s.importCsv(path, { contractId: "C1" });
    // Sessions are not checked against the students (as for canonical sessions.csv).
    expect(counts(r)).toEqual({
      format: "datas-sessions",
      rows: 10,
      accepted: 4,
      rejected: 6,
      unchanged: 0,
      replaced: 0,
    });
    expect(await s.rejects(r)).toEqual([
      [5, 3, "bad-date"],
      [6, 7, "bad-status"],
      [7, 5, "bad-ratio"],
      [8, 1, "required"],
      [9, 4, "required"],
      [10, 4, "bad-integer"],
    ]);
    expect(
      await s.rows(
        `SELECT contract_id, student_id, tutor_id, session_date, minutes, attended, group_size, source_line
           FROM service_sessions WHERE district_id = $1 ORDER BY source_line`,
      ),
    ).toEqual([
      {
        contract_id: "C1",
        student_id: "S2001",
        tutor_id: "T100",
        session_date: "2026-09-08",
        minutes: 35,
        attended: true,
        group_size: 3,
        source_line: 2,
      },
      {
        contract_id: "C1",
        student_id: "S2001",
        tutor_id: "T100",
        session_date: "2026-09-10",
        minutes: 30,
        attended: true,
        group_size: 3,
        source_line: 3,
      },
      {
        contract_id: "C1",
        student_id: "S2002",
        tutor_id: "T100",
        session_date: "2026-09-08",
        minutes: 0,
        attended: false,
        group_size: 3,
        source_line: 4,
      },
      {
        contract_id: "C1",
        student_id: "S2004",
        tutor_id: null,
        session_date: "2026-09-16",
        minutes: 25,
        attended: false,
        group_size: null,
        source_line: 11,
      },
    ]);
    expect(
      await s.rows("SELECT format FROM import_batches WHERE district_id = $1 ORDER BY batch_id"),
    ).toEqual([{ format: "students" }, { format: "datas-sessions" }]);
  });
});
