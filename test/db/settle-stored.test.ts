/**
 * `settle --contract` from the store gives exactly the statement of the offline `settle`
 * on the same terms and files: every worked example, and a generated district with
 * every kind of contract, as of the period end and mid-year.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { readTermsSources } from "../../src/adapters/files/read-terms.js";
import { offlineFiles } from "../../src/adapters/files/offline-files.js";
import { writeDataDir } from "../../src/adapters/csv/write-data-dir.js";
import { batchRejects, importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { settleOffline } from "../../src/app/settle-offline.js";
import { settleStoredContracts } from "../../src/app/settle-stored-contracts.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import type { IsoDate } from "../../src/core/date.js";
import { statementToJson } from "../../src/shared/statement-json.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES, sharedExampleNames } from "../shared-examples.js";
import { TEST_STORES } from "./stores.js";

const ORDER = ["students", "enrollments", "assessments", "sessions", "obligations", "payments"];

/** Records the terms and imports the canonical files of a data folder, in dependency order. */
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
    // Rows of contracts the store does not hold are refused at import; offline they are
    // read and left out. Any other reject would be a difference between the two.
    const others =
      result.kind === "imported"
        ? ((await batchRejects(db, districtId, result.batchId))?.rows ?? []).filter(
            (r) => r.code !== "unknown-contract",
          )
        : [];
    if (result.kind !== "imported" || others.length > 0)
      throw new Error(
        `${path}: ${JSON.stringify(result, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`,
      );
  }
  return districtId;
}

async function offline(termsPath: string, dataDir: string, asOf: IsoDate | null): Promise<unknown[]> {
  const result = await settleOffline(offlineFiles, { termsPath, dataDir, asOf, allowRejects: false });
  if (result.kind !== "settled") throw new Error(`offline: ${result.kind}`);
  return result.settled.map((s) => statementToJson(s.statement));
}

async function fromStore(db: Db, districtId: string, asOf: IsoDate | null): Promise<unknown[]> {
  const result = await settleStoredContracts(db, { districtId, contractIds: null, asOf });
  if (result.kind !== "settled") throw new Error(`store: ${JSON.stringify(result)}`);
  return result.settled.map((s) => statementToJson(s.statement));
}

const dir = mkdtempSync(join(tmpdir(), "accord-settle-stored-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)("settling from the store ($name)", (testStore) => {
  let db: Db;
  beforeAll(async () => {
    db = await testStore.open();
    await migrate(db, await readMigrations());
  });
  afterAll(async () => db.close());

  it.skipIf(HAVE_SHARED_EXAMPLES)(`../shared/examples is absent (${SHARED_EXAMPLES}): not checked`, () => {});

  for (const name of sharedExampleNames()) {
    it(`gives the offline statement of the worked example ${name}`, async () => {
      const example = join(SHARED_EXAMPLES, name);
      // Each example in a database of its own: examples reuse district and student ids.
      const own = await testStore.open();
      try {
        await migrate(own, await readMigrations());
        const districtId = await store(own, join(example, "terms.json"), join(example, "data"));
        const stored = await fromStore(own, districtId, null);
        expect(stored).toEqual(await offline(join(example, "terms.json"), join(example, "data"), null));
      } finally {
        await own.close();
      }
    });
  }

  it("gives the offline statements of a generated district's eight contracts, at period end and mid-year", async () => {
    const out = join(dir, testStore.name);
    await writeDataDir(out, generateDistrict({ students: 600, seed: "store", contracts: 8 }));
    const termsDir = join(out, "terms");
    expect((await readdir(termsDir)).length).toBe(8);
    const districtId = await store(db, termsDir, out);
    const atEnd = await offline(termsDir, out, null);
    for (const asOf of [null, "2025-01-31" as IsoDate]) {
      const stored = await fromStore(db, districtId, asOf);
      expect(stored).toHaveLength(8);
      expect(stored).toEqual(asOf === null ? atEnd : await offline(termsDir, out, asOf));
    }
    // At the period end every contract is settled from its rollups, not its sessions.
    await db.query("DELETE FROM service_sessions WHERE district_id = $1", [districtId]);
    expect(await fromStore(db, districtId, null)).toEqual(atEnd);
  });

  it("names the contracts the store does not hold", async () => {
    const result = await settleStoredContracts(db, {
      districtId: "nowhere",
      contractIds: ["c9"],
      asOf: null,
    });
    expect(result).toEqual({ kind: "unknown-contracts", contractIds: ["c9"] });
  });
});
