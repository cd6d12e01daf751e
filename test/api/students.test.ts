import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { recordContract } from "../../src/app/record-contract.js";
import { openApiWorld, signInAs, termsFor, type ApiWorld, type Client } from "./harness.js";

const STUDENTS = `student_id,school_id,grade,gender,race_ethnicity,economically_disadvantaged,english_learner,special_education
S1,SCH1,3,F,Hispanic,y,y,n
S2,SCH1,4,M,White,n,n,y
S3,SCH2,5,F,Asian,y,y,n
S4,SCH2,5,M,Black,n,n,n
`;
const ENROLLMENTS = `contract_id,student_id,enrolled_on
c1,S1,2024-09-01
c1,S2,2024-09-01
c2,S3,2024-09-01
`;

async function importAs(client: Client, fileName: string, text: string): Promise<void> {
  const response = await client.request("POST", `/api/districts/d1/imports?fileName=${fileName}`, text, {
    "content-type": "text/csv",
    "idempotency-key": randomUUID(),
  });
  if (response.status !== 201) throw new Error(`${fileName}: ${response.status} ${await response.text()}`);
}

/** c1's terms with its proficiency metric paying english learners more (a second terms version). */
async function payC1BySubgroup(world: ApiWorld): Promise<void> {
  const terms = termsFor("d1", "c1", "v1") as { outcomes: { metrics: Record<string, unknown>[] } };
  const metrics = terms.outcomes.metrics.map((m) =>
    m["id"] === "proficient" ? { ...m, amountBySubgroup: { englishLearner: "250.00" } } : m,
  );
  const text = JSON.stringify({ ...terms, outcomes: { ...terms.outcomes, metrics } }, null, 2);
  const result = await recordContract(world.db, {
    source: { path: "c1.json", text, document: JSON.parse(text) as unknown, syntaxError: null },
    districtId: "d1",
    recordedBy: "test",
    reason: "subgroup amounts",
  });
  if (result.kind !== "recorded") throw new Error(`terms not recorded: ${JSON.stringify(result)}`);
}

async function page(client: Client, path: string): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const response = await client.request("GET", path);
  expect(response.status).toBe(200);
  return (await response.json()) as { items: unknown[]; nextCursor: string | null };
}

describe.each(TEST_STORES)("students API ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
    const admin = await signInAs(world, "district_admin", "d1");
    await importAs(admin, "students.csv", STUDENTS);
    await importAs(admin, "enrollments.csv", ENROLLMENTS);
  }, 120_000);
  afterAll(async () => world.close());

  it("shows district staff every column of every student, by pages, and audits each read", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const first = await page(analyst, "/api/districts/d1/students?limit=3");
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).toEqual({
      studentId: "S1",
      schoolId: "SCH1",
      grade: "3",
      gender: "F",
      raceEthnicity: "Hispanic",
      economicallyDisadvantaged: true,
      englishLearner: true,
      specialEducation: false,
    });
    const rest = await page(analyst, `/api/districts/d1/students?cursor=${first.nextCursor ?? ""}`);
    expect(rest).toMatchObject({ items: [{ studentId: "S4" }], nextCursor: null });
    const audit = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'students.read' AND organization_id = 'd1' ORDER BY seq",
    );
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { count: 3, view: "district" },
      { count: 1, view: "district" },
    ]);
  });

  it("shows a vendor only the students it serves, with id, school and grade, never gender or race", async () => {
    const v1 = await signInAs(world, "vendor_user", "v1");
    expect((await page(v1, "/api/districts/d1/students")).items).toEqual([
      { studentId: "S1", schoolId: "SCH1", grade: "3" },
      { studentId: "S2", schoolId: "SCH1", grade: "4" },
    ]);
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await page(v2, "/api/districts/d1/students")).items).toEqual([
      { studentId: "S3", schoolId: "SCH2", grade: "5" },
    ]);
    const [audit] = await world.db.query<{ district_id: string; detail: string }>(
      "SELECT district_id, detail FROM audit_events WHERE action = 'students.read' AND organization_id = 'v2'",
    );
    expect(audit).toEqual({ district_id: "d1", detail: JSON.stringify({ count: 1, view: "vendor" }) });
  });

  it("shows a vendor a subgroup flag only for students of its contracts that pay by that flag", async () => {
    await payC1BySubgroup(world);
    const v1 = await signInAs(world, "vendor_user", "v1");
    expect((await page(v1, "/api/districts/d1/students")).items).toEqual([
      { studentId: "S1", schoolId: "SCH1", grade: "3", englishLearner: true },
      { studentId: "S2", schoolId: "SCH1", grade: "4", englishLearner: false },
    ]);
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await page(v2, "/api/districts/d1/students")).items).toEqual([
      { studentId: "S3", schoolId: "SCH2", grade: "5" },
    ]);
  });

  it("answers 404 for a district the organization does not see, and 403 to the platform", async () => {
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await v2.request("GET", "/api/districts/d2/students")).status).toBe(404);
    const d2 = await signInAs(world, "district_analyst", "d2");
    expect((await d2.request("GET", "/api/districts/d1/students")).status).toBe(404);
    expect((await d2.request("GET", "/api/districts/d1/schools")).status).toBe(404);
    const platform = await signInAs(world, "platform_admin", "platform");
    expect((await platform.request("GET", "/api/districts/d1/students")).status).toBe(403);
  });

  it("lists the district's schools to district staff and its vendors", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    expect(await page(analyst, "/api/districts/d1/schools?limit=1")).toMatchObject({
      items: [{ schoolId: "SCH1", name: null }],
      nextCursor: expect.any(String) as unknown,
    });
    const v1 = await signInAs(world, "vendor_user", "v1");
    expect((await page(v1, "/api/districts/d1/schools")).items).toEqual([
      { schoolId: "SCH1", name: null },
      { schoolId: "SCH2", name: null },
    ]);
  });
});
