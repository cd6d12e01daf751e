/**
 * Budgets and the ledger through the API, on both stores, in exact cents: funding sources
 * with balances; a contract's maxValue encumbered on two sources (refused when the splits
 * do not add up, exceed a source or use a source ending before the contract); payments
 * and refunds charged pro rata with the largest-remainder cent; payments recorded before
 * the encumbrance and imported payments charged too; the release at final settlement;
 * reversals once only; entries that cannot be changed; reconciliation; who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const D1 = "/api/districts/d1";
const SOURCES = `${D1}/funding-sources`;
const C1 = `${D1}/contracts/c1`;
const C2 = `${D1}/contracts/c2`;

let keyNo = 0;
const key = () => ({ "idempotency-key": `budget-test-${++keyNo}` });

interface Source {
  fundingSourceId: string;
  code: string;
  balance: Record<string, string>;
}
interface Entry {
  entryId: string;
  kind: string;
  countsAs: string;
  amount: string;
  fundingSourceCode: string;
  payment: { batchId: string; sourceLine: number } | null;
  reversedByEntryId: string | null;
}

describe.each(TEST_STORES)("budgets and the ledger ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let analyst: Client;
  const ids: Record<string, string> = {};
  const post = (path: string, body: unknown) => admin.request("POST", path, body, key());
  const json = async <T>(response: Response | Promise<Response>): Promise<T> =>
    (await (await response).json()) as T;
  const source = async (code: string) =>
    (await json<{ items: Source[] }>(admin.request("GET", SOURCES))).items.find((s) => s.code === code)!;

  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
    analyst = await signInAs(world, "district_analyst", "d1");
  }, 60_000);
  afterAll(async () => world.close());

  it("creates funding sources with their amount as a funding entry, and refuses a taken code", async () => {
    for (const [code, name, amount, endsOn] of [
      ["ESSER-III", "ESSER III", "5000.00", "2025-09-30"],
      ["TITLE-I", "Title I", "3000", "2026-06-30"],
      ["OLD-FUND", "Old grant", "9000.00", "2025-01-31"],
      ["GENERAL", "General fund", "10000.00", "2026-06-30"],
    ] as const) {
      const response = await post(SOURCES, { code, name, amount, startsOn: "2024-07-01", endsOn });
      expect(response.status).toBe(201);
      ids[code] = (await json<Source>(response)).fundingSourceId;
    }
    expect(await source("TITLE-I")).toMatchObject({
      code: "TITLE-I",
      name: "Title I",
      startsOn: "2024-07-01",
      endsOn: "2026-06-30",
      notes: null,
      balance: {
        amount: "3000.00",
        encumbered: "0.00",
        paid: "0.00",
        released: "0.00",
        overrun: "0.00",
        available: "3000.00",
      },
    });
    const again = await post(SOURCES, {
      code: "GENERAL",
      name: "Again",
      amount: "1.00",
      startsOn: "2024-07-01",
      endsOn: "2025-01-01",
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ problems: [{ path: "$.body.code", code: "duplicate-code" }] });
    const bad = await post(SOURCES, {
      code: "X",
      name: "Bad",
      amount: "1.005",
      startsOn: "2024-07-01",
      endsOn: "2025-01-01",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      problems: [
        {
          path: "$.body.amount",
          code: "invalid-amount",
          message: "not an amount with at most two decimals (too-many-decimals)",
        },
      ],
    });
  });

  it("refuses an encumbrance that does not add up, exceeds a source or uses a source ending before the contract", async () => {
    const response = await post(`${C1}/encumbrances`, {
      splits: [
        { fundingSourceId: ids["TITLE-I"], amount: "3000.01" },
        { fundingSourceId: ids["OLD-FUND"], amount: "3999.98" },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "invalid-request",
      problems: [
        {
          path: "$.body.splits[0].amount",
          code: "exceeds-available",
          message: "funding source TITLE-I has 3000.00 available; 3000.01 asked",
        },
        {
          path: "$.body.splits[1].fundingSourceId",
          code: "source-ends-before-contract",
          message: "funding source OLD-FUND ends on 2025-01-31, before the contract ends on 2025-05-23",
        },
        {
          path: "$.body.splits",
          code: "splits-do-not-add-up",
          message: "the splits add up to 6999.99; the contract's maxValue is 7000.00",
        },
      ],
    });
    expect((await source("TITLE-I")).balance["available"]).toBe("3000.00");
  });

  it("encumbers the contract's maxValue on two sources and shows the balances", async () => {
    const response = await post(`${C1}/encumbrances`, {
      splits: [
        { fundingSourceId: ids["ESSER-III"], amount: "4666.67" },
        { fundingSourceId: ids["TITLE-I"], amount: "2333.33" },
      ],
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      contractId: "c1",
      termsVersion: 1,
      maxValue: "7000.00",
      periodEnd: "2025-05-23",
      encumbered: "7000.00",
      splits: [
        {
          fundingSourceId: ids["ESSER-III"],
          code: "ESSER-III",
          name: "ESSER III",
          encumbered: "4666.67",
          paid: "0.00",
          released: "0.00",
          outstanding: "4666.67",
          overrun: "0.00",
        },
        {
          fundingSourceId: ids["TITLE-I"],
          code: "TITLE-I",
          name: "Title I",
          encumbered: "2333.33",
          paid: "0.00",
          released: "0.00",
          outstanding: "2333.33",
          overrun: "0.00",
        },
      ],
    });
    expect((await source("ESSER-III")).balance).toMatchObject({
      amount: "5000.00",
      encumbered: "4666.67",
      available: "333.33",
    });
    const twice = await post(`${C1}/encumbrances`, {
      splits: [{ fundingSourceId: ids["GENERAL"], amount: "7000.00" }],
    });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({
      code: "conflict",
      detail: "contract c1 is encumbered (7000.00); reverse its encumbrance entries to encumber it again",
    });
  });

  it("charges a payment and a refund pro rata, the odd cent to the larger remainder", async () => {
    expect((await post(`${C1}/payments`, { paidOn: "2025-01-10", amount: "100.01" })).status).toBe(201);
    expect((await post(`${C1}/payments`, { paidOn: "2025-01-12", amount: "-20.00" })).status).toBe(201);
    const ledger = await json<{ items: Entry[] }>(admin.request("GET", `${C1}/ledger`));
    expect(ledger.items.map((e) => [e.kind, e.fundingSourceCode, e.amount])).toEqual([
      ["payment", "TITLE-I", "-6.67"],
      ["payment", "ESSER-III", "-13.33"],
      ["payment", "TITLE-I", "33.34"],
      ["payment", "ESSER-III", "66.67"],
      ["encumbrance", "TITLE-I", "2333.33"],
      ["encumbrance", "ESSER-III", "4666.67"],
    ]);
    expect((await source("ESSER-III")).balance).toEqual({
      amount: "5000.00",
      encumbered: "4613.33",
      paid: "53.34",
      released: "0.00",
      overrun: "0.00",
      available: "333.33",
    });
    const reconciliation = await json(admin.request("GET", `${C1}/reconciliation`));
    expect(reconciliation).toEqual({
      contractId: "c1",
      matches: true,
      recordedPaid: "80.01",
      ledgerPaid: "80.01",
      statement: null,
      differences: [],
    });
  });

  it("pages a ledger newest first", async () => {
    const first = await json<{ items: Entry[]; nextCursor: string | null }>(
      admin.request("GET", `${C1}/ledger?limit=4`),
    );
    expect(first.items).toHaveLength(4);
    const second = await json<{ items: Entry[]; nextCursor: string | null }>(
      admin.request("GET", `${C1}/ledger?limit=4&cursor=${first.nextCursor}`),
    );
    expect(second.items.map((e) => e.amount)).toEqual(["2333.33", "4666.67"]);
    expect(second.nextCursor).toBeNull();
  });

  it("charges a payment recorded before the encumbrance when the contract is encumbered", async () => {
    expect(
      (await post(`${C2}/payments`, { paidOn: "2025-01-10", amount: "50.00", reference: "INV-9" })).status,
    ).toBe(201);
    const before = await json<{ matches: boolean; differences: { code: string; amount: string }[] }>(
      admin.request("GET", `${C2}/reconciliation`),
    );
    expect(before).toMatchObject({
      matches: false,
      recordedPaid: "50.00",
      ledgerPaid: "0.00",
      differences: [{ code: "payment-not-charged", amount: "50.00" }],
    });
    const encumbered = await post(`${C2}/encumbrances`, {
      splits: [{ fundingSourceId: ids["GENERAL"], amount: "7000.00" }],
      reference: "PO-2025-014",
    });
    expect(encumbered.status).toBe(201);
    expect((await source("GENERAL")).balance).toEqual({
      amount: "10000.00",
      encumbered: "6950.00",
      paid: "50.00",
      released: "0.00",
      overrun: "0.00",
      available: "3000.00",
    });
    expect(await json(admin.request("GET", `${C2}/reconciliation`))).toMatchObject({
      matches: true,
      ledgerPaid: "50.00",
    });
  });

  it("charges imported payments in the import's transaction", async () => {
    const csv =
      "contract_id,paid_on,amount,reference\nc2,2025-02-01,70.00,CHK-1\nc2,2025-02-02,-0.01,CHK-2\n";
    const response = await admin.request("POST", `${D1}/imports?fileName=payments.csv&format=payments`, csv, {
      ...key(),
      "content-type": "text/csv",
    });
    expect(response.status).toBeLessThan(300);
    expect((await source("GENERAL")).balance).toMatchObject({ encumbered: "6880.01", paid: "119.99" });
    expect(await json(admin.request("GET", `${C2}/reconciliation`))).toMatchObject({
      matches: true,
      recordedPaid: "119.99",
      ledgerPaid: "119.99",
    });
  });

  it("releases the unearned encumbrance back to the sources when the district approves the final statement", async () => {
    const run = await post(`${C1}/statements`, { kind: "final" });
    expect(run.status).toBe(201);
    const issued = (await json<{ statement: { statementId: string; total: string } }>(run)).statement;
    // Without enrolled students the district's obligation is breached and the statement pays the
    // maxValue; a final statement that earns 4500.00 is written beside it as the store's owner.
    expect(issued.total).toBe("7000.00");
    const [row] = await world.db.query<{ statement_id: bigint }>(
      `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document,
                               input_digest, kind)
       SELECT district_id, contract_id, terms_version, as_of,
              jsonb_set(jsonb_set(document, '{total}', '"4500.00"'), '{due}', '"4419.99"')::text,
              jsonb_set(jsonb_set(document, '{total}', '"4500.00"'), '{due}', '"4419.99"'), input_digest, 'final'
         FROM statements WHERE district_id = 'd1' AND statement_id = $1 RETURNING statement_id`,
      [BigInt(issued.statementId)],
    );
    const statementId = row!.statement_id.toString();
    expect((await admin.request("POST", `${C1}/statements/${statementId}/approve`)).status).toBe(201);
    const ledger = await json<{ items: (Entry & { statementId: string })[] }>(
      admin.request("GET", `${C1}/ledger?limit=2`),
    );
    expect(ledger.items.map((e) => [e.kind, e.fundingSourceCode, e.amount, e.statementId])).toEqual([
      ["release", "TITLE-I", "833.33", statementId],
      ["release", "ESSER-III", "1666.67", statementId],
    ]);
    expect((await source("ESSER-III")).balance).toEqual({
      amount: "5000.00",
      encumbered: "2946.66",
      paid: "53.34",
      released: "1666.67",
      overrun: "0.00",
      available: "2000.00",
    });
    expect(await json(admin.request("GET", `${C1}/funding`))).toMatchObject({
      encumbered: "7000.00",
      splits: [
        { code: "ESSER-III", paid: "53.34", released: "1666.67", outstanding: "2946.66" },
        { code: "TITLE-I", paid: "26.67", released: "833.33", outstanding: "1473.33" },
      ],
    });
    expect(await json(admin.request("GET", `${C1}/reconciliation`))).toMatchObject({
      matches: true,
      statement: { statementId, paid: "80.01", paymentsThroughAsOf: "80.01" },
    });
  });

  it("reverses an entry once, and never changes or deletes one", async () => {
    const ledger = await json<{ items: Entry[] }>(
      admin.request("GET", `${SOURCES}/${ids["OLD-FUND"]}/ledger`),
    );
    const funding = ledger.items[0]!;
    expect(funding).toMatchObject({ kind: "funding", amount: "9000.00", reversedByEntryId: null });
    const reversed = await post(`${D1}/ledger-entries/${funding.entryId}/reversal`, {
      reason: "entered twice",
    });
    expect(reversed.status).toBe(201);
    const reversal = await json<Entry & { reversesEntryId: string }>(reversed);
    expect(reversal).toMatchObject({
      kind: "reversal",
      countsAs: "funding",
      amount: "-9000.00",
      reversesEntryId: funding.entryId,
    });
    expect((await source("OLD-FUND")).balance).toMatchObject({ amount: "0.00", available: "0.00" });
    const twice = await post(`${D1}/ledger-entries/${funding.entryId}/reversal`, { reason: "again" });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({
      problems: [
        {
          code: "already-reversed",
          message: `entry ${funding.entryId} was reversed by entry ${reversal.entryId}`,
        },
      ],
    });
    const inUse = (await json<{ items: Entry[] }>(admin.request("GET", `${C2}/ledger`))).items.find(
      (e) => e.kind === "encumbrance",
    )!;
    const refused = await post(`${D1}/ledger-entries/${inUse.entryId}/reversal`, { reason: "wrong fund" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ problems: [{ code: "encumbrance-in-use" }] });
    await expect(world.db.query("UPDATE ledger_entries SET amount_cents = 1")).rejects.toThrow(/immutable/);
    await expect(world.db.query("DELETE FROM ledger_entries")).rejects.toThrow(/immutable/);
    const [grants] = await world.db.query<{ can_update: boolean; can_delete: boolean }>(
      `SELECT has_table_privilege('accord_app', 'ledger_entries', 'UPDATE') AS can_update,
              has_table_privilege('accord_app', 'ledger_entries', 'DELETE') AS can_delete`,
    );
    expect(grants).toEqual({ can_update: false, can_delete: false });
  });

  it("edits a source's amount and end date with an audit entry, never below what is committed", async () => {
    const path = `${SOURCES}/${ids["GENERAL"]}`;
    const below = await admin.request("PATCH", path, { amount: "6999.99" });
    expect(below.status).toBe(409);
    expect(await below.json()).toMatchObject({
      problems: [
        {
          path: "$.body.amount",
          code: "below-committed",
          message: "7000.00 of the source is encumbered or paid; the amount cannot be less",
        },
      ],
    });
    const early = await admin.request("PATCH", path, { endsOn: "2025-03-31" });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({
      problems: [
        {
          path: "$.body.endsOn",
          code: "encumbered-contract-ends-later",
          message: "contract c2 is encumbered on this source and ends on 2025-05-23",
        },
      ],
    });
    const changed = await admin.request("PATCH", path, {
      amount: "12000.50",
      endsOn: "2026-09-30",
      notes: "board vote",
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      endsOn: "2026-09-30",
      notes: "board vote",
      revision: 2,
      balance: { amount: "12000.50", available: "5000.50" },
    });
    const [audit] = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'funding-source.update' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(audit!.detail)).toMatchObject({
      code: "GENERAL",
      amountFrom: "10000.00",
      amountTo: "12000.50",
      endsOnFrom: "2026-06-30",
      endsOnTo: "2026-09-30",
    });
  });

  it("creates a funding source once per Idempotency-Key, replaying the first answer", async () => {
    const body = {
      code: "ONCE",
      name: "Once",
      amount: "10.00",
      startsOn: "2024-07-01",
      endsOn: "2025-06-30",
    };
    const headers = { "idempotency-key": "budget-once" };
    const first = await admin.request("POST", SOURCES, body, headers);
    const again = await admin.request("POST", SOURCES, body, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const [count] = await world.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM ledger_entries e JOIN funding_sources s USING (district_id, funding_source_id) WHERE s.code = 'ONCE'",
    );
    expect(count?.n).toBe(1);
  });

  it("lets analysts and auditors read, only the administrator write, and no vendor see funding sources", async () => {
    expect((await analyst.request("GET", SOURCES)).status).toBe(200);
    expect((await analyst.request("GET", `${C1}/funding`)).status).toBe(200);
    const write = await analyst.request(
      "POST",
      SOURCES,
      { code: "A", name: "A", amount: "1", startsOn: "2024-01-01", endsOn: "2024-12-31" },
      key(),
    );
    expect(write.status).toBe(403);
    const auditor = await signInAs(world, "auditor", "d1");
    expect((await auditor.request("GET", `${C1}/reconciliation`)).status).toBe(200);
    const vendor = await signInAs(world, "vendor_user", "v1");
    const refused = await vendor.request("GET", SOURCES);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "forbidden" });
    const other = await signInAs(world, "district_admin", "d2");
    expect((await other.request("GET", SOURCES)).status).toBe(404);
    expect((await other.request("GET", `${SOURCES}/${ids["GENERAL"]}`)).status).toBe(404);
  });
});
