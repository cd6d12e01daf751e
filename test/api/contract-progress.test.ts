/**
 * GET .../progress: the stored data settled as of the clock's day with the approved terms,
 * read only; the same population and metric figures the offline settlement gives on the
 * same terms and files as of that day; visible to the contract's parties only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { writeCsv } from "../../src/adapters/csv/write-data-dir.js";
import { offlineFiles } from "../../src/adapters/files/offline-files.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { settleOffline } from "../../src/app/settle-offline.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "../../src/core/demo/rows.js";
import { statementToJson } from "../../src/shared/statement-json.js";
import type { IsoDate } from "../../src/core/date.js";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, termsFor, type ApiWorld } from "./harness.js";

const PROGRESS = "/api/districts/d1/contracts/c1/progress";
/** The harness clock's day. */
const TODAY = "2025-01-15" as IsoDate;
const KINDS = ["students", "enrollments", "assessments", "sessions", "obligations", "payments"];

interface Progress {
  asOf: string;
  stage: string;
  elapsedDays: number;
  periodDays: number;
  enrolment: {
    expectedStudents: number;
    expectedByNow: number;
    enrolled: number;
    eligible: number;
    served: number;
  };
  money: Record<string, string>;
  metrics: { id: string; denominator: number; met: number; missing: number; rate: string }[];
  obligations: {
    obligationId: string;
    status: string;
    value: number | null;
    dueOn: string;
    paceByNow: number | null;
  }[];
  windows: { name: string; closesOn: string | null; withScore: number }[];
  freshness: { kind: string; batchId: string | null; fileName: string | null; stale: boolean }[];
  alerts: { code: string; contractId: string }[];
}

async function writeData(dir: string): Promise<void> {
  const district = generateDistrict({ students: 60, seed: "api", contracts: 1 });
  const asC1 = <R extends { contract_id: string }>(rows: Iterable<R>) =>
    [...rows].map((r) => ({ ...r, contract_id: "c1" }));
  await mkdir(join(dir, "data"), { recursive: true });
  await writeCsv(join(dir, "data", "students.csv"), STUDENT_COLUMNS, district.students());
  await writeCsv(join(dir, "data", "enrollments.csv"), ENROLLMENT_COLUMNS, asC1(district.enrollments()));
  await writeCsv(join(dir, "data", "assessments.csv"), ASSESSMENT_COLUMNS, district.assessments());
  await writeCsv(join(dir, "data", "sessions.csv"), SESSION_COLUMNS, asC1(district.sessions()));
  await writeCsv(join(dir, "data", "obligations.csv"), OBLIGATION_COLUMNS, asC1(district.obligations()));
  await writeCsv(join(dir, "data", "payments.csv"), PAYMENT_COLUMNS, asC1(district.payments()));
  await writeFile(join(dir, "c1.json"), JSON.stringify(termsFor("d1", "c1", "v1"), null, 2));
}

const dir = mkdtempSync(join(tmpdir(), "accord-progress-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)("contract progress API ($name)", (store) => {
  let world: ApiWorld;
  const root = join(dir, store.name);
  beforeAll(async () => {
    world = await openApiWorld(store);
    await writeData(root);
    for (const kind of KINDS) {
      const result = await importCanonicalFile(world.db, importFile(join(root, "data", `${kind}.csv`)), {
        districtId: "d1",
        format: null,
        importedBy: "test",
      });
      if (result.kind !== "imported" || result.rejected > 0) throw new Error(`${kind}: ${result.kind}`);
    }
  }, 120_000);
  afterAll(async () => world.close());

  it("gives the population and metrics the offline settlement gives as of today, and issues nothing", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const response = await admin.request("GET", PROGRESS);
    expect(response.status).toBe(200);
    const progress = (await response.json()) as Progress;
    const offline = await settleOffline(offlineFiles, {
      termsPath: join(root, "c1.json"),
      dataDir: join(root, "data"),
      asOf: TODAY,
      allowRejects: false,
    });
    if (offline.kind !== "settled") throw new Error(offline.kind);
    const expected = statementToJson(offline.settled[0]!.statement);
    expect(progress.asOf).toBe(TODAY);
    expect(expected.population.enrolled).toBeGreaterThan(0);
    expect(progress.enrolment).toMatchObject(expected.population);
    // 2024-09-03 to 2025-01-15 is day 134 of 263; the ramp is complete, so all 4 planned are expected.
    expect([progress.elapsedDays, progress.periodDays]).toEqual([135, 263]);
    expect(progress.enrolment).toMatchObject({ expectedStudents: 4, expectedByNow: 4 });
    expect(
      progress.metrics.map(({ id, denominator, met, missing, rate }) => ({
        id,
        denominator,
        met,
        missing,
        rate,
      })),
    ).toEqual(
      expected.metrics.map(({ id, denominator, met, missing, rate }) => ({
        id,
        denominator,
        met,
        missing,
        rate,
      })),
    );
    expect(progress.money).toMatchObject({
      currency: "USD",
      base: expected.base,
      outcome: expected.outcome,
      total: expected.total,
      paid: expected.paid,
    });
    expect(progress.obligations.map((o) => [o.obligationId, o.status, o.dueOn])).toEqual(
      expected.obligations.map((o) => [o.id, o.status, "2025-05-23"]),
    );
    expect(progress.windows.map((w) => [w.name, w.closesOn])).toEqual([
      ["fall", "2024-11-15"],
      ["spring", "2025-06-30"],
    ]);
    expect(progress.windows[0]!.withScore).toBeGreaterThan(0);
    expect(progress.windows[1]!.withScore).toBe(0);
    expect(progress.freshness.map((f) => [f.kind, f.fileName?.split("/").at(-1)])).toEqual(
      KINDS.map((k) => [k, `${k}.csv`]),
    );
    const statements = await world.db.query("SELECT 1 FROM statements");
    expect(statements).toHaveLength(0);
  });

  it("answers the contract's vendor with the figures the district sees, and 404 to another vendor and another district as for a missing contract", async () => {
    const v1 = await signInAs(world, "vendor_user", "v1");
    const own = await v1.request("GET", PROGRESS);
    expect(own.status).toBe(200);
    // The vendor reads the district's imported rows of its contract (not only its own batches).
    const admin = await signInAs(world, "district_admin", "d1");
    const district = (await (await admin.request("GET", PROGRESS)).json()) as Progress;
    const vendor = (await own.json()) as Progress;
    expect(vendor.enrolment.enrolled).toBeGreaterThan(0);
    expect([vendor.enrolment, vendor.metrics, vendor.money]).toEqual([
      district.enrolment,
      district.metrics,
      district.money,
    ]);
    const v2 = await signInAs(world, "vendor_user", "v2");
    const foreign = await v2.request("GET", PROGRESS);
    const missing = await v2.request("GET", "/api/districts/d1/contracts/nothing/progress");
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(((await foreign.json()) as { code: string }).code).toBe("not-found");
    const d2 = await signInAs(world, "district_admin", "d2");
    expect((await d2.request("GET", PROGRESS)).status).toBe(404);
  });

  it("refuses a contract without approved terms with 409, saying why", async () => {
    await world.db.query(
      "UPDATE contracts SET stage = 'draft' WHERE district_id = 'd1' AND contract_id = 'c2'",
    );
    await world.db.query(
      "UPDATE contract_terms_versions SET status = 'proposed' WHERE district_id = 'd1' AND contract_id = 'c2'",
    );
    const admin = await signInAs(world, "district_analyst", "d1");
    const response = await admin.request("GET", "/api/districts/d1/contracts/c2/progress");
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: "stage-conflict",
      detail:
        "contract c2 is draft and has no approved terms yet: progress is measured against approved terms",
    });
  });
});
