/**
 * The data quality facts `accord settle --terms --data` computes from the files in memory
 * (`dataSetQualityFacts`) are the facts a store computes in SQL (`readQualityFacts`)
 * after importing the same files, and so the report is the same: a folder with sessions
 * outside the period, of a student not enrolled, of one not in the roster and with repeated session ids (replaced
 * as the file is read, as the import replaces them), and a generated district of eight
 * contracts.
 */
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { readTermsSources } from "../../src/adapters/files/read-terms.js";
import { offlineFiles } from "../../src/adapters/files/offline-files.js";
import { writeDataDir } from "../../src/adapters/csv/write-data-dir.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { settleOffline } from "../../src/app/settle-offline.js";
import { readQualityFacts } from "../../src/app/evidence/read-quality-facts.js";
import { dataSetQualityFacts, qualityInput } from "../../src/core/evidence/data-quality-facts.js";
import { dataQualityReport } from "../../src/core/evidence/data-quality.js";
import type { QualityFacts } from "../../src/core/evidence/data-quality-types.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { compareIds } from "../../src/core/ids.js";
import type { IsoDate } from "../../src/core/date.js";
import { enrollments, ids, scores, sessions, students, terms } from "../scenario.js";
import { TEST_STORES } from "./stores.js";

const ORDER = ["students", "enrollments", "assessments", "sessions"];

async function store(db: Db, termsPath: string, dataDir: string): Promise<string> {
  let districtId = "";
  for (const source of await readTermsSources(termsPath)) {
    const recorded = await recordContract(db, {
      source,
      districtId: null,
      recordedBy: "test",
      reason: "test",
    });
    if (recorded.kind === "invalid") throw new Error(JSON.stringify(recorded.problems));
    districtId = recorded.districtId;
  }
  for (const kind of ORDER) {
    const path = join(dataDir, `${kind}.csv`);
    if (!existsSync(path)) continue;
    const result = await importCanonicalFile(db, importFile(path), {
      districtId,
      format: null,
      importedBy: "test",
    });
    if (result.kind !== "imported") throw new Error(`${path}: ${result.kind}`);
  }
  return districtId;
}

/** The facts in one order, the import list left out (files offline, batches in a store). */
function comparable(facts: QualityFacts) {
  return {
    sessions: [...facts.sessions].sort((a, b) => compareIds(a.studentId, b.studentId)),
    known: [...facts.knownSessionStudents].sort(compareIds),
  };
}

/** Offline and stored facts of every contract of the folder, and the reports made from each. */
async function compare(db: Db, termsPath: string, dataDir: string): Promise<number> {
  const districtId = await store(db, termsPath, dataDir);
  const result = await settleOffline(offlineFiles, { termsPath, dataDir, asOf: null, allowRejects: false });
  if (result.kind !== "settled") throw new Error(`offline: ${result.kind}`);
  for (const { terms: t } of result.settled) {
    const stored = await readQualityFacts(db, districtId, t);
    const inMemory = dataSetQualityFacts(result.data, t, stored.imports);
    expect(comparable(inMemory)).toEqual(comparable(stored));
    const enrolled = result.data.enrolledIn(t.contractId);
    const report = (facts: QualityFacts) =>
      dataQualityReport({
        ...qualityInput(enrolled, facts),
        terms: t,
        asOf: "2025-03-01" as IsoDate,
        today: "2025-03-02" as IsoDate,
      });
    expect(report(inMemory)).toEqual(report(stored));
  }
  return result.settled.length;
}

const dir = mkdtempSync(join(tmpdir(), "accord-quality-facts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemFolder(): { termsPath: string; data: string } {
  const data = join(dir, "problems");
  mkdirSync(data, { recursive: true });
  const all = ids(6);
  writeFileSync(join(data, "students.csv"), students(6));
  writeFileSync(join(data, "enrollments.csv"), enrollments(all.slice(0, 5)));
  const extra = [
    "S1-late,c1,S1,T1,2025-08-01,30,true,1", // outside the period
    "S1-early,c1,S1,T1,2024-08-01,30,true,1", // outside, ids now out of order
    "S2-0,c1,S2,T1,2024-11-01,30,true,1", // repeats S2's id
    "S2-0,c1,S2,T1,2024-11-02,30,false,1", // and again
    "X1,c1,S3,T1,2024-11-03,30,true,1",
    "X1,c1,S4,T1,2024-11-04,30,true,1", // the same id, another student
    "X1,c1,S3,T1,2024-11-05,30,true,1", // back to S3: S3 repeats it
    ",c1,S4,T1,2024-11-06,30,true,1", // no id
    ",c1,S4,T1,2024-11-06,30,true,1",
    "N1,c1,S6,T1,2024-11-07,30,true,1", // S6 is not enrolled
    "U1,c1,S9,T1,2024-11-08,30,true,1", // S9 is not in the roster
  ];
  writeFileSync(join(data, "sessions.csv"), sessions(all.slice(0, 5), 3) + extra.join("\n") + "\n");
  writeFileSync(
    join(data, "assessments.csv"),
    scores(all.slice(0, 5).map((id, i): [string, number, number] => [id, 200, 203 + i])),
  );
  const termsPath = join(dir, "problems-c1.json");
  writeFileSync(termsPath, JSON.stringify(terms()));
  return { termsPath, data };
}

describe.each(TEST_STORES)("data quality facts from files and from the store ($name)", (testStore) => {
  let db: Db;
  beforeAll(async () => {
    db = await testStore.open();
    await migrate(db, await readMigrations());
  });
  afterAll(async () => db.close());

  it("agree on sessions outside the period, of students not enrolled or not in the roster, with repeated ids", async () => {
    const { termsPath, data } = problemFolder();
    const own = await testStore.open();
    try {
      await migrate(own, await readMigrations());
      expect(await compare(own, termsPath, data)).toBe(1);
      const result = await settleOffline(offlineFiles, {
        termsPath,
        dataDir: data,
        asOf: null,
        allowRejects: false,
      });
      if (result.kind !== "settled") throw new Error(result.kind);
      const t = result.settled[0]!.terms;
      const facts = comparable(dataSetQualityFacts(result.data, t, []));
      expect(facts.sessions.filter((s) => s.outsidePeriod > 0 || s.repeatedIds > 0)).toEqual([
        { studentId: "S1", sessions: 5, outsidePeriod: 2, repeatedIds: 0 },
      ]);
      // S2-0 three times, X1 of S3, S4 and S3 again: the last row of each id counts.
      expect(facts.sessions.filter((s) => ["S2", "S3", "S4"].includes(s.studentId))).toEqual([
        { studentId: "S2", sessions: 3, outsidePeriod: 0, repeatedIds: 0 },
        { studentId: "S3", sessions: 4, outsidePeriod: 0, repeatedIds: 0 },
        { studentId: "S4", sessions: 5, outsidePeriod: 0, repeatedIds: 0 },
      ]);
      expect(facts.known).toEqual(["S1", "S2", "S3", "S4", "S5", "S6"]);
      expect(facts.sessions.find((s) => s.studentId === "S9")).toEqual({
        studentId: "S9",
        sessions: 1,
        outsidePeriod: 0,
        repeatedIds: 0,
      });
    } finally {
      await own.close();
    }
  });

  it("agree on a generated district's eight contracts", async () => {
    const out = join(dir, `generated-${testStore.name}`);
    await writeDataDir(out, generateDistrict({ students: 400, seed: "quality", contracts: 8 }));
    expect(await compare(db, join(out, "terms"), out)).toBe(8);
  }, 120_000);
});
