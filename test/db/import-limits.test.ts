/**
 * Values the store cannot hold are rejected with a reason, not stored cut and not
 * thrown: amounts past 64-bit cents, decimals past `numeric`, and the NUL character in
 * a CSV cell or a JSON value (whose reject copy shows it as U+FFFD).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edfiImportSource } from "../../src/adapters/importers/edfi-source.js";
import { FIXTURES, ImportStore, counts } from "./import-helpers.js";
import { TEST_STORES } from "./stores.js";

const dir = mkdtempSync(join(tmpdir(), "accord-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function file(name: string, text: string): string {
  const path = join(dir, `${++fileNo}-${name}`);
  writeFileSync(path, text);
  return path;
}

describe.each(TEST_STORES)("values past the store's limits on $name", (store) => {
  const s = new ImportStore(store);
  beforeAll(() => s.open());
  afterAll(() => s.close());

  it("rejects an amount past 64-bit cents and a score past numeric, at their columns", async () => {
    s.next();
    await s.addContract("C1");
    const payments = file(
      "payments.csv",
      "contract_id,paid_on,amount\nC1,2026-01-01,92233720368547758.08\nC1,2026-01-01,-92233720368547758.08\n",
    );
    const paid = await s.importCsv(payments);
    expect(counts(paid)).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(await s.rejects(paid)).toEqual([[2, 3, "out-of-range"]]);
    await s.importCsv(file("students.csv", "student_id,school_id,grade\nS1,A,3\n"));
    const scores = file(
      "assessments.csv",
      `student_id,assessment,subject,window,test_date,scale_score\nS1,MAP Growth,math,2024-fall,2024-09-01,1${"0".repeat(131_072)}\n`,
    );
    expect(await s.rejects(await s.importCsv(scores))).toEqual([[2, 6, "out-of-range"]]);
  });

  it("rejects a CSV cell holding NUL at its column, and keeps the row for the export", async () => {
    s.next();
    await s.importCsv(file("students.csv", "student_id,school_id,grade\n100001,A,3\n100002,A,4\n"));
    const text = readFileSync(join(FIXTURES, "nwea-assessment-results.csv"), "utf8").replace(
      '"Grand Bend, North Elementary","255901321","100001"',
      '"Grand Bend, North\u0000Elementary","255901321","100001"',
    );
    const r = await s.importCsv(file("map.csv", text));
    expect((await s.rejects(r))[0]).toEqual([2, 4, "nul-character"]);
    const table = await s.rejectsTable(r);
    expect(table[1]?.[3]).toBe("Grand Bend, North\uFFFDElementary");
  });

  it("rejects a JSON resource whose mapped value holds NUL", async () => {
    s.next();
    await s.importCsv(file("students.csv", "student_id,school_id,grade\n604821,A,3\n"));
    const resource =
      readFileSync(join(FIXTURES, "edfi/studentAssessment.ndjson"), "utf8").split("\n")[0] ?? "";
    const path = file("sa.ndjson", `${resource}\n${resource.replace('"604821"', '"6048\\u000021"')}\n`);
    const r = await s.import(edfiImportSource(path, { format: null, contractId: null }));
    expect(counts(r)).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(await s.rejects(r)).toEqual([[2, 0, "nul-character"]]);
    const table = await s.rejectsTable(r);
    expect(JSON.parse(table[1]?.[1] ?? "")).toMatchObject({
      studentReference: { studentUniqueId: "6048\uFFFD21" },
    });
  });
});
