import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db, Row, SqlParam, SqlRunner } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { csvField } from "../../src/adapters/csv/write-data-dir.js";
import { importCanonicalFile, type ImportOptions } from "../../src/app/import-canonical-file.js";
import { batchRejects, listImportBatches, rejectsTable } from "../../src/app/import-batches.js";
import { formatFromHeader, formatFromName } from "../../src/core/import/canonical-csv.js";
import { importCommand, importsCommand, rejectsCommand } from "../../src/cli/import-command.js";
import { TEST_STORES } from "./stores.js";

const dir = mkdtempSync(join(tmpdir(), "accord-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
/** Writes `text` as `name` in a folder of its own (so two files may share a name). */
function csv(name: string, text: string): string {
  const folder = join(dir, String(++fileNo));
  mkdirSync(folder);
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const STUDENTS = `student_id,school_id,grade,english_learner
S1,SCH1,3,y
S2,SCH1,K,n
S3,SCH2,12,
`;

/** A db whose transactions fail at the statement `fail` picks (a fault in the middle of an import). */
function failing(db: Db, fail: (sql: string) => boolean): Db {
  const wrap = (tx: SqlRunner): SqlRunner => ({
    async query<R extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<R[]> {
      if (fail(sql)) throw new Error("simulated failure");
      return tx.query<R>(sql, params);
    },
    exec: (sql) => tx.exec(sql),
    copyFrom: (table, columns, text, format) => tx.copyFrom(table, columns, text, format),
  });
  return { ...db, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

describe("format detection", () => {
  it("reads the format from the file name, else from the header", () => {
    expect(formatFromName("data/students.csv")).toBe("students");
    expect(formatFromName("sessions-2025.csv")).toBe("sessions");
    expect(formatFromName("export.csv")).toBeNull();
    expect(formatFromHeader(["Contract_ID", "student_id", "enrolled_on"])).toBe("enrollments");
    expect(formatFromHeader(["contract_id", "student_id", "session_date", "minutes"])).toBe("sessions");
    expect(formatFromHeader(["a", "b"])).toBeNull();
  });
});

describe.each(TEST_STORES)("importing canonical files on $name", ({ open }) => {
  let db: Db;
  let districtNo = 0;
  let district = "";
  const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
    districtId: district,
    format: null,
    importedBy: "test",
    ...extra,
  });
  const count = async (table: string): Promise<number> =>
    Number(
      (
        await db.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table} WHERE district_id = $1`, [district])
      )[0]?.n,
    );
  const addContract = async (contractId: string): Promise<void> => {
    await db.query(
      "INSERT INTO vendors (district_id, vendor_id, name) VALUES ($1, 'v1', 'Vendor') ON CONFLICT DO NOTHING",
      [district],
    );
    await db.query(
      "INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ($1, $2, 'v1', 'A contract')",
      [district, contractId],
    );
  };

  beforeAll(async () => {
    db = await open();
    await migrate(db, await readMigrations());
  });
  afterAll(async () => {
    await db.close();
  });
  // Each test works in a district of its own.
  const nextDistrict = (): void => {
    district = `d${++districtNo}`;
  };

  it("imports a clean file with exact counts, its batch, origins, schools and district", async () => {
    nextDistrict();
    const path = csv("students.csv", STUDENTS);
    const result = await importCanonicalFile(db, importFile(path), options());
    expect(result).toMatchObject({
      kind: "imported",
      format: "students",
      rows: 3,
      accepted: 3,
      rejected: 0,
      unchanged: 0,
      replaced: 0,
    });
    expect(
      await db.query("SELECT district_id, name FROM districts WHERE district_id = $1", [district]),
    ).toEqual([{ district_id: district, name: district }]);
    const batches = await listImportBatches(db, district);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({
      fileName: path,
      format: "students",
      importedBy: "test",
      accepted: 3,
      rejected: 0,
    });
    const [batch] = await db.query<{ file_sha256: string }>(
      "SELECT file_sha256 FROM import_batches WHERE district_id = $1",
      [district],
    );
    expect(batch?.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await db.query(
        `SELECT student_id, school_id, grade, english_learner, batch_id = $2 AS this_batch, source_line
           FROM students WHERE district_id = $1 ORDER BY student_id`,
        [district, result.kind === "imported" ? result.batchId : 0n],
      ),
    ).toEqual([
      {
        student_id: "S1",
        school_id: "SCH1",
        grade: "3",
        english_learner: true,
        this_batch: true,
        source_line: 2,
      },
      {
        student_id: "S2",
        school_id: "SCH1",
        grade: "K",
        english_learner: false,
        this_batch: true,
        source_line: 3,
      },
      {
        student_id: "S3",
        school_id: "SCH2",
        grade: "12",
        english_learner: false,
        this_batch: true,
        source_line: 4,
      },
    ]);
    expect(await count("schools")).toBe(2);
  });

  it("stores the accepted rows and the rejected ones with line, column, code, message and cells", async () => {
    nextDistrict();
    const students = csv(
      "students.csv",
      `student_id,school_id,grade
S1,SCH1,3
S2,SCH1,13
,SCH1,4
S4,SCH1
"S5,SCH1,"5
S6,SCH1,PK
`,
    );
    const result = await importCanonicalFile(db, importFile(students), options({ chunkRows: 2 }));
    expect(result).toMatchObject({ kind: "imported", rows: 6, accepted: 2, rejected: 4 });
    expect(await count("students")).toBe(2);
    expect(
      await db.query(
        `SELECT source_line, column_no, column_name, code, source_record::text AS cells
           FROM import_rejects WHERE district_id = $1 ORDER BY source_line`,
        [district],
      ),
    ).toEqual([
      {
        source_line: 3,
        column_no: 3,
        column_name: "grade",
        code: "bad-grade",
        cells: '["S2", "SCH1", "13"]',
      },
      {
        source_line: 4,
        column_no: 1,
        column_name: "student_id",
        code: "required",
        cells: '["", "SCH1", "4"]',
      },
      { source_line: 5, column_no: 3, column_name: "grade", code: "field-count", cells: '["S4", "SCH1"]' },
      {
        source_line: 6,
        column_no: expect.any(Number),
        column_name: expect.anything(),
        code: "bad-quote",
        cells: null,
      },
    ]);

    // Enrollments: the student and the contract must be in the store.
    await addContract("C1");
    const enrollments = csv(
      "enrollments.csv",
      `contract_id,student_id,enrolled_on,exited_on
C1,S1,2024-09-01,
C1,S9,2024-09-01,
C2,S1,2024-09-01,
C1,S6,2024-09-10,2024-09-01
C1,S6,2024-09-10,
`,
    );
    const second = await importCanonicalFile(db, importFile(enrollments), options());
    expect(second).toMatchObject({ kind: "imported", format: "enrollments", accepted: 2, rejected: 3 });
    expect(
      await db.query(
        "SELECT source_line, column_no, code, message FROM import_rejects WHERE district_id = $1 AND batch_id = $2 ORDER BY source_line",
        [district, second.kind === "imported" ? second.batchId : 0n],
      ),
    ).toEqual([
      {
        source_line: 3,
        column_no: 2,
        code: "unknown-student",
        message: 'no student "S9" in the store; import students.csv first',
      },
      {
        source_line: 4,
        column_no: 1,
        code: "unknown-contract",
        message: `no contract "C2" in the store for district ${district}; record the contract before importing its enrollments`,
      },
      {
        source_line: 5,
        column_no: 4,
        code: "date-order",
        message: "exited_on 2024-09-01 is before enrolled_on 2024-09-10",
      },
    ]);
    expect(await count("enrollments")).toBe(2);
  });

  it("makes re-importing the same file a no-op that names the batch", async () => {
    nextDistrict();
    const path = csv("students.csv", STUDENTS);
    const first = await importCanonicalFile(db, importFile(path), options());
    const again = await importCanonicalFile(db, importFile(path), options());
    expect(first.kind).toBe("imported");
    expect(again).toEqual({
      kind: "unchanged",
      file: path,
      format: "students",
      batchId: first.kind === "imported" ? first.batchId : -1n,
    });
    expect(await listImportBatches(db, district)).toHaveLength(1);
    expect(await count("students")).toBe(3);
  });

  it("applies the data-v1 keys to rows repeated from another file: replaced or unchanged, no duplicates", async () => {
    nextDistrict();
    await importCanonicalFile(db, importFile(csv("students.csv", STUDENTS)), options());
    const second = await importCanonicalFile(
      db,
      importFile(
        csv(
          "students-update.csv",
          `grade,student_id,school_id,english_learner
3,S1,SCH1,yes
4,S2,SCH1,no
5,S4,SCH2,no
5,S4,SCH2,no
`,
        ),
      ),
      options(),
    );
    // S1 identical (a boolean spelled differently), S2 changed, S4 new and then repeated identically.
    expect(second).toMatchObject({ kind: "imported", accepted: 4, rejected: 0, unchanged: 2, replaced: 1 });
    expect(await count("students")).toBe(4);
    expect(
      await db.query(
        "SELECT student_id, grade, source_line FROM students WHERE district_id = $1 ORDER BY student_id",
        [district],
      ),
    ).toEqual([
      { student_id: "S1", grade: "3", source_line: 2 },
      { student_id: "S2", grade: "4", source_line: 3 },
      { student_id: "S3", grade: "12", source_line: 4 },
      { student_id: "S4", grade: "5", source_line: 4 },
    ]);

    await addContract("C1");
    const sessions = `session_id,contract_id,student_id,session_date,minutes
x1,C1,S1,2024-10-01,30
x2,C1,S2,2024-10-01,30
,C1,S3,2024-10-02,45
`;
    await importCanonicalFile(db, importFile(csv("sessions.csv", sessions)), options({ chunkRows: 1 }));
    const repeat = await importCanonicalFile(
      db,
      importFile(
        csv(
          "sessions.csv",
          `session_id,contract_id,student_id,session_date,minutes
x1,C1,S1,2024-10-01,30
x2,C1,S2,2024-10-01,40
`,
        ),
      ),
      options(),
    );
    expect(repeat).toMatchObject({ kind: "imported", accepted: 2, unchanged: 1, replaced: 1 });
    expect(
      await db.query(
        "SELECT session_id, minutes FROM service_sessions WHERE district_id = $1 ORDER BY session_id NULLS LAST",
        [district],
      ),
    ).toEqual([
      { session_id: "x1", minutes: 30 },
      { session_id: "x2", minutes: 40 },
      { session_id: null, minutes: 45 },
    ]);

    const obligations = (status: string): string => `contract_id,obligation_id,status\nC1,report,${status}\n`;
    await importCanonicalFile(db, importFile(csv("obligations.csv", obligations("notMet"))), options());
    const met = await importCanonicalFile(
      db,
      importFile(csv("obligations.csv", obligations("met"))),
      options(),
    );
    expect(met).toMatchObject({ accepted: 1, replaced: 1, unchanged: 0 });
    expect(
      await db.query("SELECT status FROM obligation_statuses WHERE district_id = $1", [district]),
    ).toEqual([{ status: "met" }]);

    const payments = await importCanonicalFile(
      db,
      importFile(
        csv("payments.csv", "contract_id,paid_on,amount\nC1,2024-12-01,1250.50\nC1,2025-01-01,-10\n"),
      ),
      options(),
    );
    expect(payments).toMatchObject({ accepted: 2 });
    expect(
      await db.query("SELECT amount_cents FROM payments WHERE district_id = $1 ORDER BY source_line", [
        district,
      ]),
    ).toEqual([{ amount_cents: 125050n }, { amount_cents: -1000n }]);

    const assessments = await importCanonicalFile(
      db,
      importFile(
        csv(
          "scores.csv",
          "student_id,assessment,subject,window,test_date,scale_score,percentile\nS1,MAP Growth,math,2024-fall,2024-09-15,201.50,40\nS7,MAP Growth,math,2024-fall,2024-09-15,190,\n",
        ),
      ),
      options(),
    );
    expect(assessments).toMatchObject({ format: "assessments", accepted: 1, rejected: 1 });
    expect(
      await db.query("SELECT scale_score FROM assessment_results WHERE district_id = $1", [district]),
    ).toEqual([{ scale_score: "201.50" }]);
  });

  it("leaves no partial batch when an import fails in the middle", async () => {
    nextDistrict();
    const rows = Array.from({ length: 7 }, (_, i) => `S${i},SCH1,5`).join("\n");
    const path = csv("students.csv", `student_id,school_id,grade\n${rows}\n`);
    let inserts = 0;
    const broken = failing(db, (sql) => sql.startsWith("INSERT INTO students") && ++inserts === 2);
    await expect(importCanonicalFile(broken, importFile(path), options({ chunkRows: 3 }))).rejects.toThrow(
      "simulated failure",
    );
    expect(inserts).toBe(2);
    expect(await count("import_batches")).toBe(0);
    expect(await count("students")).toBe(0);
    expect(await count("schools")).toBe(0);
    expect(await db.query("SELECT 1 FROM districts WHERE district_id = $1", [district])).toEqual([]);
    // The re-run completes.
    expect(await importCanonicalFile(db, importFile(path), options({ chunkRows: 3 }))).toMatchObject({
      kind: "imported",
      accepted: 7,
    });
  });

  it("exports the rejects in the file's layout with a reason, ready to fix and re-import", async () => {
    nextDistrict();
    const path = csv(
      "students.csv",
      `Grade, Student_ID ,school_id,note
3,S1,SCH1,ok
13,S2,SCH1,"has, comma"
4,,SCH1,
`,
    );
    const result = await importCanonicalFile(db, importFile(path), options());
    if (result.kind !== "imported") throw new Error(result.kind);
    const rejects = await batchRejects(db, district, result.batchId);
    expect(rejects).not.toBeNull();
    const table = rejectsTable(rejects!);
    expect(table[0]).toEqual(["Grade", " Student_ID ", "school_id", "note", "reason"]);
    expect(table.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ["13", "S2", "SCH1", "has, comma"],
      ["4", "", "SCH1", ""],
    ]);
    expect(table[1]?.[4]).toMatch(/^line 3, column 1: bad-grade: grade: /);
    expect(table[2]?.[4]).toBe("line 4, column 2: required: student_id is required");
    expect(await batchRejects(db, district, 999_999n)).toBeNull();

    // The district fixes the rows and imports the exported file: the reason column is ignored.
    table[1]![0] = "12";
    table[2]![1] = "S3";
    const fixed = csv("students.csv", table.map((r) => r.map(csvField).join(",")).join("\n") + "\n");
    expect(await importCanonicalFile(db, importFile(fixed), options())).toMatchObject({
      accepted: 2,
      rejected: 0,
    });
    expect(await count("students")).toBe(3);
  });

  it("refuses a file whose header cannot be bound, storing nothing", async () => {
    nextDistrict();
    const path = csv("students.csv", "student_id,grade\nS1,3\n");
    expect(await importCanonicalFile(db, importFile(path), options())).toEqual({
      kind: "invalid",
      file: path,
      problems: [
        {
          file: path,
          line: 1,
          column: 0,
          code: "missing-column",
          message: 'students.csv needs a "school_id" column',
        },
      ],
    });
    const unknown = csv("export.csv", "a,b\n1,2\n");
    expect(await importCanonicalFile(db, importFile(unknown), options())).toMatchObject({
      kind: "invalid",
      problems: [{ code: "unknown-format" }],
    });
    expect(await db.query("SELECT 1 FROM districts WHERE district_id = $1", [district])).toEqual([]);
  });
});

describe("accord import, imports and rejects (embedded store on disk)", () => {
  it("imports, says a repeated file is unchanged, lists batches and writes the rejects", async () => {
    const folder = mkdtempSync(join(dir, "cli-"));
    const env = { ACCORD_DATA_DIR: join(folder, "data") };
    const path = join(folder, "students.csv");
    writeFileSync(path, "student_id,school_id,grade\nS1,A,3\nS2,A,13\n");
    let stdout = "";
    const out = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string) => {
      stdout += chunk;
      return true;
    }) as typeof process.stdout.write);
    const err = vi
      .spyOn(process.stderr, "write")
      .mockImplementation((() => true) as typeof process.stderr.write);
    try {
      expect(await importCommand([path, "--district", "d1"], env)).toBe(0);
      expect(await importCommand([path, "--district", "d1", "--format", "students"], env)).toBe(0);
      expect(await importsCommand(["--district", "d1"], env)).toBe(0);
      const rejects = join(folder, "rejects.csv");
      expect(await rejectsCommand(["1", "--district", "d1", "--out", rejects], env)).toBe(0);
      expect(readFileSync(rejects, "utf8")).toBe(
        'student_id,school_id,grade,reason\nS2,A,13,"line 3, column 3: bad-grade: grade: ""13"" is not a grade (PK, K, 1..12)"\n',
      );
      expect(await rejectsCommand(["7", "--district", "d1"], env)).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const lines = stdout.split("\n");
    // Each import: the file's line when it committed, then the summary table.
    const summary = /^file +format +batch +rows +accepted +rejected +unchanged +replaced +note$/;
    expect(lines.slice(0, 4)).toEqual([
      `${path}: batch 1 (students): 2 rows, 1 accepted (0 unchanged, 0 replaced), 1 rejected`,
      "",
      expect.stringMatching(summary),
      expect.stringMatching(/^\S+students\.csv +students +1 +2 +1 +1 +0 +0$/),
    ]);
    expect(lines.slice(4, 8)).toEqual([
      `${path}: unchanged: already imported as batch 1`,
      "",
      expect.stringMatching(summary),
      expect.stringMatching(/^\S+students\.csv +students +1 +- +- +- +- +- +already imported$/),
    ]);
    expect(lines[8]).toMatch(/^batch +file +format +imported_at +accepted +rejected +unchanged +replaced$/);
    expect(lines[9]).toMatch(/^1 +\S+students\.csv +students +\d{4}-\d\d-\d\dT\S+Z +1 +1 +0 +0$/);
  }, 60_000);
});
