import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import type { TermsSource } from "../../src/app/ports/offline.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { recordContract } from "../../src/app/record-contract.js";
import { listContracts } from "../../src/app/list-contracts.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { TEST_STORES } from "./stores.js";

/** A valid terms document (the demo's first contract), as district d1's contract c1 with vendor v1. */
const TERMS: Record<string, unknown> = {
  ...(generateDistrict({ students: 20, seed: "terms", contracts: 1 }).terms()[0] as unknown as Record<
    string,
    unknown
  >),
  contractId: "c1",
  title: "Tutoring 2024-25",
  district: { id: "d1", name: "Example ISD" },
  vendor: { id: "v1", name: "Tutors Inc" },
};

function source(document: unknown, path = "terms.json"): TermsSource {
  const text = JSON.stringify(document, null, 2);
  return { path, text, document: JSON.parse(text) as unknown, syntaxError: null };
}

const record = (db: Db, document: unknown, districtId: string | null = null) =>
  recordContract(db, { source: source(document), districtId, recordedBy: "test", reason: "test" });

describe.each(TEST_STORES)("recording contracts ($name)", (store) => {
  let db: Db;
  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
  });
  afterAll(async () => db.close());

  it("records a contract, keeps the same terms as they are and versions other terms", async () => {
    expect(await record(db, TERMS)).toEqual({
      kind: "recorded",
      districtId: "d1",
      contractId: "c1",
      version: 1,
    });
    expect(await record(db, TERMS)).toEqual({
      kind: "unchanged",
      districtId: "d1",
      contractId: "c1",
      version: 1,
    });
    const amended = { ...TERMS, title: "Tutoring 2024-25, amended", expectedStudents: 120 };
    expect(await record(db, amended)).toMatchObject({ kind: "recorded", version: 2 });
    expect(await listContracts(db, "d1")).toEqual([
      { contractId: "c1", vendorId: "v1", title: "Tutoring 2024-25, amended", version: 2 },
    ]);
    const [kept] = await db.query<{ terms_source: string; name: string }>(
      `SELECT v.terms_source, d.name FROM contract_terms_versions v JOIN districts d USING (district_id)
        WHERE v.contract_id = 'c1' AND v.version = 1`,
    );
    expect(kept?.terms_source).toBe(source(TERMS).text);
    expect(kept?.name).toBe("Example ISD");
  });

  it("refuses terms that move a contract to another vendor, and keeps nothing of them", async () => {
    const moved = { ...TERMS, title: "Moved", vendor: { id: "v2", name: "Other" } };
    const result = await record(db, moved);
    expect(result).toMatchObject({
      kind: "invalid",
      problems: [{ path: "$.vendor.id", code: "vendor-changed" }],
    });
    expect(await db.query("SELECT 1 FROM vendors WHERE vendor_id = 'v2'")).toEqual([]);
    expect((await listContracts(db, "d1"))[0]?.title).toBe("Tutoring 2024-25, amended");
  });

  it("refuses invalid terms with their JSON paths, and terms of another district", async () => {
    const invalid = await record(db, { ...TERMS, contractId: "c2", maxValue: "ten" });
    expect(invalid.kind).toBe("invalid");
    if (invalid.kind === "invalid") expect(invalid.problems.map((p) => p.path)).toContain("$.maxValue");
    expect(await record(db, { ...TERMS, contractId: "c3" }, "d9")).toMatchObject({
      kind: "invalid",
      problems: [{ path: "$.district.id", code: "other-district" }],
    });
    expect((await listContracts(db, "d1")).map((c) => c.contractId)).toEqual(["c1"]);
  });
});
