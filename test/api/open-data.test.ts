/**
 * Open data through the API: the district's staff and auditors read the OCDS package of
 * the district's published contracts and of one contract; payments appear as
 * transactions in exact amounts (a refund from the vendor); a statement on no students
 * withholds every figure; a draft is not published; a vendor is refused and another
 * district's staff get 404. Every package validates against both schema sets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { validateOcdsPackage } from "../../src/adapters/ocds-schemas/validate-ocds.js";
import { anonymous, openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

const DISTRICT = "/api/districts/d1/open-data/ocds.json";
const C1 = "/api/districts/d1/contracts/c1/ocds.json";

type Pkg = {
  uri: string;
  publisher: { name: string };
  releases: {
    ocid: string;
    tag: string[];
    contracts: {
      id: string;
      implementation: {
        transactions?: { value: { amount: number; currency: string }; payer: { id: string } }[];
        milestones: { id: string; status?: string }[];
        metrics?: { id: string; observations: { id: string; measure?: unknown }[] }[];
      };
    }[];
  }[];
};

let keyNo = 0;

describe.each(TEST_STORES)("open data API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
    const post = (path: string, body: unknown) =>
      admin.request("POST", path, body, { "idempotency-key": `open-data-${++keyNo}` });
    const payments = "/api/districts/d1/contracts/c1/payments";
    expect((await post(payments, { paidOn: "2025-01-10", amount: "1250.50" })).status).toBe(201);
    expect((await post(payments, { paidOn: "2025-02-01", amount: "-200.25" })).status).toBe(201);
    const run = await post("/api/districts/d1/contracts/c1/statements", { kind: "interim" });
    expect(run.status, await run.clone().text()).toBe(201);
  }, 120_000);
  afterAll(async () => world.close());

  async function read(client: Client, path: string): Promise<Pkg> {
    const response = await client.request("GET", path);
    expect(response.status, await response.clone().text()).toBe(200);
    const pkg = (await response.json()) as Pkg;
    expect(await validateOcdsPackage(pkg)).toEqual([]);
    return pkg;
  }

  it("gives the district's staff and auditors one release per published contract", async () => {
    for (const role of ["district_admin", "district_analyst", "auditor"] as const) {
      const pkg = await read(await signInAs(world, role, "d1"), DISTRICT);
      expect(pkg.uri).toBe(`http://localhost:3000${DISTRICT}`);
      expect(pkg.publisher.name).toBe("District d1");
      expect(pkg.releases.map((r) => r.ocid)).toEqual(["ocds-accord-d1/c1", "ocds-accord-d1/c2"]);
    }
  });

  it("writes the payments as exact transactions and withholds the figures of a statement on no students", async () => {
    const pkg = await read(admin, C1);
    const [release] = pkg.releases;
    expect(release?.tag).toEqual(["contract", "implementation"]);
    const implementation = release?.contracts[0]?.implementation;
    expect(implementation?.transactions?.map((t) => [t.value.amount, t.value.currency, t.payer.id])).toEqual([
      [1250.5, "USD", "district-d1"],
      [200.25, "USD", "vendor-v1"],
    ]);
    expect(implementation?.milestones.every((m) => m.status === "scheduled")).toBe(true);
    for (const metric of implementation?.metrics ?? [])
      expect(metric.observations.map((o) => [o.id, o.measure])).toEqual([
        [`${metric.id}-withheld`, undefined],
      ]);
  });

  it("does not publish a draft: 404 for the contract, left out of the district's package", async () => {
    await world.db.query(
      "UPDATE contracts SET stage = 'draft' WHERE district_id = 'd1' AND contract_id = 'c2'",
    );
    const response = await admin.request("GET", "/api/districts/d1/contracts/c2/ocds.json");
    expect(response.status).toBe(404);
    expect((await read(admin, DISTRICT)).releases.map((r) => r.ocid)).toEqual(["ocds-accord-d1/c1"]);
    await world.db.query(
      "UPDATE contracts SET stage = 'active' WHERE district_id = 'd1' AND contract_id = 'c2'",
    );
  });

  it("refuses a vendor, even of the contract, and answers 404 to another district's staff", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    for (const path of [DISTRICT, C1]) {
      const refused = await vendor.request("GET", path);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe("forbidden");
    }
    const other = await signInAs(world, "auditor", "d2");
    for (const path of [DISTRICT, C1, "/api/districts/d1/contracts/nope/ocds.json"]) {
      const hidden = await other.request("GET", path);
      expect(hidden.status, path).toBe(404);
    }
    expect((await admin.request("GET", "/api/districts/d1/contracts/nope/ocds.json")).status).toBe(404);
    expect((await anonymous(world)("GET", DISTRICT)).status).toBe(401);
  });
});
