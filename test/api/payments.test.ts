/**
 * Payments through the API: the district records payments and refunds as exact cents,
 * each as a one-row batch; both parties list them with a running total; a vendor never
 * records one; a later settlement run counts them in `paid`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/app/statements/canonical-json.js";
import { TEST_STORES } from "../db/stores.js";
import { emailOf, openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const C1 = "/api/districts/d1/contracts/c1/payments";

let keyNo = 0;
function pay(client: Client, body: unknown, path = C1): Promise<Response> {
  return client.request("POST", path, body, { "idempotency-key": `payments-test-${++keyNo}` });
}

describe.each(TEST_STORES)("payments API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
  }, 60_000);
  afterAll(async () => world.close());

  it("records a payment as a one-row batch hashed over the canonical request", async () => {
    const response = await pay(admin, { paidOn: "2025-01-10", amount: "1250.5", reference: "INV-1" });
    expect(response.status).toBe(201);
    const payment = (await response.json()) as { batchId: string };
    expect(payment).toEqual({
      batchId: expect.stringMatching(/^\d+$/),
      sourceLine: 1,
      paidOn: "2025-01-10",
      amount: "1250.50",
      reference: "INV-1",
    });
    const [batch] = await world.db.query<Record<string, unknown>>(
      `SELECT b.file_name, b.file_sha256, b.format, b.imported_by, b.organization_id, b.rows_accepted,
              p.source_line, p.amount_cents
         FROM import_batches b JOIN payments p USING (district_id, batch_id)
        WHERE b.district_id = 'd1' AND b.batch_id = $1`,
      [BigInt(payment.batchId)],
    );
    const [user] = await world.db.query<{ user_id: string }>("SELECT user_id FROM users WHERE email = $1", [
      emailOf("district_admin", "d1"),
    ]);
    expect(batch).toEqual({
      file_name: `POST ${C1}`,
      file_sha256: sha256Hex(
        canonicalJson({
          method: "POST",
          path: C1,
          body: { paidOn: "2025-01-10", amount: "1250.5", reference: "INV-1" },
        }),
      ),
      format: "api-payment",
      imported_by: user?.user_id,
      organization_id: "d1",
      rows_accepted: 1,
      source_line: 1,
      amount_cents: 125050n,
    });
    const [audit] = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'payment.create' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(audit!.detail)).toMatchObject({ contractId: "c1", amount: "1250.50" });
  });

  it("records a refund as a negative amount and lists payments in order with a running total", async () => {
    expect((await pay(admin, { paidOn: "2025-02-01", amount: "-200.25" })).status).toBe(201);
    expect((await pay(admin, { paidOn: "2025-01-20", amount: "99.99" })).status).toBe(201);
    const vendor = await signInAs(world, "vendor_user", "v1");
    const response = await vendor.request("GET", C1);
    expect(response.status).toBe(200);
    const list = (await response.json()) as {
      items: { paidOn: string; amount: string; runningTotal: string }[];
    };
    expect(list).toMatchObject({
      items: [
        { paidOn: "2025-01-10", amount: "1250.50", runningTotal: "1250.50" },
        { paidOn: "2025-01-20", amount: "99.99", runningTotal: "1350.49" },
        { paidOn: "2025-02-01", amount: "-200.25", runningTotal: "1150.24" },
      ],
      total: "1150.24",
    });
  });

  it("refuses amounts with more than two decimals, numbers, zero, bad dates and unknown fields", async () => {
    const cases: [unknown, string][] = [
      [{ paidOn: "2025-01-10", amount: "10.005" }, "$.body.amount"],
      [{ paidOn: "2025-01-10", amount: 10.5 }, "$.body.amount"],
      [{ paidOn: "2025-01-10", amount: "0.00" }, "$.body.amount"],
      [{ paidOn: "2025-01-10", amount: "1e3" }, "$.body.amount"],
      [{ paidOn: "2025-02-30", amount: "10.00" }, "$.body.paidOn"],
      [{ paidOn: "2025-01-10", amount: "10.00", payee: "x" }, "$.body"],
    ];
    for (const [body, path] of cases) {
      const response = await pay(admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = (await response.json()) as { problems: { path: string }[] };
      expect(problem.problems[0]?.path, JSON.stringify(body)).toBe(path);
    }
  });

  it("lets neither a vendor nor an analyst record a payment", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await pay(vendor, { paidOn: "2025-01-10", amount: "1.00" })).status).toBe(403);
    const analyst = await signInAs(world, "district_analyst", "d1");
    expect((await pay(analyst, { paidOn: "2025-01-10", amount: "1.00" })).status).toBe(403);
  });

  it("answers 404 for a contract of another organization", async () => {
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await v2.request("GET", C1)).status).toBe(404);
    const d2 = await signInAs(world, "district_admin", "d2");
    expect((await pay(d2, { paidOn: "2025-01-10", amount: "1.00" })).status).toBe(404);
    expect((await d2.request("GET", C1)).status).toBe(404);
  });

  it("counts recorded payments in the paid and due of the next statement", async () => {
    const run = (key: string) =>
      admin.request(
        "POST",
        "/api/districts/d1/contracts/c1/statements",
        { kind: "final" },
        { "idempotency-key": key },
      );
    const before = (await (await run("run-1")).json()) as { waterfall: { paid: string; total: string } };
    expect(before.waterfall.paid).toBe("1150.24");
    expect((await pay(admin, { paidOn: "2025-03-01", amount: "10.00" })).status).toBe(201);
    const after = await run("run-2");
    expect(after.status).toBe(201);
    const body = (await after.json()) as {
      waterfall: { paid: string };
      statement: { supersedesStatementId: string };
    };
    expect(body.waterfall.paid).toBe("1160.24");
    expect(body.statement.supersedesStatementId).toEqual(expect.any(String));
  });
});
