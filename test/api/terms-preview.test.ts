/**
 * "What would these terms pay": draft terms settled on the rows stored for one of the
 * district's contracts, with nothing recorded. The worked example pool-60-40 is stored in
 * district d1; its own terms preview to its expected statement to the cent, and changed
 * terms preview to what the offline `settle` gives on the same files. District staff
 * only: a vendor is refused, another district is told nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { offlineFiles } from "../../src/adapters/files/offline-files.js";
import { batchRejects, importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { settleOffline } from "../../src/app/settle-offline.js";
import { statementToJson } from "../../src/shared/statement-json.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES } from "../shared-examples.js";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const EXAMPLE = join(SHARED_EXAMPLES, "pool-60-40");
const PREVIEW = "/api/districts/d1/terms/preview";
const KINDS = ["students", "enrollments", "assessments", "sessions"];

interface Preview {
  contractId: string;
  dataFrom: string;
  population: { enrolled: number; eligible: number; served: number; measured: number };
  base: string;
  pool: string | null;
  metrics: { id: string; label: string; amount: string; met: number; denominator: number }[];
  outcome: string;
  total: string;
  skipped: unknown[];
}

function exampleTerms(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLE, "terms.json"), "utf8")) as Record<string, unknown>;
}

async function storeExample(world: ApiWorld): Promise<void> {
  const text = readFileSync(join(EXAMPLE, "terms.json"), "utf8");
  const source = { path: "terms.json", text, document: JSON.parse(text) as unknown, syntaxError: null };
  const recorded = await recordContract(world.db, {
    source,
    districtId: "d1",
    recordedBy: "test",
    reason: "test",
  });
  if (recorded.kind === "invalid") throw new Error(JSON.stringify(recorded.problems));
  for (const kind of KINDS) {
    const result = await importCanonicalFile(world.db, importFile(join(EXAMPLE, "data", `${kind}.csv`)), {
      districtId: "d1",
      format: null,
      importedBy: "test",
    });
    // Rows the offline settlement also leaves out (another contract's sessions) are refused
    // at import; any other reject would make the store differ from the files.
    const rejects =
      result.kind === "imported" ? ((await batchRejects(world.db, "d1", result.batchId))?.rows ?? []) : [];
    const others = rejects.filter((r) => r.code !== "unknown-contract");
    if (result.kind !== "imported" || others.length > 0)
      throw new Error(`${kind}: ${result.kind} ${JSON.stringify(others.slice(0, 3))}`);
  }
}

async function stored(world: ApiWorld): Promise<string> {
  const [row] = await world.db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM contracts)::text || '/' || (SELECT count(*) FROM contract_terms_versions)::text
            || '/' || (SELECT count(*) FROM statements)::text || '/' || (SELECT count(*) FROM audit_events)::text AS n`,
  );
  return row?.n ?? "";
}

const dir = mkdtempSync(join(tmpdir(), "accord-terms-preview-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAVE_SHARED_EXAMPLES).each(TEST_STORES)("terms preview ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    await storeExample(world);
    admin = await signInAs(world, "district_admin", "d1");
  }, 120_000);
  afterAll(async () => world.close());

  it("previews the worked example's own terms to its expected statement, to the cent", async () => {
    const before = await stored(world);
    const response = await admin.request("POST", PREVIEW, { terms: exampleTerms() });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview;
    const expected = JSON.parse(readFileSync(join(EXAMPLE, "expected-statement.json"), "utf8")) as ReturnType<
      typeof statementToJson
    >;
    expect(preview.total).toBe("895462.44");
    expect(preview.total).toBe(expected.total);
    expect(preview.base).toBe("562800.00");
    expect(preview.outcome).toBe(expected.outcome);
    expect(preview.population).toEqual({ enrolled: 1000, eligible: 1000, served: 938, measured: 938 });
    expect(preview.metrics.map((m) => [m.id, m.label, m.amount])).toEqual([
      ["growth", "Met projected growth", "173267.33"],
      ["proficient", "Reached level 3", "68307.69"],
      ["consistent", "Same tutor 75%", "91087.42"],
    ]);
    expect(preview.pool).toBe("480000.00");
    expect(preview.skipped).toEqual([]);
    expect(await stored(world)).toBe(before);
  });

  it("settles changed draft terms under a new id on another contract's rows as the offline settle does", async () => {
    const draft = {
      ...exampleTerms(),
      contractId: "pool-draft",
      base: { kind: "share", percent: "50", prorate: true },
      outcomes: { ...(exampleTerms()["outcomes"] as object), pool: { percent: "50" } },
    };
    const termsPath = join(dir, `${store.name}-draft.json`);
    writeFileSync(termsPath, JSON.stringify({ ...draft, contractId: "pool-6040" }));
    const offline = await settleOffline(offlineFiles, {
      termsPath,
      dataDir: join(EXAMPLE, "data"),
      asOf: null,
      allowRejects: false,
    });
    if (offline.kind !== "settled") throw new Error(offline.kind);
    const expected = statementToJson(offline.settled[0]!.statement);
    const before = await stored(world);
    const response = await admin.request("POST", PREVIEW, { terms: draft, dataFrom: "pool-6040" });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview;
    expect(preview.contractId).toBe("pool-draft");
    expect(preview.dataFrom).toBe("pool-6040");
    expect(preview.total).toBe(expected.total);
    expect(preview.base).toBe(expected.base);
    expect(preview.base).toBe("469000.00");
    expect(preview.metrics.map((m) => m.amount)).toEqual(expected.metrics.map((m) => m.amount));
    expect(await stored(world)).toBe(before);
    const missing = await admin.request("GET", "/api/districts/d1/contracts/pool-draft");
    expect(missing.status).toBe(404);
  });

  it("settles as of an earlier day when asked (fewer sessions count)", async () => {
    const response = await admin.request("POST", PREVIEW, { terms: exampleTerms(), asOf: "2024-10-01" });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview & { asOf: string };
    expect(preview.asOf).toBe("2024-10-01");
    expect(preview.population.served).toBeLessThan(938);
  });

  it("answers every problem of invalid terms with its path under $.body.terms", async () => {
    const response = await admin.request("POST", PREVIEW, {
      terms: { ...exampleTerms(), maxValue: 1200000, period: { start: "2025-06-01", end: "2025-05-23" } },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; problems: { path: string; code: string }[] };
    expect(body.code).toBe("invalid-terms");
    expect(body.problems.map((p) => p.path)).toEqual(["$.body.terms.period.end", "$.body.terms.maxValue"]);
  });

  it("refuses terms of another district and data of a contract the district does not have", async () => {
    const other = await admin.request("POST", PREVIEW, {
      terms: { ...exampleTerms(), district: { id: "d2", name: "District Two" } },
    });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      "$.body.terms.district.id",
    );
    const unknown = await admin.request("POST", PREVIEW, { terms: exampleTerms(), dataFrom: "c3" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      "$.body.dataFrom",
    );
    const unnamed = await admin.request("POST", PREVIEW, {
      terms: { ...exampleTerms(), contractId: "new-one" },
    });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      "$.body.terms.contractId",
    );
  });

  it("is for district staff only: analysts and auditors preview, a vendor is refused, another district sees nothing", async () => {
    for (const role of ["district_analyst", "auditor"] as const) {
      const client = await signInAs(world, role, "d1");
      const response = await client.request("POST", PREVIEW, { terms: exampleTerms() });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Preview).total).toBe("895462.44");
    }
    const vendor = await signInAs(world, "vendor_user", "v1");
    const refused = await vendor.request("POST", PREVIEW, { terms: exampleTerms() });
    expect(refused.status).toBe(403);
    const elsewhere = await signInAs(world, "district_admin", "d2");
    const hidden = await elsewhere.request("POST", PREVIEW, { terms: exampleTerms() });
    expect(hidden.status).toBe(404);
  });

  it("previews on demo data for a district with no data: synthetic, fitted to the terms, deterministic", async () => {
    const other = await signInAs(world, "district_admin", "d2");
    const terms = {
      ...exampleTerms(),
      contractId: "d2-draft",
      district: { id: "d2", name: "District Two" },
      expectedStudents: 300,
      windows: {
        fall: { assessment: "i-Ready", subject: "Reading", window: "BOY" },
        spring: { assessment: "i-Ready", subject: "Reading", window: "Spring 2025" },
      },
    };
    const onStored = await other.request("POST", "/api/districts/d2/terms/preview", { terms });
    expect(onStored.status).toBe(400);
    const before = await stored(world);
    const response = await other.request("POST", "/api/districts/d2/terms/preview", {
      terms,
      source: "demo",
    });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview & {
      source: string;
      demo: { note: string; students: number; windows: { window: string; testDate: string }[] };
    };
    expect(preview.source).toBe("demo");
    expect(preview.dataFrom).toBe("demo");
    expect(preview.contractId).toBe("d2-draft");
    expect(preview.demo.note).toMatch(/^Synthetic demo data, not your district's/);
    expect(preview.demo.students).toBe(300);
    expect(preview.demo.windows.map((w) => w.window)).toEqual(["BOY", "Spring 2025"]);
    expect(preview.demo.windows[0]!.testDate < preview.demo.windows[1]!.testDate).toBe(true);
    expect(preview.population.enrolled).toBe(300);
    expect(preview.population.served).toBeGreaterThan(200);
    expect(Number(preview.total)).toBeGreaterThan(0);
    expect(preview.metrics.every((m) => m.denominator > 0)).toBe(true);
    expect(preview.metrics.some((m) => m.met > 0)).toBe(true);
    expect(await stored(world)).toBe(before);
    const again = await other.request("POST", "/api/districts/d2/terms/preview", { terms, source: "demo" });
    expect(await again.json()).toEqual(preview);
  });

  it("refuses bad terms on demo data with JSON paths, and stored data named with demo", async () => {
    const bad = await admin.request("POST", PREVIEW, {
      source: "demo",
      terms: { ...exampleTerms(), maxValue: 1200000, period: { start: "2025-06-01", end: "2025-05-23" } },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; problems: { path: string }[] };
    expect(body.code).toBe("invalid-terms");
    expect(body.problems.map((p) => p.path)).toEqual(["$.body.terms.period.end", "$.body.terms.maxValue"]);
    const both = await admin.request("POST", PREVIEW, {
      source: "demo",
      dataFrom: "pool-6040",
      terms: exampleTerms(),
    });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      "$.body.dataFrom",
    );
    const unknown = await admin.request("POST", PREVIEW, { source: "sample", terms: exampleTerms() });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("$.body.source");
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await vendor.request("POST", PREVIEW, { source: "demo", terms: exampleTerms() })).status).toBe(
      403,
    );
  });

  it("lists the vendors the district can contract with, by name", async () => {
    const response = await admin.request("GET", "/api/districts/d1/vendors");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: { vendorId: string; name: string; contracts: number }[];
    };
    expect(body.items.map((v) => [v.vendorId, v.contracts])).toEqual([
      ["v1", 2],
      ["v2", 1],
    ]);
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await vendor.request("GET", "/api/districts/d1/vendors")).status).toBe(403);
    const elsewhere = await signInAs(world, "district_admin", "d2");
    expect((await elsewhere.request("GET", "/api/districts/d1/vendors")).status).toBe(404);
  });
});
