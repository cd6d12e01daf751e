/**
 * The outcomes route on a small known dataset: exact attainment, growth bins, subgroup
 * cells (whole for the district, small cells suppressed for the vendor), dosage pairs and
 * tutor consistency; another vendor gets 404; the read is audited.
 *
 * Contract c1 of d1 (served by v1): grades 4-6, 15 sessions to be served, growth to each
 * student's fall growth_target (100%), proficiency at level 3 in spring. S01-S12 are
 * served; S13 is in grade 8 (ineligible); S14 has 5 sessions (not served).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const OUTCOMES = "/api/districts/d1/contracts/c1/outcomes";
const ids = Array.from({ length: 14 }, (_, i) => `S${String(i + 1).padStart(2, "0")}`);
/** Spring growth of S01-S11 (fall 200, target 10); S12 took no spring test. */
const GROWTH = [12, 10, 15, 9, 3, -2, 20, 10, 11, 0, 5];
const LEVELS = [3, 3, 4, 3, 1, 2, 5, 3, 3, 2, 2];

function csv(header: string, rows: readonly string[]): string {
  return [header, ...rows].join("\n") + "\n";
}

function files(): Record<string, string> {
  const students = ids.map((id, i) => {
    const grade = id === "S13" ? "8" : "5";
    const ed = i < 4 ? "true" : "false";
    const sped = i === 0 ? "true" : "false";
    const race = i < 6 ? "Hispanic" : "";
    return `${id},SCH1,${grade},F,${race},${ed},false,${sped}`;
  });
  const enrollments = ids.map((id) => `c1,${id},2024-09-10,`);
  const assessments = ids.slice(0, 12).flatMap((id, i) => {
    const fall = `${id},MAP Growth,math,2024-fall,2024-09-20,200,2,,10,`;
    const g = GROWTH[i];
    return g === undefined
      ? [fall]
      : [fall, `${id},MAP Growth,math,2025-spring,2025-05-01,${200 + g},${LEVELS[i]},,,`];
  });
  // S01-S12 have 15..26 sessions of 30 minutes; S01-S03 had their first 5 with another tutor.
  const sessions = ids.flatMap((id, i) => {
    const count = id === "S14" ? 5 : id === "S13" ? 20 : 15 + i;
    return Array.from({ length: count }, (_, j) => {
      const tutor = i < 3 && j < 5 ? "T2" : "T1";
      const day = String(1 + (j % 28)).padStart(2, "0");
      const month = j < 28 ? "10" : "11";
      return `${id}-${j},c1,${id},${tutor},2024-${month}-${day},30,true,1`;
    });
  });
  return {
    "students.csv": csv(
      "student_id,school_id,grade,gender,race_ethnicity,economically_disadvantaged,english_learner,special_education",
      students,
    ),
    "enrollments.csv": csv("contract_id,student_id,enrolled_on,exited_on", enrollments),
    "assessments.csv": csv(
      "student_id,assessment,subject,window,test_date,scale_score,performance_level,percentile,growth_target,rapid_guess_percent",
      assessments,
    ),
    "sessions.csv": csv(
      "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size",
      sessions,
    ),
  };
}

type Cell = {
  group: string;
  label: string;
  suppressed: string | null;
  n?: number;
  met?: number;
  rate?: string;
};
type Outcomes = {
  asOf: string;
  suppressSmallCells: boolean;
  population: Record<string, number>;
  hasAssessments: boolean;
  metrics: {
    id: string;
    denominator: number;
    met: number;
    missing: number;
    rate: string;
    criterion: string;
  }[];
  growth: { metricId: string; axis: string; line: string; students: number; met: number; bins: unknown[] }[];
  subgroups: { metricId: string; dimensions: { dimension: string; cells: Cell[] }[] }[];
  dosage: {
    metricId: string;
    points: { studentId: string; sessions: number; minutes: number; growth: string; met: boolean }[];
  }[];
  consistency: {
    students: number;
    withoutSessions: number;
    minShare: string | null;
    bins: { from: string; to: string; count: number }[];
  };
};

const dir = mkdtempSync(join(tmpdir(), "accord-outcomes-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STORES)("outcomes API ($name)", (store) => {
  let world: ApiWorld;
  let analyst: Client;
  let vendor: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    const data = join(dir, store.name);
    await mkdir(data, { recursive: true });
    for (const [name, text] of Object.entries(files())) {
      await writeFile(join(data, name), text);
      const result = await importCanonicalFile(world.db, importFile(join(data, name)), {
        districtId: "d1",
        format: null,
        importedBy: "test",
      });
      if (result.kind !== "imported" || result.rejected > 0)
        throw new Error(`${name}: ${JSON.stringify(result)}`);
    }
    analyst = await signInAs(world, "district_analyst", "d1");
    vendor = await signInAs(world, "vendor_user", "v1");
  }, 120_000);
  afterAll(async () => world.close());

  async function outcomes(client: Client, query = ""): Promise<Outcomes> {
    const response = await client.request("GET", OUTCOMES + query);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Outcomes;
  }

  it("gives the attainment of each metric that the settlement gives", async () => {
    const o = await outcomes(analyst);
    expect(o.asOf).toBe("2025-05-23");
    expect(o.population).toEqual({ enrolled: 14, eligible: 13, served: 12, measured: 12 });
    expect(o.hasAssessments).toBe(true);
    const figures = (m: { id: string; denominator: number; met: number; missing: number; rate: string }) => ({
      id: m.id,
      denominator: m.denominator,
      met: m.met,
      missing: m.missing,
      rate: m.rate,
    });
    expect(o.metrics.map(figures)).toEqual([
      { id: "growth", denominator: 12, met: 6, missing: 1, rate: "0.500000" },
      { id: "proficient", denominator: 12, met: 7, missing: 1, rate: "0.583333" },
    ]);
    const run = await analyst.request(
      "POST",
      "/api/districts/d1/contracts/c1/statements",
      { kind: "final" },
      { "idempotency-key": `outcomes-${store.name}` },
    );
    expect(run.status).toBe(201);
    const statement = (await run.json()) as { waterfall: { metrics: Parameters<typeof figures>[0][] } };
    expect(statement.waterfall.metrics.map(figures)).toEqual(o.metrics.map(figures));
    expect(o.metrics[1]?.criterion).toBe("Performance level 3 or higher on the spring test");
  });

  it("bins growth against each student's own target, the line at 0", async () => {
    const [g] = (await outcomes(analyst)).growth;
    expect(g).toMatchObject({
      metricId: "growth",
      axis: "growthMinusTarget",
      line: "0",
      students: 11,
      met: 6,
    });
    // growth - target: 2, 0, 5, -1, -7, -12, 10, 0, 1, -10, -5 in bins of 2 points.
    expect(g?.bins).toEqual(
      [1, 1, 1, 1, 0, 1, 3, 1, 1, 0, 0, 1].map((count, i) => ({
        from: String(-12 + 2 * i),
        to: String(-10 + 2 * i),
        count,
      })),
    );
  });

  it("pairs each measured student's sessions with their growth", async () => {
    const [d] = (await outcomes(analyst)).dosage;
    expect(d?.points.length).toBe(11);
    expect(d?.points[0]).toEqual({ studentId: "S01", sessions: 15, minutes: 450, growth: "12", met: true });
    expect(d?.points[5]).toEqual({ studentId: "S06", sessions: 20, minutes: 600, growth: "-2", met: false });
    expect(
      d?.points.some((p) => p.studentId === "S12" || p.studentId === "S13" || p.studentId === "S14"),
    ).toBe(false);
  });

  it("counts tutor consistency in tenths over the measured students", async () => {
    const c = (await outcomes(analyst)).consistency;
    expect(c).toMatchObject({ students: 12, withoutSessions: 0, minShare: null });
    // S01 10/15, S02 11/16, S03 12/17; the other nine always had one tutor.
    expect(c.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 2, 1, 0, 9]);
    expect(c.bins[9]).toEqual({ from: "0.9", to: "1", count: 9 });
  });

  it("shows the district every subgroup cell with its numbers", async () => {
    const o = await outcomes(analyst);
    expect(o.suppressSmallCells).toBe(false);
    const growth = o.subgroups.find((s) => s.metricId === "growth");
    const dim = (name: string) => growth?.dimensions.find((d) => d.dimension === name)?.cells;
    expect(dim("economicallyDisadvantaged")).toEqual([
      { group: "yes", label: "Economically disadvantaged", suppressed: null, n: 4, met: 3, rate: "0.750000" },
      {
        group: "no",
        label: "Not economically disadvantaged",
        suppressed: null,
        n: 8,
        met: 3,
        rate: "0.375000",
      },
    ]);
    expect(dim("raceEthnicity")).toEqual([
      { group: "Hispanic", label: "Hispanic", suppressed: null, n: 6, met: 3, rate: "0.500000" },
      { group: "not-recorded", label: "Not recorded", suppressed: null, n: 6, met: 3, rate: "0.500000" },
    ]);
  });

  it("suppresses the vendor's subgroup cells under 10 students, and the one that would give them away", async () => {
    const o = await outcomes(vendor);
    expect(o.suppressSmallCells).toBe(true);
    expect(o.metrics[0]).toMatchObject({ denominator: 12, met: 6 });
    const growth = o.subgroups.find((s) => s.metricId === "growth");
    const dim = (name: string) => growth?.dimensions.find((d) => d.dimension === name)?.cells;
    expect(dim("economicallyDisadvantaged")).toEqual([
      { group: "yes", label: "Economically disadvantaged", suppressed: "small" },
      { group: "no", label: "Not economically disadvantaged", suppressed: "small" },
    ]);
    expect(dim("specialEducation")).toEqual([
      { group: "yes", label: "Special education", suppressed: "small" },
      { group: "no", label: "Not in special education", suppressed: "complementary" },
    ]);
    expect(dim("englishLearner")).toEqual([
      { group: "no", label: "Not an English learner", suppressed: null, n: 12, met: 6, rate: "0.500000" },
    ]);
    const shown = o.subgroups.flatMap((s) =>
      s.dimensions.flatMap((d) => d.cells.filter((c) => c.suppressed === null)),
    );
    expect(shown.every((c) => (c.n ?? 0) >= 10)).toBe(true);
    // The vendor's own students: the same dosage pairs as the district's.
    expect(o.dosage[0]?.points.length).toBe(11);
  });

  it("answers 404 to a vendor that does not serve the contract", async () => {
    const other = await signInAs(world, "vendor_user", "v2");
    const response = await other.request("GET", OUTCOMES);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("S01");
  });

  it("computes as of an earlier date: before the spring tests there is no growth yet", async () => {
    const o = await outcomes(analyst, "?asOf=2024-12-31");
    expect(o.asOf).toBe("2024-12-31");
    expect(o.hasAssessments).toBe(false);
    expect(o.growth[0]).toMatchObject({ students: 0, bins: [] });
    expect(o.metrics[0]).toMatchObject({ met: 0, missing: 12 });
  });

  it("refuses a date that is not on the calendar, naming the parameter", async () => {
    const response = await analyst.request("GET", `${OUTCOMES}?asOf=2025-02-30`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: { path: string }[] };
    expect(body.problems[0]?.path).toBe("$.query.asOf");
  });

  it("records each read in the audit log, with counts and no student", async () => {
    const rows = await world.db.query<{ detail: unknown; organization_id: string }>(
      "SELECT detail, organization_id FROM audit_events WHERE action = 'outcomes.read'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(rows)).not.toContain("S01");
    expect(rows.some((r) => r.organization_id === "v1")).toBe(true);
  });
});
