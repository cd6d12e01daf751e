/**
 * RFPs and proposals over the API, on both stores: a district drafts an RFP from a stored
 * contract (the Duval worked example, recorded in d1 with its data), publishes it, two
 * vendors propose, staff score, the comparison settles each rate card on the stored data,
 * and the award creates the contract draft. Amounts and scores are exact.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES } from "../shared-examples.js";
import { TEST_STORES } from "../db/stores.js";
import { pdfPageTexts } from "../documents/read-back.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const EXAMPLE = join(SHARED_EXAMPLES, "duval-per-student");
const SOURCE = "duval-2024-math";
const RFPS = "/api/districts/d1/rfps";
const RFP = `${RFPS}/rfp-math`;

interface Problem {
  code: string;
  problems?: { path: string; code: string; message: string }[];
}
interface Rfp {
  rfpId: string;
  status: string;
  open: boolean;
  sourceContractId: string | null;
  terms: { vendor: { id: string }; contractId: string; maxValue: string };
  document: {
    title: string;
    criteria: { key: string; weight: number }[];
    sections: { key: string; paragraphs: string[] }[];
  };
}
interface Evaluation {
  criteria: { key: string; points: string | null; weighted: string | null; comment: string | null }[];
  total: string | null;
}
interface Proposal {
  proposalId: string;
  vendorId: string;
  status: string;
  price: string;
  revision: number;
  narrative: string;
  evaluation: Evaluation | null;
}

async function storeDuval(world: ApiWorld): Promise<void> {
  const document = {
    ...(JSON.parse(readFileSync(join(EXAMPLE, "terms.json"), "utf8")) as object),
    district: { id: "d1", name: "District d1" },
  };
  const text = JSON.stringify(document, null, 2);
  const recorded = await recordContract(world.db, {
    source: { path: "terms.json", text, document, syntaxError: null },
    districtId: "d1",
    recordedBy: "test",
    reason: "signed",
  });
  if (recorded.kind === "invalid") throw new Error(JSON.stringify(recorded.problems));
  for (const kind of ["students", "enrollments", "assessments", "sessions", "obligations"]) {
    const result = await importCanonicalFile(world.db, importFile(join(EXAMPLE, "data", `${kind}.csv`)), {
      districtId: "d1",
      format: null,
      importedBy: "test",
    });
    if (result.kind !== "imported") throw new Error(`${kind}: ${result.kind}`);
  }
}

const rateCard = (base: string, growth: string, proficient: string) => ({
  base: { kind: "perStudent", amount: base, per: "served" },
  outcomes: {
    kind: "perStudent",
    metrics: [
      { id: "growth", amount: growth },
      { id: "proficient", amount: proficient },
    ],
  },
});

let keys = 0;
const key = () => ({ "idempotency-key": `rfp-test-${++keys}` });

/** The If-Match header for an answer's ETag (a read or a change of the record). */
function ifMatch(response: Response): Record<string, string> {
  const etag = response.headers.get("etag");
  if (etag === null) throw new Error(`${response.url} answered no ETag`);
  return { "if-match": etag };
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describe.skipIf(!HAVE_SHARED_EXAMPLES).each(TEST_STORES)("RFPs and proposals ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let analyst: Client;
  let auditor: Client;
  let v1: Client;
  let v2: Client;
  let a: Proposal;
  let b: Proposal;
  beforeAll(async () => {
    world = await openApiWorld(store);
    await storeDuval(world);
    admin = await signInAs(world, "district_admin", "d1");
    analyst = await signInAs(world, "district_analyst", "d1");
    auditor = await signInAs(world, "auditor", "d1");
    v1 = await signInAs(world, "vendor_user", "v1");
    v2 = await signInAs(world, "vendor_user", "v2");
  }, 180_000);
  afterAll(async () => world.close());

  it("drafts an RFP from a contract's terms with a placeholder vendor; vendors do not see a draft", async () => {
    const rfp = await json<Rfp>(
      await admin.request(
        "POST",
        RFPS,
        {
          rfpId: "rfp-math",
          title: "Math tutoring 2025-26",
          fromContract: SOURCE,
          proposalsDueOn: "2025-02-28",
        },
        key(),
      ),
      201,
    );
    expect(rfp.status).toBe("draft");
    expect(rfp.sourceContractId).toBe(SOURCE);
    expect(rfp.terms.vendor).toEqual({ id: "to-be-awarded", name: "To be awarded" });
    expect(rfp.terms.contractId).toBe("rfp-math");
    expect(rfp.document.criteria.map((c) => [c.key, c.weight])).toEqual([
      ["evidence", 30],
      ["approach", 25],
      ["price", 25],
      ["data-privacy", 10],
      ["references", 10],
    ]);
    expect((await v1.request("GET", RFP)).status).toBe(404);
    expect((await json<{ items: unknown[] }>(await v1.request("GET", "/api/rfps"), 200)).items).toEqual([]);
    const again = await json<Problem>(
      await admin.request("POST", RFPS, { rfpId: "rfp-math", title: "Again", fromContract: SOURCE }, key()),
      409,
    );
    expect(again.code).toBe("conflict");
    const unknown = await json<Problem>(
      await admin.request("POST", RFPS, { rfpId: "rfp-x", title: "X", fromContract: "nope" }, key()),
      400,
    );
    expect(unknown.problems?.[0]?.path).toBe("$.body.fromContract");
  });

  it("answers 428 to a document edit without If-Match and 412 to one on a stale read, changing nothing", async () => {
    const read = await admin.request("GET", RFP);
    const etag = ifMatch(read);
    const rfp = await json<Rfp & { revision: number }>(read, 200);
    expect(etag["if-match"]).toBe(`"rfp-math-r${rfp.revision}"`);
    const missing = await json<Problem & { detail: string }>(
      await admin.request("PUT", `${RFP}/document`, { document: rfp.document }),
      428,
    );
    expect([missing.code, missing.detail]).toEqual([
      "precondition-required",
      "send If-Match with the ETag of the RFP as you read it (GET the RFP)",
    ]);
    for (const stale of [`"rfp-math-r${rfp.revision + 1}"`, '"other-rfp-r1"', "*"]) {
      const answer = await admin.request(
        "PUT",
        `${RFP}/document`,
        { document: rfp.document },
        { "if-match": stale },
      );
      expect(answer.status).toBe(stale === "*" ? 428 : 412);
    }
    const stale = await json<Problem & { detail: string }>(
      await admin.request(
        "PUT",
        `${RFP}/document`,
        { document: rfp.document },
        { "if-match": `"rfp-math-r${rfp.revision + 1}"` },
      ),
      412,
    );
    expect(stale.code).toBe("precondition-failed");
    expect(stale.detail).toContain("someone else changed this RFP");
    const after = await json<Rfp & { revision: number }>(await admin.request("GET", RFP), 200);
    expect(after.revision).toBe(rfp.revision);
  });

  it("edits the draft document, refusing an invalid one with JSON paths, then publishes it", async () => {
    const read = await admin.request("GET", RFP);
    const etag = ifMatch(read);
    const rfp = await json<Rfp>(read, 200);
    const sections = rfp.document.sections.map((s, i) =>
      i === 0 ? { ...s, paragraphs: [...s.paragraphs, "Proposers may ask questions until February 10."] } : s,
    );
    const bad = await json<Problem>(
      await admin.request(
        "PUT",
        `${RFP}/document`,
        {
          document: {
            ...rfp.document,
            sections,
            criteria: rfp.document.criteria.map((c, i) => (i === 0 ? { ...c, weight: 31 } : c)),
          },
        },
        etag,
      ),
      400,
    );
    expect(bad.problems?.some((p) => p.path.startsWith("$.body.document.criteria"))).toBe(true);
    const saved = await admin.request(
      "PUT",
      `${RFP}/document`,
      { document: { ...rfp.document, sections } },
      etag,
    );
    expect(saved.headers.get("etag")).not.toBe(etag["if-match"]);
    const edited = await json<Rfp>(saved, 200);
    expect(edited.document.sections[0]?.paragraphs.at(-1)).toBe(
      "Proposers may ask questions until February 10.",
    );
    expect((await analyst.request("POST", `${RFP}/publish`)).status).toBe(403);
    const published = await json<Rfp>(await admin.request("POST", `${RFP}/publish`), 200);
    expect([published.status, published.open]).toEqual(["published", true]);
    const seen = await json<Rfp>(await v1.request("GET", RFP), 200);
    expect(seen.sourceContractId).toBeNull();
    const current = ifMatch(await admin.request("GET", RFP));
    expect((await admin.request("PUT", `${RFP}/document`, { document: rfp.document }, current)).status).toBe(
      409,
    );
  });

  it("downloads the document as PDF and DOCX", async () => {
    const pdf = await v1.request("GET", `${RFP}/rfp.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = (await pdfPageTexts(new Uint8Array(await pdf.arrayBuffer()))).join("\n");
    expect(text).toContain("Math tutoring 2025-26");
    const docx = await admin.request("GET", `${RFP}/rfp.docx`);
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("refuses an invalid rate card with JSON paths into the fragment and the price", async () => {
    const card = rateCard("600.00", "5.001", "200.00");
    const withWeight = {
      ...card,
      outcomes: {
        ...card.outcomes,
        metrics: [card.outcomes.metrics[0], { id: "proficient", amount: "200.00", weight: "1" }],
      },
    };
    const refused = await json<Problem>(
      await v2.request(
        "POST",
        `${RFP}/proposals`,
        { narrative: "n", evidence: "e", rateCard: withWeight, price: "700000.00" },
        key(),
      ),
      400,
    );
    expect(refused.problems?.map((p) => [p.path, p.code])).toEqual([
      ["$.body.price", "above-max-value"],
      ["$.body.rateCard.outcomes.metrics[1].weight", "not-a-rate"],
    ]);
    const money = await json<Problem>(
      await v2.request(
        "POST",
        `${RFP}/proposals`,
        { narrative: "n", evidence: "e", rateCard: card, price: "600000.00" },
        key(),
      ),
      400,
    );
    expect(money.problems?.map((p) => p.path)).toEqual(["$.body.rateCard.outcomes.metrics[0].amount"]);
  });

  it("takes one proposal per vendor; each vendor sees only its own and revises it while open", async () => {
    a = await json<Proposal>(
      await v1.request(
        "POST",
        `${RFP}/proposals`,
        {
          narrative: "Acme's plan",
          evidence: "Two studies",
          rateCard: rateCard("670.00", "500.00", "250.00"),
          price: "639000.00",
        },
        key(),
      ),
      201,
    );
    b = await json<Proposal>(
      await v2.request(
        "POST",
        `${RFP}/proposals`,
        {
          narrative: "Beta's plan",
          evidence: "One RCT",
          rateCard: rateCard("600.00", "550.00", "200.00"),
          price: "600000.00",
        },
        key(),
      ),
      201,
    );
    expect([a.status, a.price, a.evaluation]).toEqual(["submitted", "639000.00", null]);
    const twice = await v1.request(
      "POST",
      `${RFP}/proposals`,
      { narrative: "x", evidence: "y", rateCard: rateCard("1.00", "1.00", "1.00"), price: "1.00" },
      key(),
    );
    expect(twice.status).toBe(409);
    const own = await json<{ items: Proposal[] }>(await v1.request("GET", `${RFP}/proposals`), 200);
    expect(own.items.map((p) => p.proposalId)).toEqual([a.proposalId]);
    expect((await v1.request("GET", `${RFP}/proposals/${b.proposalId}`)).status).toBe(404);
    expect(
      (
        await v1.request(
          "PUT",
          `${RFP}/proposals/${b.proposalId}`,
          { narrative: "mine", evidence: "e", rateCard: rateCard("1.00", "1.00", "1.00"), price: "1.00" },
          { "if-match": `"${b.proposalId}-r1"` },
        )
      ).status,
    ).toBe(404);
    const content = {
      narrative: "Acme's revised plan",
      evidence: "Two studies",
      rateCard: rateCard("670.00", "500.00", "250.00"),
      price: "639000.00",
    };
    const path = `${RFP}/proposals/${a.proposalId}`;
    const missing = await json<Problem>(await v1.request("PUT", path, content), 428);
    expect(missing.code).toBe("precondition-required");
    const read = ifMatch(await v1.request("GET", path));
    expect(read["if-match"]).toBe(`"${a.proposalId}-r1"`);
    const response = await v1.request("PUT", path, content, read);
    expect(response.headers.get("etag")).toBe(`"${a.proposalId}-r2"`);
    const revised = await json<Proposal>(response, 200);
    expect([revised.revision, revised.narrative]).toEqual([2, "Acme's revised plan"]);
    const stale = await json<Problem>(
      await v1.request("PUT", path, { ...content, narrative: "stale" }, read),
      412,
    );
    expect(stale.code).toBe("precondition-failed");
    const kept = await json<Proposal>(await v1.request("GET", path), 200);
    expect([kept.revision, kept.narrative]).toEqual([2, "Acme's revised plan"]);
  });

  it("refuses proposals to a closed RFP", async () => {
    await json(
      await admin.request(
        "POST",
        RFPS,
        { rfpId: "rfp-closed", title: "Closed", fromContract: SOURCE },
        key(),
      ),
      201,
    );
    await json(await admin.request("POST", `${RFPS}/rfp-closed/publish`), 200);
    await json(await admin.request("POST", `${RFPS}/rfp-closed/close`), 200);
    const refused = await json<Problem>(
      await v1.request(
        "POST",
        `${RFPS}/rfp-closed/proposals`,
        { narrative: "n", evidence: "e", rateCard: rateCard("670.00", "500.00", "250.00"), price: "1000.00" },
        key(),
      ),
      409,
    );
    expect(refused.code).toBe("conflict");
  });

  it("scores by hand (analysts too, not auditors), the price from the prices, with exact weighted totals", async () => {
    const byPrice = await json<Problem>(
      await analyst.request("PUT", `${RFP}/proposals/${a.proposalId}/scores`, {
        scores: [{ criterion: "price", points: 5, comment: "cheap" }],
      }),
      400,
    );
    expect(byPrice.problems?.map((p) => [p.path, p.code])).toEqual([
      ["$.body.scores[0].criterion", "scored-from-prices"],
    ]);
    expect(
      (
        await auditor.request("PUT", `${RFP}/proposals/${a.proposalId}/scores`, {
          scores: [{ criterion: "evidence", points: 1, comment: "c" }],
        })
      ).status,
    ).toBe(403);
    const scores = (e: number, ap: number, d: number, r: number) => ({
      scores: [
        { criterion: "evidence", points: e, comment: "evidence comment" },
        { criterion: "approach", points: ap, comment: "approach comment" },
        { criterion: "data-privacy", points: d, comment: "privacy comment" },
        { criterion: "references", points: r, comment: "references comment" },
      ],
    });
    const scoredA = await json<Proposal>(
      await analyst.request("PUT", `${RFP}/proposals/${a.proposalId}/scores`, scores(4, 3, 5, 2)),
      200,
    );
    // 30x4/5 + 25x3/5 + 25 x (5 x 600000/639000)/5 + 10x5/5 + 10x2/5 = 53 + 5000/213 = 76.4741...
    expect(scoredA.evaluation?.total).toBe("76.47");
    expect(scoredA.evaluation?.criteria.map((c) => [c.key, c.points, c.weighted])).toEqual([
      ["evidence", "4.00", "24.00"],
      ["approach", "3.00", "15.00"],
      ["price", "4.69", "23.47"],
      ["data-privacy", "5.00", "10.00"],
      ["references", "2.00", "4.00"],
    ]);
    await json(
      await admin.request("PUT", `${RFP}/proposals/${b.proposalId}/scores`, scores(3, 5, 4, 3)),
      200,
    );
    const all = await json<{ items: Proposal[] }>(await auditor.request("GET", `${RFP}/proposals`), 200);
    expect(all.items.map((p) => [p.vendorId, p.evaluation?.total])).toEqual([
      ["v1", "76.47"],
      ["v2", "82.00"],
    ]);
    const seenByVendor = await json<Proposal>(
      await v2.request("GET", `${RFP}/proposals/${b.proposalId}`),
      200,
    );
    expect(seenByVendor.evaluation).toBeNull();
  });

  it("compares what each rate card would have paid on the source contract's stored data", async () => {
    expect((await v1.request("GET", `${RFP}/comparison`)).status).toBe(403);
    const comparison = await json<{
      dataFrom: string;
      lowestPrice: string;
      proposals: {
        vendorId: string;
        price: string;
        evaluation: Evaluation;
        wouldHavePaid: { total: string; base: string; outcome: string; reduction: string; served: number };
      }[];
    }>(await auditor.request("GET", `${RFP}/comparison`), 200);
    expect(comparison.dataFrom).toBe(SOURCE);
    expect(comparison.lowestPrice).toBe("600000.00");
    // A's rates are the worked example's: its expected statement, to the cent.
    expect(comparison.proposals.map((p) => [p.vendorId, p.wouldHavePaid])).toEqual([
      [
        "v1",
        expect.objectContaining({
          served: 242,
          base: "162140.00",
          outcome: "86000.00",
          reduction: "8600.00",
          total: "239540.00",
        }),
      ],
      // 242 x 600 + (106 x 550 + 132 x 200) less 10 %: 145200 + 84700 - 8470.
      [
        "v2",
        expect.objectContaining({
          served: 242,
          base: "145200.00",
          outcome: "84700.00",
          reduction: "8470.00",
          total: "221430.00",
        }),
      ],
    ]);
    expect(comparison.proposals.map((p) => p.evaluation.total)).toEqual(["76.47", "82.00"]);
  });

  it("settles next year's RFP on last year's data with the period and windows moved back a year", async () => {
    const duval = JSON.parse(readFileSync(join(EXAMPLE, "terms.json"), "utf8")) as {
      windows: Record<string, { window: string }>;
    };
    const terms = {
      ...duval,
      district: { id: "d1", name: "District d1" },
      period: { start: "2025-09-03", end: "2026-05-23" },
      windows: {
        fall: { ...duval.windows.fall, window: "2025-fall" },
        spring: { ...duval.windows.spring, window: "2026-spring" },
      },
    };
    const next = `${RFPS}/rfp-next`;
    await json(
      await admin.request("POST", RFPS, { rfpId: "rfp-next", title: "Next year", terms }, key()),
      201,
    );
    await json(await admin.request("POST", `${next}/publish`), 200);
    const body = {
      narrative: "n",
      evidence: "e",
      rateCard: rateCard("670.00", "500.00", "250.00"),
      price: "639000.00",
    };
    await json(await v1.request("POST", `${next}/proposals`, body, key()), 201);
    const comparison = await json<{
      yearsBack: number;
      proposals: { wouldHavePaid: { asOf: string; total: string } }[];
    }>(await admin.request("GET", `${next}/comparison?dataFrom=${SOURCE}`), 200);
    expect(comparison.yearsBack).toBe(1);
    expect(comparison.proposals.map((p) => [p.wouldHavePaid.asOf, p.wouldHavePaid.total])).toEqual([
      ["2025-05-23", "239540.00"],
    ]);
    const none = await json<Problem>(await admin.request("GET", `${next}/comparison`), 400);
    expect(none.problems?.[0]?.path).toBe("$.query.dataFrom");
  });

  it("awards once: a contract draft with the winner's rates and vendor; the other is not selected", async () => {
    const open = await json<Problem>(
      await admin.request("POST", `${RFP}/proposals/${b.proposalId}/award`, {}, key()),
      409,
    );
    expect(open.code).toBe("conflict");
    await json(await admin.request("POST", `${RFP}/close`), 200);
    const late = `${RFP}/proposals/${a.proposalId}`;
    expect(
      (
        await v1.request(
          "PUT",
          late,
          {
            narrative: "late",
            evidence: "e",
            rateCard: rateCard("670.00", "500.00", "250.00"),
            price: "639000.00",
          },
          ifMatch(await v1.request("GET", late)),
        )
      ).status,
    ).toBe(409);
    const awarded = await json<{ rfp: Rfp; contractId: string }>(
      await admin.request("POST", `${RFP}/proposals/${b.proposalId}/award`, {}, key()),
      201,
    );
    expect([awarded.rfp.status, awarded.contractId]).toEqual(["awarded", "rfp-math"]);
    const contract = await json<{
      contract: { stage: string; vendorId: string };
      terms: { maxValue: string; vendor: unknown; base: unknown };
    }>(await admin.request("GET", "/api/districts/d1/contracts/rfp-math"), 200);
    expect(contract.contract.stage).toBe("draft");
    expect(contract.terms.vendor).toEqual({ id: "v2", name: "Vendor v2" });
    expect(contract.terms.maxValue).toBe("600000.00");
    expect(contract.terms.base).toEqual({ kind: "perStudent", amount: "600.00", per: "served" });
    const statuses = await json<{ items: Proposal[] }>(await admin.request("GET", `${RFP}/proposals`), 200);
    expect(statuses.items.map((p) => [p.vendorId, p.status])).toEqual([
      ["v1", "notSelected"],
      ["v2", "awarded"],
    ]);
    const twice = await json<Problem>(
      await admin.request("POST", `${RFP}/proposals/${a.proposalId}/award`, {}, key()),
      409,
    );
    expect(twice.code).toBe("conflict");
    const [events] = await world.db.query<{ actions: string }>(
      "SELECT string_agg(action, ',' ORDER BY seq) AS actions FROM audit_events WHERE action LIKE 'rfp.%' OR action LIKE 'proposal.%' OR (action = 'contract.create' AND object_id LIKE '%rfp-math%')",
    );
    expect(events?.actions.split(",").slice(-3)).toEqual(["rfp.close", "contract.create", "rfp.award"]);
  });
});
