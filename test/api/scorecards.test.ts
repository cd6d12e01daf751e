/**
 * Scorecards through the API, on statements written into the store with known figures:
 * a district's portfolio with exact cents and per-student costs rounded once, half away from zero, the latest
 * final statement chosen over a later interim one, a vendor's scorecard across the two
 * districts it serves, and who sees what: a district sees only its own contracts with a
 * vendor (never another district's figures for the same vendor), a vendor only its own,
 * and neither a platform administrator nor a vendor reads a district's portfolio.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { signInAs, openApiWorld, type ApiWorld, type Client } from "./harness.js";

const DIGEST = "0".repeat(64);
let keyNo = 0;

type Line = {
  contractId: string;
  districtId: string;
  statement: { kind: string; asOf: string; status: string } | null;
  committed: string;
  paid: string;
  contingentAtStake: string;
  contingentEarned: string | null;
  contingentEarnedShare: string | null;
  studentsServed: number | null;
  studentsMeetingAnyTarget: number | null;
  costPerStudentServed: string | null;
  costPerStudentMeetingOutcomes: string | null;
  metrics: { id: string; met: number | null; denominator: number | null; costPerStudentMet: string | null }[];
  obligations: { vendorObligations: number; metOnTime: number; missed: number; notYetDue: number };
  disputes: { raised: number; open: number };
};
type Totals = Omit<Line, "contractId" | "districtId" | "statement" | "metrics"> & { contracts: number };
type Scorecard = {
  contracts: Line[];
  totals: Totals;
  vendors?: { id: string }[];
  districts?: { id: string }[];
};

function student(id: string, growth: string, proficient: string) {
  return {
    studentId: id,
    eligible: true,
    served: true,
    metrics: { growth: { status: growth }, proficient: { status: proficient } },
  };
}

function document(
  contractId: string,
  asOf: string,
  fig: {
    served: number;
    outcome: string;
    reduction: string;
    final: boolean;
    met: [number, number];
    students: unknown[];
    sameTutor: string;
  },
) {
  return {
    format: "obc-statement/1",
    contractId,
    currency: "USD",
    asOf,
    final: fig.final,
    population: { enrolled: fig.served, eligible: fig.served, served: fig.served, measured: fig.served },
    base: "0.00",
    metrics: [
      {
        id: "growth",
        kind: "growth",
        denominator: fig.served,
        met: fig.met[0],
        missing: 0,
        rate: "0",
        amount: "0.00",
        capped: false,
      },
      {
        id: "proficient",
        kind: "proficiency",
        denominator: fig.served,
        met: fig.met[1],
        missing: 0,
        rate: "0",
        amount: "0.00",
        capped: false,
      },
    ],
    outcome: fig.outcome,
    reduction: fig.reduction,
    obligations: [
      { id: "enroll", party: "district", status: "met", value: fig.served, consequenceApplied: false },
      { id: "same-tutor", party: "vendor", status: fig.sameTutor, value: null, consequenceApplied: false },
    ],
    subtotal: "0.00",
    payFull: false,
    total: "0.00",
    paid: "0.00",
    due: "0.00",
    students: fig.students,
  };
}

async function insertStatement(
  world: ApiWorld,
  districtId: string,
  contractId: string,
  kind: string,
  doc: { asOf: string },
): Promise<bigint> {
  const text = JSON.stringify(doc);
  const [row] = await world.db.query<{ statement_id: bigint }>(
    `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document, input_digest, kind, issued_by)
     VALUES ($1, $2, 1, $3, $4::text, $4::text::jsonb, $5, $6, 'test') RETURNING statement_id`,
    [districtId, contractId, doc.asOf, text, DIGEST, kind],
  );
  if (row === undefined) throw new Error("no statement");
  return row.statement_id;
}

describe.each(TEST_STORES)("scorecards API ($name)", (store) => {
  let world: ApiWorld;
  let d1: Client;
  let d2: Client;
  let v1: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    d1 = await signInAs(world, "district_analyst", "d1");
    d2 = await signInAs(world, "district_analyst", "d2");
    v1 = await signInAs(world, "vendor_user", "v1");
    const pay = async (district: string, contract: string, amount: string) => {
      const admin = await signInAs(world, "district_admin", district);
      const response = await admin.request(
        "POST",
        `/api/districts/${district}/contracts/${contract}/payments`,
        { paidOn: "2025-01-10", amount },
        { "idempotency-key": `scorecard-${++keyNo}` },
      );
      expect(response.status, await response.clone().text()).toBe(201);
    };
    await pay("d1", "c1", "2000.00");
    await pay("d1", "c1", "1000.01");
    await pay("d2", "c3", "999.99");
    // c1: a final statement (3 served; S1 meets growth, S2 proficiency, S3 nothing), then a later interim one.
    await insertStatement(
      world,
      "d1",
      "c1",
      "final",
      document("c1", "2025-05-23", {
        served: 3,
        outcome: "725.00",
        reduction: "72.50",
        final: true,
        met: [1, 1 + 1],
        students: [
          student("S1", "met", "notMet"),
          student("S2", "notMet", "met"),
          student("S3", "notMet", "notMet"),
          { studentId: "S4", eligible: false, served: false, metrics: {} },
        ],
        sameTutor: "met",
      }),
    );
    await insertStatement(
      world,
      "d1",
      "c1",
      "interim",
      document("c1", "2025-06-01", {
        served: 30,
        outcome: "9999.00",
        reduction: "0.00",
        final: false,
        met: [30, 30],
        students: [],
        sameTutor: "met",
      }),
    );
    // c3 (d2, the same vendor v1): a disputed final statement, 4 served, nobody meeting a target.
    const c3 = await insertStatement(
      world,
      "d2",
      "c3",
      "final",
      document("c3", "2025-05-23", {
        served: 4,
        outcome: "0.00",
        reduction: "0.00",
        final: true,
        met: [0, 0],
        students: [student("T1", "notMet", "notMet")],
        sameTutor: "notMet",
      }),
    );
    await world.db.query(
      `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, comment, organization_id, reviewed_by, reviewed_at)
       VALUES ('d2', $1, 1, 'dispute', 'counts differ', 'v1', 'user', now())`,
      [c3],
    );
  }, 120_000);
  afterAll(async () => world.close());

  async function read(client: Client, path: string): Promise<Scorecard> {
    const response = await client.request("GET", path);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Scorecard;
  }

  it("gives the district its portfolio in exact cents from each contract's latest final statement", async () => {
    const card = await read(d1, "/api/districts/d1/scorecard");
    expect(card.contracts.map((c) => c.contractId)).toEqual(["c1", "c2"]);
    const [c1, c2] = card.contracts;
    expect(c1?.statement).toMatchObject({ kind: "final", asOf: "2025-05-23", status: "issued" });
    expect(c1).toMatchObject({
      committed: "7000.00",
      paid: "3000.01",
      // 7000.00 - 870.00 x 4 planned students
      contingentAtStake: "3520.00",
      // 725.00 - 72.50; 652.50 / 3520.00 = 0.185369... -> 0.1854
      contingentEarned: "652.50",
      contingentEarnedShare: "0.1854",
      studentsServed: 3,
      studentsMeetingAnyTarget: 2,
      // 3000.01 / 3 = 1000.0033 -> 1000.00; 3000.01 / 2 = 1500.005 -> 1500.01 (half away from zero)
      costPerStudentServed: "1000.00",
      costPerStudentMeetingOutcomes: "1500.01",
      obligations: { vendorObligations: 1, metOnTime: 1, missed: 0, notYetDue: 0 },
      disputes: { raised: 0, open: 0 },
    });
    expect(c1?.metrics.map((m) => [m.id, m.met, m.denominator, m.costPerStudentMet])).toEqual([
      ["growth", 1, 3, "3000.01"],
      ["proficient", 2, 3, "1500.01"],
    ]);
    expect(c2).toMatchObject({
      statement: null,
      paid: "0.00",
      studentsServed: null,
      costPerStudentServed: null,
    });
    expect(card.totals).toMatchObject({
      contracts: 2,
      committed: "14000.00",
      paid: "3000.01",
      contingentAtStake: "7040.00",
      contingentEarned: "652.50",
      contingentEarnedShare: "0.1854",
      studentsServed: 3,
      costPerStudentServed: "1000.00",
      costPerStudentMeetingOutcomes: "1500.01",
    });
    expect(card.vendors?.map((v) => v.id)).toEqual(["v1", "v2"]);
  });

  it("filters by school year, fiscal year and stage, and names a bad filter", async () => {
    expect((await read(d1, "/api/districts/d1/scorecard?schoolYear=2024-2025")).contracts.length).toBe(2);
    expect((await read(d1, "/api/districts/d1/scorecard?fiscalYear=2024")).contracts.length).toBe(0);
    expect((await read(d1, "/api/districts/d1/scorecard?stage=settled,closed")).totals.committed).toBe(
      "0.00",
    );
    const bad = await d1.request("GET", "/api/districts/d1/scorecard?schoolYear=2024");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { problems: { path: string }[] };
    expect(body.problems.map((p) => p.path)).toEqual(["$.query.schoolYear"]);
  });

  it("gives the vendor its own scorecard across the districts it serves", async () => {
    const card = await read(v1, "/api/vendors/v1/scorecard");
    expect(card.contracts.map((c) => `${c.districtId}/${c.contractId}`)).toEqual(["d1/c1", "d2/c3"]);
    expect(card.districts?.map((d) => d.id)).toEqual(["d1", "d2"]);
    expect(card.totals).toMatchObject({
      contracts: 2,
      paid: "4000.00",
      studentsServed: 7,
      // 4000.00 / 7 = 571.428... -> 571.43; 4000.00 / 2 = 2000.00
      costPerStudentServed: "571.43",
      costPerStudentMeetingOutcomes: "2000.00",
      obligations: { vendorObligations: 2, metOnTime: 1, missed: 1, notYetDue: 0 },
      disputes: { raised: 1, open: 1 },
    });
    const other = await v1.request("GET", "/api/vendors/v2/scorecard");
    expect(other.status).toBe(404);
  });

  it("shows a district only its own contracts with a vendor, never another district's figures", async () => {
    const byD1 = await d1.request("GET", "/api/vendors/v1/scorecard");
    const text = await byD1.text();
    expect(byD1.status).toBe(200);
    expect(text).not.toMatch(/\bd2\b|\bc3\b|999\.99|District d2/);
    const card = JSON.parse(text) as Scorecard;
    expect(card.contracts.map((c) => c.contractId)).toEqual(["c1"]);
    expect(card.totals).toMatchObject({
      paid: "3000.01",
      studentsServed: 3,
      disputes: { raised: 0, open: 0 },
    });
    const byD2 = await read(d2, "/api/vendors/v1/scorecard");
    expect(byD2.contracts.map((c) => c.contractId)).toEqual(["c3"]);
    expect(byD2.totals).toMatchObject({ paid: "999.99", studentsServed: 4, costPerStudentServed: "250.00" });
    expect(JSON.stringify(byD2)).not.toMatch(/\bc1\b|3000\.01|District d1/);
    // d2 holds no contract with v2: as for a vendor that does not exist
    expect((await d2.request("GET", "/api/vendors/v2/scorecard")).status).toBe(404);
    expect((await d1.request("GET", "/api/districts/d2/scorecard")).status).toBe(404);
  });

  it("refuses a district's portfolio to its vendors and to platform administrators", async () => {
    const vendor = await v1.request("GET", "/api/districts/d1/scorecard");
    expect([vendor.status, ((await vendor.json()) as { code: string }).code]).toEqual([403, "forbidden"]);
    const platform = await signInAs(world, "platform_admin", "platform");
    expect((await platform.request("GET", "/api/districts/d1/scorecard")).status).toBe(403);
    expect((await platform.request("GET", "/api/vendors/v1/scorecard")).status).toBe(403);
  });
});
