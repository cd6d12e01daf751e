/**
 * The evidence routes on a generated district of 120 students imported for contract c1
 * of d1 (served by v1): the district reads the whole report, whose forecast at the period
 * end is the statement the offline settlement gives; vendor v1 reads the suppressed shape
 * (no student ids, no file names, no count under 10); vendor v2 and district d2 get 404;
 * the read is audited; the simulation is reproducible for a seed and refused to vendors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCsv } from "../../src/adapters/csv/write-data-dir.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { ASSESSMENT_COLUMNS } from "../../src/core/demo/rows.js";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, termsFor, type ApiWorld, type Client } from "./harness.js";
import {
  importGeneratedContract,
  importInto,
  offlineStatement,
  writeGeneratedContract,
  type GeneratedContract,
} from "./generated-contract.js";

const EVIDENCE = "/api/districts/d1/contracts/c1/evidence";
const SIMULATION = "/api/districts/d1/contracts/c1/simulation";
/** The files of a generated district of 120 students, for contract c1 of d1. */
const KINDS = ["students", "enrollments", "assessments", "sessions"] as const;

type Evidence = {
  audience: string;
  asOf: string;
  quality: {
    provisional: boolean;
    reasons: string[];
    findings: {
      code: string;
      count: number | null;
      students: number | null;
      suppressed: boolean;
      exampleStudentIds: string[];
      message: string;
    }[];
    freshness: { kind: string; fileName: string | null; lastImportedAt: string | null }[];
  };
  forecast: {
    final: boolean;
    moyWindow: { window: string } | null;
    current: { total: string };
    total: { low: string; expected: string; high: string };
    outcome: { low: string; expected: string; high: string };
    projectedStudents: number;
  };
  statistics: { kind: string };
};

type Persistence = {
  status: string;
  followUpWindow: string | null;
  table: {
    dimensions: { dimension: string; cells: { key: string; n?: number; value?: { median: number } }[] }[];
  };
};

/** The generated MAP Growth math rows of one window, moved to another window (and date), scores changed by `add`. */
function movedScores(from: string, to: string, testDate: string, add: number) {
  return [...generateDistrict({ students: 120, seed: "api", contracts: 1 }).assessments()]
    .filter((a) => a.window === from && a.assessment === "MAP Growth" && a.subject === "math")
    .map((a) => ({
      ...a,
      window: to,
      test_date: testDate,
      scale_score: String(Number(a.scale_score) + add),
    }));
}

const dir = mkdtempSync(join(tmpdir(), "accord-evidence-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)("evidence API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let generated: GeneratedContract;
  beforeAll(async () => {
    world = await openApiWorld(store);
    generated = await writeGeneratedContract(join(dir, store.name), 120, KINDS);
    await importGeneratedContract(world, generated);
    admin = await signInAs(world, "district_admin", "d1");
  }, 120_000);
  afterAll(async () => world.close());

  it("gives the district the whole report; at the period end the forecast is the offline statement", async () => {
    const statement = await offlineStatement(generated);
    const response = await admin.request("GET", `${EVIDENCE}?asOf=${statement.asOf}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Evidence;
    expect(body.audience).toBe("district");
    expect(body.forecast.final).toBe(true);
    expect(body.forecast.current.total).toBe(statement.total);
    expect(body.forecast.total).toEqual({
      low: statement.total,
      expected: statement.total,
      high: statement.total,
    });
    expect(body.quality.freshness.find((f) => f.kind === "sessions")?.fileName).toMatch(/sessions\.csv$/);
    expect(body.quality.freshness.find((f) => f.kind === "payments")?.lastImportedAt).toBeNull();
    // The generated data has students without a spring score: the district sees who.
    const missing = body.quality.findings.find((f) => f.code === "missing-window");
    expect(missing?.exampleStudentIds.length).toBeGreaterThan(0);
    expect(body.quality.provisional).toBe(true);
    expect(body.quality.reasons).toContain(missing?.message);
    expect(body.statistics.kind).toBe("computed");
    // Attrition as the What Works Clearinghouse defines it, each group's and between them.
    const { attrition } = (
      body.statistics as unknown as {
        impact: { attrition: Record<string, number | null> | null };
      }
    ).impact;
    expect(attrition).not.toBeNull();
    const a = attrition as Record<string, number>;
    for (const rate of Object.values(a)) expect(rate).toBeGreaterThanOrEqual(0);
    expect(a["differentialRate"]).toBeCloseTo(Math.abs(a["servedRate"]! - a["comparisonRate"]!), 12);
  });

  it("forecasts mid-year from the winter scores and the sessions so far", async () => {
    const response = await admin.request("GET", `${EVIDENCE}?asOf=2025-01-31`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Evidence;
    expect(body.asOf).toBe("2025-01-31");
    expect(body.forecast.final).toBe(false);
    expect(body.forecast.projectedStudents).toBeGreaterThan(0);
    const { low, expected, high } = body.forecast.total;
    expect(Number(low)).toBeLessThanOrEqual(Number(expected));
    expect(Number(expected)).toBeLessThanOrEqual(Number(high));
    expect(body.quality.findings.some((f) => f.code === "window-not-tested")).toBe(true);
  });

  it("gives the contract's vendor the suppressed shape: no student ids, no file names, no count under 10", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const response = await vendor.request("GET", EVIDENCE);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Evidence;
    expect(body.audience).toBe("vendor");
    expect(JSON.stringify(body)).not.toMatch(/S\d{5}/);
    for (const f of body.quality.findings) {
      expect(f.exampleStudentIds).toEqual([]);
      for (const n of [f.count, f.students]) expect(n === null || n === 0 || n >= 10).toBe(true);
    }
    expect(body.quality.findings.some((f) => f.suppressed)).toBe(true);
    expect(body.quality.freshness.every((f) => f.fileName === null)).toBe(true);
    const stats = body.statistics as unknown as {
      equity: { metrics: { table: { dimensions: { cells: { suppressed: boolean; n?: number }[] }[] } }[] };
    };
    const cells = stats.equity.metrics.flatMap((m) => m.table.dimensions.flatMap((d) => d.cells));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell.suppressed || (cell.n ?? 0) >= 10).toBe(true);
    expect(cells.some((c) => c.suppressed)).toBe(true);
  });

  it("answers 404 to another vendor and another district, as for a missing contract", async () => {
    const other = await signInAs(world, "vendor_user", "v2");
    expect((await other.request("GET", EVIDENCE)).status).toBe(404);
    const d2 = await signInAs(world, "district_analyst", "d2");
    expect((await d2.request("GET", EVIDENCE)).status).toBe(404);
    expect((await admin.request("GET", "/api/districts/d1/contracts/nope/evidence")).status).toBe(404);
  });

  it("records each read in the audit log", async () => {
    const count = async () =>
      Number(
        (
          await world.db.query<{ n: string }>(
            "SELECT count(*)::text AS n FROM audit_events WHERE action = 'evidence.read'",
          )
        )[0]?.n,
      );
    const before = await count();
    expect((await admin.request("GET", EVIDENCE)).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it("simulates the terms on the contract's population, the same for the same seed", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const first = await analyst.request("POST", SIMULATION, { draws: 1000, seed: "s1" });
    expect(first.status).toBe(200);
    const a = (await first.json()) as {
      population: { enrolled: number };
      draws: number;
      total: { p10: string; p50: string; p90: string };
      contingentShare: { p50: string };
      targets: { metricId: string; candidates: { proposed: boolean }[] }[];
    };
    expect(a.population.enrolled).toBe(22);
    expect(a.draws).toBe(1000);
    expect(Number(a.total.p10)).toBeLessThanOrEqual(Number(a.total.p50));
    expect(Number(a.total.p50)).toBeLessThanOrEqual(Number(a.total.p90));
    for (const t of a.targets) expect(t.candidates.filter((c) => c.proposed)).toHaveLength(1);
    const again = await analyst.request("POST", SIMULATION, { draws: 1000, seed: "s1" });
    expect(await again.json()).toEqual(a);
  });

  it("prices draft terms sent with the request, and names the place of a problem in them", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const draft = { ...termsFor("d1", "c1", "v1"), maxValue: "1000000.00" };
    const response = await analyst.request("POST", SIMULATION, { terms: draft });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { termsVersion: number | null }).termsVersion).toBeNull();
    const bad = await analyst.request("POST", SIMULATION, { terms: { ...draft, maxValue: 5 } });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { code: string; problems: { path: string }[] };
    expect(problem.code).toBe("invalid-terms");
    expect(problem.problems.map((p) => p.path)).toContain("$.body.terms.maxValue");
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await vendor.request("POST", SIMULATION, {})).status).toBe(403);
  });

  it("measures persistence at the follow-up window named, and refuses a name that is not a window's", async () => {
    // A follow-up a year on where every student kept exactly the spring score: all of the gain.
    const later = join(dir, store.name, "follow-up");
    await mkdir(later, { recursive: true });
    await writeCsv(
      join(later, "assessments.csv"),
      ASSESSMENT_COLUMNS,
      movedScores("2025-spring", "2026-winter", "2026-01-20", 0),
    );
    await importInto(world, join(later, "assessments.csv"));
    const named = await admin.request("GET", `${EVIDENCE}?asOf=2025-05-23&followUp=2026-winter`);
    expect(named.status).toBe(200);
    const body = (await named.json()) as {
      statistics: { windows: { followUp: string }; persistence: Persistence };
    };
    expect(body.statistics.windows.followUp).toBe("2026-winter");
    const p = body.statistics.persistence;
    expect(p).toMatchObject({ status: "measured", followUpWindow: "2026-winter" });
    const all = p.table.dimensions.find((d) => d.dimension === "all")?.cells[0];
    expect(all?.n).toBeGreaterThan(0);
    expect(all?.value?.median).toBe(1);
    // Without a name: the fall after the outcome window, where nobody has a score.
    const byDefault = (await (await admin.request("GET", `${EVIDENCE}?asOf=2025-05-23`)).json()) as {
      statistics: { persistence: Persistence };
    };
    expect(byDefault.statistics.persistence).toMatchObject({
      status: "noShares",
      followUpWindow: "2025-fall",
    });
    const bad = await admin.request("GET", `${EVIDENCE}?followUp=${encodeURIComponent("2026/winter")}`);
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { problems: { path: string }[] };
    expect(problem.problems.map((x) => x.path).join(" ")).toMatch(/followUp/);
  });

  it("updates the mid-year forecast with the next import: lower winter retests lower the projection", async () => {
    const read = async () => {
      const response = await admin.request("GET", `${EVIDENCE}?asOf=2025-01-31`);
      expect(response.status).toBe(200);
      return (await response.json()) as Evidence;
    };
    const before = await read();
    expect(before.forecast.moyWindow?.window).toBe("2025-winter");
    // Every student retested in the winter window before the date, 15 points lower (the later test counts).
    const retests = join(dir, store.name, "winter");
    await mkdir(retests, { recursive: true });
    const rows = movedScores("2025-winter", "2025-winter", "2025-01-30", -15);
    await writeCsv(join(retests, "assessments.csv"), ASSESSMENT_COLUMNS, rows);
    await importInto(world, join(retests, "assessments.csv"));
    const after = await read();
    // The outcome payment before the contract's cap, which the total of this small contract reaches.
    expect(Number(after.forecast.outcome.expected)).toBeLessThan(Number(before.forecast.outcome.expected));
    expect(Number(after.forecast.outcome.high)).toBeLessThanOrEqual(Number(before.forecast.outcome.high));
  });
});
