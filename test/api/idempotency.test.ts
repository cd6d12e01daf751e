/**
 * Idempotency-Key: a POST that creates a statement or a payment takes effect once per key,
 * however many times and however concurrently it is sent (on PostgreSQL the pool has
 * several connections, so the 50 requests below really race); a replay answers the first
 * response; a key reused for another request is refused; a failed first attempt leaves
 * the key free for the retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const C3_STATEMENTS = "/api/districts/d2/contracts/c3/statements";
const C3_PAYMENTS = "/api/districts/d2/contracts/c3/payments";

async function count(world: ApiWorld, sql: string): Promise<number> {
  const rows = await world.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${sql}`);
  return Number(rows[0]?.n);
}

/** Sends the same request `times` times at once; the statuses, bodies and replay headers. */
async function burst(client: Client, times: number, path: string, body: unknown, key: string) {
  const responses = await Promise.all(
    Array.from({ length: times }, () => client.request("POST", path, body, { "idempotency-key": key })),
  );
  return Promise.all(
    responses.map(async (r) => ({
      status: r.status,
      body: await r.text(),
      replayed: r.headers.get("idempotent-replayed"),
    })),
  );
}

describe.each(TEST_STORES)("Idempotency-Key ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d2");
  }, 60_000);
  afterAll(async () => world.close());

  it("refuses a POST without a key, or with one that is not 1-200 visible ASCII characters", async () => {
    const sent: Record<string, string>[] = [
      {},
      { "idempotency-key": "has space" },
      { "idempotency-key": "k".repeat(201) },
    ];
    for (const headers of sent) {
      const response = await admin.request(
        "POST",
        C3_PAYMENTS,
        { paidOn: "2025-01-10", amount: "1.00" },
        headers,
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: "invalid-request",
        problems: [{ path: '$.headers["idempotency-key"]' }],
      });
    }
    expect(await count(world, "payments")).toBe(0);
  });

  it("creates exactly one statement for 50 concurrent runs with one key, all answering the same", async () => {
    const results = await burst(admin, 50, C3_STATEMENTS, { kind: "final" }, "run-once");
    expect(new Set(results.map((r) => `${r.status} ${r.body}`)).size).toBe(1);
    expect(results[0]?.status).toBe(201);
    expect(results.filter((r) => r.replayed === "true")).toHaveLength(49);
    expect(await count(world, "statements")).toBe(1);
    expect(await count(world, "audit_events WHERE action = 'statement.create'")).toBe(1);
  });

  it("creates exactly one payment for 50 concurrent POSTs with one key, all answering the same", async () => {
    const body = { paidOn: "2025-01-10", amount: "1250.00", reference: "INV-7" };
    const results = await burst(admin, 50, C3_PAYMENTS, body, "pay-once");
    expect(new Set(results.map((r) => `${r.status} ${r.body}`)).size).toBe(1);
    expect(results[0]?.status).toBe(201);
    expect(await count(world, "payments")).toBe(1);
    expect(await count(world, "import_batches WHERE format = 'api-payment'")).toBe(1);
    expect(await count(world, "audit_events WHERE action = 'payment.create'")).toBe(1);
  });

  it("treats the same body written differently as the same request", async () => {
    const first = await admin.request("POST", C3_PAYMENTS, '{"paidOn":"2025-01-11","amount":"5.00"}', {
      "idempotency-key": "spacing",
    });
    const again = await admin.request("POST", C3_PAYMENTS, '{ "amount": "5.00",  "paidOn": "2025-01-11" }', {
      "idempotency-key": "spacing",
    });
    expect(again.status).toBe(first.status);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
  });

  it("refuses a key reused with another body or another path (422)", async () => {
    const body = { paidOn: "2025-01-12", amount: "7.00" };
    expect((await admin.request("POST", C3_PAYMENTS, body, { "idempotency-key": "reused" })).status).toBe(
      201,
    );
    const otherBody = await admin.request(
      "POST",
      C3_PAYMENTS,
      { ...body, amount: "8.00" },
      { "idempotency-key": "reused" },
    );
    expect(otherBody.status).toBe(422);
    expect(await otherBody.json()).toMatchObject({ code: "idempotency-key-reused" });
    const otherPath = await admin.request(
      "POST",
      C3_STATEMENTS,
      { kind: "final" },
      { "idempotency-key": "reused" },
    );
    expect(otherPath.status).toBe(422);
  });

  it("keeps keys apart per organization", async () => {
    const d1 = await signInAs(world, "district_admin", "d1");
    const response = await d1.request(
      "POST",
      "/api/districts/d1/contracts/c1/payments",
      { paidOn: "2025-01-12", amount: "9.00" },
      { "idempotency-key": "reused" },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("idempotent-replayed")).toBeNull();
  });

  it("performs the effect on a retry when the first attempt was rolled back", async () => {
    await world.db.query(
      "UPDATE contracts SET stage = 'proposed' WHERE district_id = 'd2' AND contract_id = 'c3'",
    );
    const body = { paidOn: "2025-01-13", amount: "11.00" };
    const refused = await admin.request("POST", C3_PAYMENTS, body, { "idempotency-key": "retry" });
    expect(refused.status).toBe(409);
    await world.db.query(
      "UPDATE contracts SET stage = 'active' WHERE district_id = 'd2' AND contract_id = 'c3'",
    );
    const retried = await admin.request("POST", C3_PAYMENTS, body, { "idempotency-key": "retry" });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await count(world, "payments WHERE amount_cents = 1100")).toBe(1);
  });
});
