import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { anonymous, openApiWorld, signInAs, type ApiWorld } from "./harness.js";

describe.each(TEST_STORES)("contracts API ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
  });
  afterAll(async () => world.close());

  it("answers 401 with a problem document without a session", async () => {
    const response = await anonymous(world)("GET", "/api/contracts");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "unauthenticated", status: 401 });
  });

  it("lists only the district's own contracts to a district analyst, money as decimal strings", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const response = await analyst.request("GET", "/api/contracts");
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: { contractId: string; maxValue: string; vendorId: string; vendorName: string }[];
      nextCursor: null;
    };
    expect(page.items.map((c) => c.contractId)).toEqual(["c1", "c2"]);
    expect(page.items.map((c) => [c.vendorId, c.vendorName])).toEqual([
      ["v1", "Vendor v1"],
      ["v2", "Vendor v2"],
    ]);
    expect(page.items[0]?.maxValue).toMatch(/^\d+\.\d\d$/);
    expect(page.nextCursor).toBeNull();
  });

  it("lists a vendor's contracts across districts, and never another vendor's", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const page = (await (await vendor.request("GET", "/api/contracts")).json()) as {
      items: { districtId: string; contractId: string; vendorName: string }[];
    };
    expect(page.items.map((c) => `${c.districtId}/${c.contractId}`)).toEqual(["d1/c1", "d2/c3"]);
    expect(page.items.map((c) => c.vendorName)).toEqual(["Vendor v1", "Vendor v1"]);
    expect((await vendor.request("GET", "/api/districts/d1/contracts/c2")).status).toBe(404);
  });

  it("pages with a cursor", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const first = (await (await analyst.request("GET", "/api/contracts?limit=1")).json()) as {
      items: { contractId: string }[];
      nextCursor: string;
    };
    expect(first.items.map((c) => c.contractId)).toEqual(["c1"]);
    const second = (await (
      await analyst.request("GET", `/api/contracts?limit=1&cursor=${first.nextCursor}`)
    ).json()) as { items: { contractId: string }[]; nextCursor: string | null };
    expect(second.items.map((c) => c.contractId)).toEqual(["c2"]);
    expect(second.nextCursor).toBeNull();
    const bad = await analyst.request("GET", "/api/contracts?cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: "invalid-request",
      problems: [{ path: "$.query.cursor" }],
    });
  });

  it("gives a contract with its terms, versions and an ETag", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const response = await analyst.request("GET", "/api/districts/d1/contracts/c1");
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"c1-r1"');
    const body = (await response.json()) as {
      contract: { vendorId: string; vendorName: string };
      terms: { contractId: string };
      versions: { version: number; status: string }[];
    };
    expect(body.terms.contractId).toBe("c1");
    expect(body.contract).toMatchObject({ vendorId: "v1", vendorName: "Vendor v1" });
    expect(body.versions).toMatchObject([{ version: 1, status: "approved" }]);
    expect((await analyst.request("GET", "/api/districts/d2/contracts/c3")).status).toBe(404);
  });

  it("validates parameters with a JSON path per problem", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const response = await analyst.request("GET", "/api/contracts?limit=0");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "invalid-request",
      problems: [{ path: "$.query.limit" }],
    });
  });

  it("publishes an OpenAPI 3.1 document and a readable page", async () => {
    const doc = (await (await anonymous(world)("GET", "/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/districts/{districtId}/contracts/{contractId}");
    const page = await (await anonymous(world)("GET", "/api/docs")).text();
    expect(page).toContain("listContracts");
  });

  it("reports the store and its migrations at /api/health", async () => {
    const body = await (await anonymous(world)("GET", "/api/health")).json();
    expect(body).toMatchObject({ status: "ok", store: store.name, migrations: { pending: [] } });
  });
});
