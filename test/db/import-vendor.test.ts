/**
 * Vendor assessment exports imported through the use case into the store: NWEA MAP
 * Growth, i-Ready Diagnostic (with the students it carries), Renaissance Star. Counts,
 * stored rows, rejects, and the rejects export in the vendor's own layout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, ImportStore, counts } from "./import-helpers.js";
import { TEST_STORES } from "./stores.js";

const dir = mkdtempSync(join(tmpdir(), "accord-vendor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function file(name: string, text: string): string {
  const path = join(dir, `${++fileNo}-${name}`);
  writeFileSync(path, text);
  return path;
}

const students = (...rows: string[]): string =>
  file("students.csv", ["student_id,school_id,grade,english_learner", ...rows].join("\n") + "\n");

describe.each(TEST_STORES)("vendor assessment exports on $name", (store) => {
  const s = new ImportStore(store);
  beforeAll(() => s.open());
  afterAll(() => s.close());

  it("imports NWEA MAP Growth test events, rejecting bad cells and students the store lacks", async () => {
    s.next();
    await s.importCsv(students("100001,SCH1,3,n", "100002,SCH1,4,n"));
    const r = await s.importCsv(join(FIXTURES, "nwea-assessment-results.csv"));
    expect(counts(r)).toEqual({
      format: "nwea-map",
      rows: 10,
      accepted: 2,
      rejected: 8,
      unchanged: 0,
      replaced: 0,
    });
    expect(await s.rejects(r)).toEqual([
      [4, 21, "bad-date"],
      [5, 24, "bad-decimal"],
      [6, 24, "required"],
      [7, 6, "unknown-student"],
      [8, 1, "bad-term"],
      [9, 26, "out-of-range"],
      [10, 29, "out-of-range"],
      [11, 4, "field-count"],
    ]);
    expect(
      await s.rows(
        `SELECT student_id, assessment, subject, "window", test_date, scale_score, percentile, growth_target,
                rapid_guess_percent, source_line
           FROM assessment_results WHERE district_id = $1 ORDER BY source_line`,
      ),
    ).toEqual([
      {
        student_id: "100001",
        assessment: "MAP Growth",
        subject: "math",
        window: "2024-fall",
        test_date: "2024-09-16",
        scale_score: "201",
        percentile: 57,
        growth_target: "9",
        rapid_guess_percent: "0.0000",
        source_line: 2,
      },
      {
        student_id: "100002",
        assessment: "MAP Growth",
        subject: "reading",
        window: "2025-winter",
        test_date: "2025-01-22",
        scale_score: "205.5",
        percentile: null,
        growth_target: null,
        rapid_guess_percent: "12.5",
        source_line: 3,
      },
    ]);
  });

  it("exports the rejects of a vendor file in the vendor's layout plus a reason, names and all", async () => {
    s.next();
    const r = await s.importCsv(join(FIXTURES, "nwea-combo-aliases.csv"));
    expect(counts(r)).toMatchObject({ rows: 3, accepted: 0, rejected: 3 });
    const table = await s.rejectsTable(r);
    expect(table[0]?.slice(0, 3)).toEqual([" termname ", "DistrictName", "District_StateID"]);
    expect(table[0]?.at(-1)).toBe("reason");
    expect(table.map((row) => row.length)).toEqual(table.map(() => table[0]?.length));
    expect(table.slice(1).map((row) => [row[8], row.at(-1)])).toEqual([
      [
        "200001",
        'line 2, column 9: unknown-student: no student "200001" in the store; import students.csv first',
      ],
      ["200002", expect.stringMatching(/^line 3, column 28: bad-date: TestStartDate: /)],
      [
        "200003",
        'line 4, column 9: unknown-student: no student "200003" in the store; import students.csv first',
      ],
    ]);
  });

  it("adds the students an i-Ready export carries, leaving the district's own students as they are", async () => {
    s.next();
    await s.importCsv(students("605002,SCH-A,K,y"));
    const r = await s.importCsv(join(FIXTURES, "iready-math.csv"), { contractId: "ignored" });
    // Rows: 605001 twice (fall and winter), 605002 and 605003 accepted; six rejected.
    expect(counts(r)).toEqual({
      format: "iready-diagnostic",
      rows: 10,
      accepted: 4,
      rejected: 6,
      unchanged: 0,
      replaced: 0,
    });
    expect(await s.rejects(r)).toEqual([
      [5, 24, "bad-date"],
      [6, 31, "bad-decimal"],
      [7, 33, "bad-placement"],
      [8, 16, "bad-boolean"],
      [9, 31, "required"],
      [10, 24, "date-outside-year"],
    ]);
    expect(
      await s.rows(
        `SELECT student_id, school_id, grade, english_learner, special_education, economically_disadvantaged,
                batch_id = (SELECT max(batch_id) FROM import_batches WHERE district_id = $1) AS this_batch
           FROM students WHERE district_id = $1 ORDER BY student_id`,
      ),
    ).toEqual([
      // The later row of 605001 (special education) replaced the earlier one of the same batch.
      {
        student_id: "605001",
        school_id: "School 1",
        grade: "3",
        english_learner: false,
        special_education: true,
        economically_disadvantaged: false,
        this_batch: true,
      },
      {
        student_id: "605002",
        school_id: "SCH-A",
        grade: "K",
        english_learner: true,
        special_education: false,
        economically_disadvantaged: false,
        this_batch: false,
      },
      {
        student_id: "605003",
        school_id: "School 1",
        grade: "5",
        english_learner: false,
        special_education: false,
        economically_disadvantaged: false,
        this_batch: true,
      },
    ]);
    expect(
      await s.rows(
        `SELECT student_id, "window", performance_level FROM assessment_results WHERE district_id = $1
          ORDER BY source_line`,
      ),
    ).toEqual([
      { student_id: "605001", window: "2026-winter", performance_level: 2 },
      { student_id: "605002", window: "2025-fall", performance_level: 5 },
      { student_id: "605003", window: "2026-spring", performance_level: null },
      { student_id: "605001", window: "2025-fall", performance_level: 1 },
    ]);
  });

  it("imports Renaissance Star results by the district's student ids", async () => {
    s.next();
    await s.importCsv(students("300001,SCH1,4,n", "300002,SCH1,4,n"));
    const r = await s.importCsv(join(FIXTURES, "star-reading.csv"));
    expect(counts(r)).toEqual({
      format: "star",
      rows: 6,
      accepted: 2,
      rejected: 4,
      unchanged: 0,
      replaced: 0,
    });
    expect(await s.rejects(r)).toEqual([
      [4, 93, "no-window"],
      [5, 64, "required"],
      [6, 56, "bad-date"],
      [7, 2, "bad-school-year"],
    ]);
    expect(
      await s.rows(
        `SELECT student_id, assessment, subject, "window", test_date, scale_score
           FROM assessment_results WHERE district_id = $1 ORDER BY source_line`,
      ),
    ).toEqual([
      {
        student_id: "300001",
        assessment: "Star Reading",
        subject: "reading",
        window: "2023-fall",
        test_date: "2023-08-31",
        scale_score: "512",
      },
      {
        student_id: "300002",
        assessment: "Star Reading",
        subject: "reading",
        window: "2024-winter",
        test_date: "2024-01-17",
        scale_score: "588.5",
      },
    ]);
  });
});
