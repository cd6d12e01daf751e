/**
 * One contract from request for proposals to published payment, through the API only, on
 * both stores, with the exact amounts at each step:
 *
 * 1. District d1 drafts an RFP from its terms (12 students planned, base 100.00 per
 *    student served, 50.00 per student growing 5 points, a vendor obligation to keep one
 *    tutor that would cost 10 % of the outcome payment), publishes it; vendors v1 and v2
 *    propose (v1: the rates above for 20,000.00; v2: 120.00 and 40.00 for 25,000.00).
 * 2. Staff score: v1 87.00 (24 + 20 + 25 + 10 + 8), v2 67.00 (18 + 15 + 20 + 8 + 6, its
 *    price scoring 5 x 20,000 / 25,000 = 4 points); the RFP closes and v1 is awarded: a
 *    contract draft with v1's rates and a maximum value of 20,000.00.
 * 3. Both parties approve the terms; 20,000.00 is encumbered on ESSER III (30,000.00).
 * 4. A check-in: the agenda prepared from the contract's figures, minutes with an action
 *    item, finalised.
 * 5. Data: 12 students enrolled, 10 sessions each, fall scores; the district marks the
 *    vendor's tutor obligation met. Interim statement as of 2025-01-15: 12 x 100.00 =
 *    1,200.00, approved, invoiced, paid.
 * 6. Spring scores (S1-S6 grow 6 points, S7-S12 grow 2); final statement as of the period
 *    end: 1,200.00 + 6 x 50.00 = 1,500.00, 1,200.00 paid, 300.00 due; approved, which
 *    releases the 18,500.00 the contract will not pay; invoiced, paid.
 * 7. The ledger reconciles with the payments and the statement; the source's balance is
 *    30,000.00 = 1,500.00 paid + 28,500.00 available; the OCDS release validates and
 *    carries both payments and the growth result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateOcdsPackage } from "../../src/adapters/ocds-schemas/validate-ocds.js";
import { TEST_STORES } from "../db/stores.js";
import { pdfPageTexts } from "../documents/read-back.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "../api/harness.js";
import { enrollments, ids, scores, sessions, students, terms } from "../scenario.js";

const D1 = "/api/districts/d1";
const RFP = `${D1}/rfps/scn`;
const CONTRACT = `${D1}/contracts/scn`;

let keyNo = 0;
const key = () => ({ "idempotency-key": `scenario-${++keyNo}` });

async function json<T>(response: Response | Promise<Response>, status: number): Promise<T> {
  const answered = await response;
  const text = await answered.text();
  expect(answered.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The contract's terms as the district drafts them (the vendor is chosen by the RFP). */
const draftTerms = terms({
  contractId: "scn",
  title: "Grade 5 math tutoring",
  district: { id: "d1", name: "District d1" },
  vendor: { id: "tbd", name: "To be chosen" },
  maxValue: "30000.00",
  expectedStudents: 12,
  obligations: [
    {
      id: "same-tutor",
      party: "vendor",
      description: "Keep each student with one tutor",
      measure: { kind: "manual" },
      consequence: { reduceOutcomePercent: "10" },
    },
  ],
});

const rateCard = (base: string, growth: string) => ({
  base: { kind: "perStudent", amount: base, per: "served" },
  outcomes: { kind: "perStudent", metrics: [{ id: "growth", amount: growth }] },
});

const STUDENTS = ids(12);
/** S1-S6 grow 6 points (met), S7-S12 grow 2 (not met). */
const SCORES = STUDENTS.map((id, i): [string, number, number] => [id, 200, i < 6 ? 206 : 202]);

describe.each(TEST_STORES)("from RFP to paid invoice and open data ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let analyst: Client;
  let v1: Client;
  let v2: Client;
  const proposals: Record<string, string> = {};
  let sourceId = "";

  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
    analyst = await signInAs(world, "district_analyst", "d1");
    v1 = await signInAs(world, "vendor_user", "v1");
    v2 = await signInAs(world, "vendor_user", "v2");
  }, 120_000);
  afterAll(async () => world.close());

  /** Uploads one canonical CSV file to d1 as `client`. */
  async function upload(client: Client, fileName: string, body: string): Promise<void> {
    const result = await json<{ accepted: number; rejected: number }>(
      client.request("POST", `${D1}/imports?fileName=${fileName}`, body, {
        "content-type": "text/csv",
        ...key(),
      }),
      201,
    );
    expect(result.rejected, fileName).toBe(0);
    expect(result.accepted, fileName).toBeGreaterThan(0);
  }

  it("drafts and publishes the RFP; two vendors propose; staff score them", async () => {
    const rfp = await json<{ status: string; document: { criteria: { key: string }[] } }>(
      admin.request(
        "POST",
        `${D1}/rfps`,
        { rfpId: "scn", title: "Grade 5 math tutoring", terms: draftTerms },
        key(),
      ),
      201,
    );
    expect(rfp.status).toBe("draft");
    const pdf = await admin.request("GET", `${RFP}/rfp.pdf`);
    expect(pdf.status).toBe(200);
    const text = (await pdfPageTexts(new Uint8Array(await pdf.arrayBuffer()))).join("\n");
    expect(text).toContain("Grade 5 math tutoring");
    expect(text).toContain("$30,000.00");
    await json(admin.request("POST", `${RFP}/publish`), 200);

    for (const [name, client, card, price] of [
      ["v1", v1, rateCard("100.00", "50.00"), "20000.00"],
      ["v2", v2, rateCard("120.00", "40.00"), "25000.00"],
    ] as const) {
      const sent = await json<{ proposalId: string; status: string }>(
        client.request(
          "POST",
          `${RFP}/proposals`,
          { narrative: `${name}'s plan`, evidence: "A randomized trial", rateCard: card, price },
          key(),
        ),
        201,
      );
      expect(sent.status).toBe("submitted");
      proposals[name] = sent.proposalId;
    }

    const score = (e: number, a: number, d: number, r: number) => ({
      scores: [
        { criterion: "evidence", points: e, comment: "evidence" },
        { criterion: "approach", points: a, comment: "approach" },
        { criterion: "data-privacy", points: d, comment: "privacy" },
        { criterion: "references", points: r, comment: "references" },
      ],
    });
    await json(admin.request("PUT", `${RFP}/proposals/${proposals["v1"]}/scores`, score(4, 4, 5, 4)), 200);
    await json(analyst.request("PUT", `${RFP}/proposals/${proposals["v2"]}/scores`, score(3, 3, 4, 3)), 200);
    const all = await json<{ items: { vendorId: string; evaluation: { total: string } | null }[] }>(
      admin.request("GET", `${RFP}/proposals`),
      200,
    );
    expect(all.items.map((p) => [p.vendorId, p.evaluation?.total])).toEqual([
      ["v1", "87.00"],
      ["v2", "67.00"],
    ]);
  });

  it("closes the RFP and awards v1: a contract draft with its rates and price", async () => {
    await json(admin.request("POST", `${RFP}/close`), 200);
    const awarded = await json<{ contractId: string }>(
      admin.request("POST", `${RFP}/proposals/${proposals["v1"]}/award`, {}, key()),
      201,
    );
    expect(awarded.contractId).toBe("scn");
    const contract = await json<{
      contract: { stage: string; vendorId: string };
      terms: { maxValue: string; base: unknown; outcomes: { metrics: { amount: string }[] } };
    }>(admin.request("GET", CONTRACT), 200);
    expect(contract.contract).toMatchObject({ stage: "draft", vendorId: "v1" });
    expect(contract.terms.maxValue).toBe("20000.00");
    expect(contract.terms.base).toEqual({ kind: "perStudent", amount: "100.00", per: "served" });
    expect(contract.terms.outcomes.metrics.map((m) => m.amount)).toEqual(["50.00"]);
  });

  it("is approved by both parties and encumbered on a funding source", async () => {
    const etagOf = async () => (await admin.request("GET", CONTRACT)).headers.get("etag") ?? "";
    const proposed = await admin.request("POST", `${CONTRACT}/propose`, undefined, {
      "if-match": await etagOf(),
    });
    expect(proposed.status).toBe(200);
    const byVendor = await v1.request(
      "POST",
      `${CONTRACT}/approve`,
      { version: 1 },
      { "if-match": proposed.headers.get("etag") ?? "" },
    );
    expect(byVendor.status).toBe(200);
    const byDistrict = await json<{ contract: { stage: string } }>(
      admin.request(
        "POST",
        `${CONTRACT}/approve`,
        { version: 1 },
        { "if-match": byVendor.headers.get("etag") ?? "" },
      ),
      200,
    );
    expect(byDistrict.contract.stage).toBe("active");

    const source = await json<{ fundingSourceId: string }>(
      admin.request(
        "POST",
        `${D1}/funding-sources`,
        {
          code: "ESSER-III",
          name: "ESSER III",
          amount: "30000.00",
          startsOn: "2024-07-01",
          endsOn: "2025-09-30",
        },
        key(),
      ),
      201,
    );
    sourceId = source.fundingSourceId;
    await json(
      admin.request(
        "POST",
        `${CONTRACT}/encumbrances`,
        { splits: [{ fundingSourceId: sourceId, amount: "20000.00" }] },
        key(),
      ),
      201,
    );
    const balance = await json<{ balance: Record<string, string> }>(
      admin.request("GET", `${D1}/funding-sources/${sourceId}`),
      200,
    );
    expect(balance.balance).toMatchObject({
      amount: "30000.00",
      encumbered: "20000.00",
      available: "10000.00",
    });
  });

  it("holds a check-in with an agenda from the contract's figures, minutes and an action item", async () => {
    const scheduled = await json<{ items: { checkInId: string; scheduledOn: string }[] }>(
      admin.request("PUT", `${CONTRACT}/check-in-schedule`, {
        every: 1,
        unit: "month",
        startsOn: "2024-10-01",
      }),
      200,
    );
    const first = scheduled.items[0];
    expect(first?.scheduledOn).toBe("2024-10-01");
    const base = `${CONTRACT}/check-ins/${first?.checkInId ?? ""}`;
    const agenda = await json<{ agenda: { items: { itemId: string; detail: string }[] } }>(
      v1.request("POST", `${base}/agenda`),
      200,
    );
    expect(agenda.agenda.items.find((i) => i.itemId === "enrolment")?.detail).toMatch(
      /^0 of 12 planned students enrolled/,
    );
    await json(
      v1.request("PUT", `${base}/minutes`, {
        attendees: [
          { name: "Dana Ruiz", role: "Program manager", party: "district" },
          { name: "Lee Park", role: "Site lead", party: "vendor" },
        ],
        itemNotes: [{ itemId: "enrolment", notes: "Rosters go out this week." }],
        decisions: ["Start sessions on October 1."],
        summary: "Kick-off.",
      }),
      200,
    );
    await json(
      admin.request("POST", `${base}/action-items`, {
        description: "Send the class rosters",
        ownerParty: "district",
        ownerName: "D. Ruiz",
        dueOn: "2024-10-08",
      }),
      201,
    );
    const finalised = await json<{ state: string }>(admin.request("POST", `${base}/minutes/finalise`), 200);
    expect(finalised.state).toBe("finalised");
  });

  it("settles an interim statement of 1,200.00, which is approved, invoiced and paid", async () => {
    await upload(admin, "students.csv", students(12));
    await upload(admin, "enrollments.csv", enrollments(STUDENTS, "2024-09-05", "scn"));
    await upload(v1, "sessions.csv", sessions(STUDENTS, 10, "scn"));
    const fall = scores(SCORES)
      .split("\n")
      .filter((line) => !line.includes("2025-spring"))
      .join("\n");
    await upload(admin, "assessments.csv", fall);
    await json(
      admin.request("PUT", `${CONTRACT}/obligations/same-tutor`, {
        status: "met",
        evidence: "tutor roster checked",
      }),
      200,
    );

    const interim = await json<{
      statement: { statementId: string; kind: string; total: string; due: string };
      waterfall: { base: string; outcome: string; paid: string };
    }>(admin.request("POST", `${CONTRACT}/statements`, { kind: "interim", asOf: "2025-01-15" }, key()), 201);
    expect(interim.statement).toMatchObject({ kind: "interim", total: "1200.00", due: "1200.00" });
    expect(interim.waterfall).toMatchObject({ base: "1200.00", outcome: "0.00", paid: "0.00" });
    const id = interim.statement.statementId;
    await json(admin.request("POST", `${CONTRACT}/statements/${id}/approve`, {}), 201);
    const invoice = await json<{ invoiceNumber: string; amountDue: string; statementId: string }>(
      admin.request("POST", `${CONTRACT}/statements/${id}/invoice`, {}, key()),
      201,
    );
    expect(invoice).toMatchObject({
      amountDue: "1200.00",
      statementId: id,
      invoiceNumber: "INV-d1-v1-2025-0001",
    });
    await json(
      admin.request(
        "POST",
        `${CONTRACT}/payments`,
        { paidOn: "2025-02-01", amount: "1200.00", reference: invoice.invoiceNumber },
        key(),
      ),
      201,
    );
  });

  it("settles the final statement of 1,500.00 (300.00 due), releases what is not paid, and is paid in full", async () => {
    await upload(
      admin,
      "assessments.csv",
      scores(SCORES)
        .split("\n")
        .filter((line) => !line.includes("2024-fall"))
        .join("\n"),
    );
    world.clock.advance(Date.parse("2025-07-15T15:00:00Z") - world.clock.now().getTime());
    admin = await signInAs(world, "district_admin", "d1");
    const final = await json<{
      statement: { statementId: string; kind: string; total: string; due: string };
      waterfall: { base: string; outcome: string; reduction: string; paid: string };
    }>(admin.request("POST", `${CONTRACT}/statements`, { kind: "final" }, key()), 201);
    expect(final.statement).toMatchObject({ kind: "final", total: "1500.00", due: "300.00" });
    expect(final.waterfall).toMatchObject({ base: "1200.00", outcome: "300.00", paid: "1200.00" });
    const id = final.statement.statementId;
    await json(admin.request("POST", `${CONTRACT}/statements/${id}/approve`, {}), 201);

    const invoice = await json<{ invoiceId: string; invoiceNumber: string; amountDue: string }>(
      admin.request("POST", `${CONTRACT}/statements/${id}/invoice`, {}, key()),
      201,
    );
    expect(invoice).toMatchObject({ amountDue: "300.00", invoiceNumber: "INV-d1-v1-2025-0002" });
    const pdf = await admin.request("GET", `${CONTRACT}/invoices/${invoice.invoiceId}/invoice.pdf`);
    expect(pdf.status).toBe(200);
    expect((await pdfPageTexts(new Uint8Array(await pdf.arrayBuffer()))).join("\n")).toContain("300.00");
    await json(
      admin.request(
        "POST",
        `${CONTRACT}/payments`,
        { paidOn: "2025-07-20", amount: "300.00", reference: invoice.invoiceNumber },
        key(),
      ),
      201,
    );
  });

  it("reconciles the ledger with the payments and the statement, and the source balances", async () => {
    const reconciliation = await json<{ matches: boolean; differences: unknown[] }>(
      admin.request("GET", `${CONTRACT}/reconciliation`),
      200,
    );
    expect(reconciliation).toMatchObject({ matches: true, differences: [] });
    const source = await json<{ balance: Record<string, string> }>(
      admin.request("GET", `${D1}/funding-sources/${sourceId}`),
      200,
    );
    // 30,000.00 = 1,500.00 paid + 28,500.00 available (10,000.00 never encumbered, 18,500.00 released).
    expect(source.balance).toMatchObject({
      amount: "30000.00",
      encumbered: "0.00",
      paid: "1500.00",
      released: "18500.00",
      available: "28500.00",
    });
  });

  it("publishes the contract as a valid OCDS release with both payments and the growth result", async () => {
    const pkg = await json<{
      releases: {
        contracts: {
          implementation: {
            transactions?: { value: { amount: number } }[];
            metrics?: {
              id: string;
              observations: { id: string; value?: { amount?: number }; measure?: unknown }[];
            }[];
          };
        }[];
      }[];
    }>(admin.request("GET", `${CONTRACT}/ocds.json`), 200);
    expect(await validateOcdsPackage(pkg)).toEqual([]);
    const implementation = pkg.releases[0]?.contracts[0]?.implementation;
    expect(implementation?.transactions?.map((t) => t.value.amount)).toEqual([1200, 300]);
    // 12 students measured, 6 of them (50 %) met the growth target: aggregates only.
    expect(implementation?.metrics?.map((m) => [m.id, m.observations.map((o) => [o.id, o.measure])])).toEqual(
      [
        [
          "growth",
          [
            ["growth-students-measured", 12],
            ["growth-share-met", 50],
          ],
        ],
      ],
    );
  });
});
