/**
 * The evidence use cases on both stores: draft terms priced on the population of a
 * contract of the year before (its period and windows a year earlier), and the data
 * quality report reading the store (a session of a student not enrolled, file freshness).
 *
 * Contract `prior` (2023-24): S01-S20 enrolled, S01-S10 grew 6 points, S11-S20 grew 2,
 * 10 sessions each; S21 is a district student, not enrolled, with one session.
 * Contract `draft` (2024-25) has the default scenario terms: 100.00 base per served
 * student and 50.00 for 5 points of growth.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { simulateTerms } from "../../src/app/evidence/simulate-terms.js";
import { computeEvidence } from "../../src/app/evidence/build-evidence.js";
import { simulationJson } from "../../src/app/evidence/simulation-json.js";
import type { IsoDate } from "../../src/core/date.js";
import { ASSESSMENTS_HEADER, enrollments, students, terms } from "../scenario.js";
import { TEST_STORES } from "../db/stores.js";

const ids = Array.from({ length: 20 }, (_, i) => `S${String(i + 1).padStart(2, "0")}`);
const dir = mkdtempSync(join(tmpdir(), "accord-evidence-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeFiles(): string {
  const data = join(dir, "data");
  mkdirSync(data, { recursive: true });
  writeFileSync(
    join(data, "students.csv"),
    students(21, (i) => `S${String(i).padStart(2, "0")},A,5,,,false,false,false`),
  );
  writeFileSync(join(data, "enrollments.csv"), enrollments(ids, "2023-09-05", "prior"));
  const tests = ids.flatMap((id, i) => [
    `${id},MAP Growth,math,2023-fall,2023-09-20,200,1,50,,`,
    `${id},MAP Growth,math,2024-spring,2024-05-01,${i < 10 ? 206 : 202},1,50,,`,
  ]);
  writeFileSync(join(data, "assessments.csv"), [ASSESSMENTS_HEADER, ...tests].join("\n") + "\n");
  const sessions = ["session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size"];
  for (const id of ids)
    for (let k = 1; k <= 10; k++)
      sessions.push(`${id}-${k},prior,${id},T1,2023-10-${String(k).padStart(2, "0")},30,true,1`);
  sessions.push("S21-1,prior,S21,T1,2023-10-01,30,true,1");
  writeFileSync(join(data, "sessions.csv"), sessions.join("\n") + "\n");
  return data;
}

async function record(db: Db, doc: Record<string, unknown>): Promise<void> {
  const text = JSON.stringify(doc);
  const source = {
    path: `${String(doc["contractId"])}.json`,
    text,
    document: JSON.parse(text) as unknown,
    syntaxError: null,
  };
  const result = await recordContract(db, { source, districtId: "d", recordedBy: "test", reason: "test" });
  if (result.kind === "invalid") throw new Error(JSON.stringify(result.problems));
}

const data = writeFiles();

describe.each(TEST_STORES)("evidence use cases on the store ($name)", (store) => {
  let db: Db;
  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    await record(
      db,
      terms({
        contractId: "prior",
        period: { start: "2023-09-01", end: "2024-06-30" },
        windows: {
          fall: { assessment: "MAP Growth", subject: "math", window: "2023-fall" },
          spring: { assessment: "MAP Growth", subject: "math", window: "2024-spring" },
        },
      }),
    );
    await record(db, terms({ contractId: "draft" }));
    for (const kind of ["students", "enrollments", "assessments", "sessions"]) {
      const result = await importCanonicalFile(db, importFile(join(data, `${kind}.csv`)), {
        districtId: "d",
        format: null,
        importedBy: "test",
      });
      if (result.kind !== "imported" || result.rejected > 0)
        throw new Error(`${kind}: ${JSON.stringify(result)}`);
    }
  }, 120_000);
  afterAll(async () => db.close());

  it("prices the draft on the year-earlier population: exact observed total, targets and a reproducible spread", async () => {
    const request = {
      districtId: "d",
      contractId: "draft",
      termsDocument: null,
      populationContractId: "prior",
      draws: 1000,
      seed: "p",
    };
    const result = await db.transaction((tx) => simulateTerms(tx, request));
    if (result.kind !== "simulated") throw new Error(JSON.stringify(result));
    const json = simulationJson("d", result.result);
    expect(json.yearsBack).toBe(1);
    expect(json.population).toEqual({ enrolled: 20, eligible: 20, served: 20, measured: 20 });
    // 20 x 100.00 + 10 x 50.00
    expect(json.observed.total).toBe("2500.00");
    expect(json.targets[0]?.candidates.find((c) => c.proposed)).toMatchObject({
      target: "growth >= 5 points",
      met: 10,
      denominator: 20,
    });
    // A draw pays 2,000.00 plus 50.00 per drawn student who grew 6: its P50 is the 10 of 20 observed.
    expect(json.total.p50).toBe("2500.00");
    const again = await db.transaction((tx) => simulateTerms(tx, request));
    if (again.kind !== "simulated") throw new Error(again.kind);
    expect(simulationJson("d", again.result)).toEqual(json);
  });

  it("answers no population for a contract without enrolled students, and not found for an unknown one", async () => {
    const base = { districtId: "d", termsDocument: null, draws: null, seed: null };
    const none = await db.transaction((tx) =>
      simulateTerms(tx, { ...base, contractId: "draft", populationContractId: null }),
    );
    expect(none.kind).toBe("no-population");
    const unknown = await db.transaction((tx) =>
      simulateTerms(tx, { ...base, contractId: "nope", populationContractId: null }),
    );
    expect(unknown.kind).toBe("not-found");
  });

  it("reports the stored session of a student not enrolled, and the freshness of each file kind", async () => {
    const request = { districtId: "d", contractId: "prior", asOf: null, today: "2024-07-15" as IsoDate };
    const result = await db.transaction((tx) => computeEvidence(tx, request));
    if (result.kind !== "built") throw new Error(result.kind);
    const { quality, forecast } = result.report;
    expect(result.report.asOf).toBe("2024-06-30");
    expect(quality.findings.map((f) => [f.code, f.count, f.exampleStudentIds])).toEqual([
      ["session-not-enrolled", 1, ["S21"]],
    ]);
    expect(quality.provisional).toBe(false);
    expect(quality.freshness.filter((f) => f.lastImportedAt !== null).map((f) => f.kind)).toEqual([
      "students",
      "enrollments",
      "assessments",
      "sessions",
    ]);
    expect(forecast.current.totalCents).toBe(250000n);
  });
});
