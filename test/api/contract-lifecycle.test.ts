import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { TEST_CONFIG, openApiWorld, signInAs, termsFor, type ApiWorld, type Client } from "./harness.js";
import { createApi } from "../../src/api/app.js";
import type { ApiDeps } from "../../src/api/api-env.js";
import { settleStoredContracts } from "../../src/app/settle-stored-contracts.js";
import { markContractSettled } from "../../src/app/contracts/move-contract-stage.js";
import { actAs } from "../../src/app/act-as.js";

interface Detail {
  contract: { contractId: string; stage: string; termsVersion: number; maxValue: string; title: string };
  terms: Record<string, unknown>;
  versions: { version: number; status: string; reason: string; districtApprovedAt: string | null }[];
}

interface Answer {
  status: number;
  etag: string | null;
  body: Detail & { code?: string; problems?: { path: string; code: string }[] };
}

const base = (contractId: string) => `/api/districts/d1/contracts/${contractId}`;

async function send(client: Client, method: string, path: string, body?: unknown, etag?: string | null) {
  const response = await client.request(
    method,
    path,
    body,
    etag === undefined || etag === null ? {} : { "if-match": etag },
  );
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: (await response.json()) as Answer["body"],
  } satisfies Answer;
}

describe.each(TEST_STORES)("contract lifecycle API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  let vendor: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
    vendor = await signInAs(world, "vendor_user", "v1");
  }, 120_000);
  afterAll(async () => world.close());

  /** A draft of d1 with vendor v1, and its ETag. */
  async function draft(contractId: string): Promise<string> {
    const created = await send(admin, "POST", "/api/contracts", { terms: termsFor("d1", contractId, "v1") });
    expect(created.status).toBe(201);
    return created.etag ?? "";
  }

  /** An active contract of d1 with vendor v1 (proposed, approved by both), and its ETag. */
  async function active(contractId: string): Promise<string> {
    let etag = (await send(admin, "POST", `${base(contractId)}/propose`, undefined, await draft(contractId)))
      .etag;
    etag = (await send(vendor, "POST", `${base(contractId)}/approve`, { version: 1 }, etag)).etag;
    const approved = await send(admin, "POST", `${base(contractId)}/approve`, { version: 1 }, etag);
    expect(approved.body.contract.stage).toBe("active");
    return approved.etag ?? "";
  }

  async function settledVersion(contractId: string): Promise<[number, string]> {
    const result = await settleStoredContracts(world.db, {
      districtId: "d1",
      contractIds: [contractId],
      asOf: null,
    });
    if (result.kind !== "settled") throw new Error(JSON.stringify(result));
    const [one] = result.settled;
    return [one?.termsVersion ?? 0, String(one?.terms.maxValueCents)];
  }

  it("walks draft -> proposed -> active -> amended, and settles on an amendment only once both approve it", async () => {
    const created = await send(admin, "POST", "/api/contracts", { terms: termsFor("d1", "walk", "v1") });
    expect(created.status).toBe(201);
    expect(created.etag).toBe('"walk-r1"');
    expect(created.body.contract.stage).toBe("draft");
    expect(created.body.versions).toMatchObject([
      { version: 1, status: "proposed", districtApprovedAt: null },
    ]);
    const location = (
      await admin.request("POST", "/api/contracts", { terms: termsFor("d1", "walk2", "v1") })
    ).headers.get("location");
    expect(location).toBe("/api/districts/d1/contracts/walk2");

    const proposed = await send(admin, "POST", `${base("walk")}/propose`, undefined, created.etag);
    expect([proposed.status, proposed.etag, proposed.body.contract.stage]).toEqual([
      200,
      '"walk-r2"',
      "proposed",
    ]);
    const byVendor = await send(vendor, "POST", `${base("walk")}/approve`, { version: 1 }, proposed.etag);
    expect([byVendor.status, byVendor.etag, byVendor.body.contract.stage]).toEqual([
      200,
      '"walk-r3"',
      "proposed",
    ]);
    expect(byVendor.body.versions[0]?.status).toBe("proposed");
    const byDistrict = await send(admin, "POST", `${base("walk")}/approve`, { version: 1 }, byVendor.etag);
    expect([byDistrict.etag, byDistrict.body.contract.stage]).toEqual(['"walk-r4"', "active"]);
    expect(byDistrict.body.versions).toMatchObject([{ version: 1, status: "approved" }]);
    const original = await settledVersion("walk");
    expect(original[0]).toBe(1);

    const amended = { ...termsFor("d1", "walk", "v1"), maxValue: "4321000.00" };
    const amendment = await send(
      admin,
      "POST",
      `${base("walk")}/amendments`,
      { terms: amended, reason: "more students" },
      byDistrict.etag,
    );
    expect(amendment.status).toBe(200);
    expect(amendment.body.versions).toMatchObject([
      { version: 1, status: "approved" },
      { version: 2, status: "proposed", reason: "more students" },
    ]);
    expect(amendment.body.contract.termsVersion).toBe(1);
    expect(await settledVersion("walk")).toEqual(original);

    const half = await send(admin, "POST", `${base("walk")}/approve`, { version: 2 }, amendment.etag);
    expect(await settledVersion("walk")).toEqual(original);
    const both = await send(vendor, "POST", `${base("walk")}/approve`, { version: 2 }, half.etag);
    expect([both.status, both.etag, both.body.contract.termsVersion]).toEqual([200, '"walk-r7"', 2]);
    expect(both.body.contract.maxValue).toBe("4321000.00");
    expect(await settledVersion("walk")).toEqual([2, "432100000"]);

    const audit = await world.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE object_id = 'walk' ORDER BY seq",
    );
    expect(audit.map((a) => a.action)).toEqual([
      "contract.create",
      "contract.propose",
      "terms.approve",
      "terms.approve",
      "contract.amend",
      "terms.approve",
      "terms.approve",
    ]);
  });

  it("never changes the text of an active contract's approved version", async () => {
    const etag = await active("fixed");
    const stored = () =>
      world.db.query(
        "SELECT terms_source, terms_sha256, status FROM contract_terms_versions WHERE contract_id = 'fixed' AND version = 1",
      );
    const before = await stored();
    const changed = { ...termsFor("d1", "fixed", "v1"), title: "Rewritten" };
    const replace = await send(admin, "PUT", `${base("fixed")}/terms`, { terms: changed }, etag);
    expect([replace.status, replace.body.code]).toEqual([409, "stage-conflict"]);
    const amend = await send(
      admin,
      "POST",
      `${base("fixed")}/amendments`,
      { terms: changed, reason: "title" },
      etag,
    );
    await send(admin, "POST", `${base("fixed")}/approve`, { version: 2 }, amend.etag);
    expect(await stored()).toEqual(before);
  });

  it("replaces a draft's terms in place, and refuses terms that move it to another id, district or vendor", async () => {
    const etag = await draft("redo");
    const renamed = { ...termsFor("d1", "redo", "v1"), title: "Reading tutoring" };
    const replaced = await send(admin, "PUT", `${base("redo")}/terms`, { terms: renamed }, etag);
    expect([replaced.status, replaced.etag, replaced.body.contract.title]).toEqual([
      200,
      '"redo-r2"',
      "Reading tutoring",
    ]);
    expect(replaced.body.versions.map((v) => v.version)).toEqual([1]);
    const moved = { ...termsFor("d1", "other", "v2"), district: { id: "d1", name: "District d1" } };
    const refused = await send(admin, "PUT", `${base("redo")}/terms`, { terms: moved }, replaced.etag);
    expect(refused.status).toBe(400);
    expect(refused.body.problems?.map((p) => p.path)).toEqual([
      "$.body.terms.contractId",
      "$.body.terms.vendor.id",
    ]);
  });

  it("answers 428 without If-Match and 412 on a stale ETag, changing nothing", async () => {
    const etag = await draft("guarded");
    const missing = await send(admin, "POST", `${base("guarded")}/propose`);
    expect([missing.status, missing.body.code]).toEqual([428, "precondition-required"]);
    const stale = await send(admin, "POST", `${base("guarded")}/propose`, undefined, '"guarded-r9"');
    expect([stale.status, stale.body.code]).toEqual([412, "precondition-failed"]);
    const otherContract = await send(admin, "POST", `${base("guarded")}/propose`, undefined, '"c1-r1"');
    expect(otherContract.status).toBe(412);
    const now = await admin.request("GET", base("guarded"));
    expect([now.headers.get("etag"), ((await now.json()) as Detail).contract.stage]).toEqual([etag, "draft"]);
  });

  it("lets neither a vendor create or amend a contract nor an analyst approve terms", async () => {
    const etag = await active("roles");
    const create = await send(vendor, "POST", "/api/contracts", { terms: termsFor("d1", "mine", "v1") });
    expect([create.status, create.body.code]).toEqual([403, "forbidden"]);
    const amended = { ...termsFor("d1", "roles", "v1"), title: "By the vendor" };
    const amend = await send(
      vendor,
      "POST",
      `${base("roles")}/amendments`,
      { terms: amended, reason: "x" },
      etag,
    );
    expect(amend.status).toBe(403);
    const analyst = await signInAs(world, "district_analyst", "d1");
    const approve = await send(analyst, "POST", `${base("roles")}/approve`, { version: 1 }, etag);
    expect(approve.status).toBe(403);
  });

  it("hides another vendor's and another district's contracts as 404", async () => {
    const etag = (await send(admin, "POST", `${base("hidden")}/propose`, undefined, await draft("hidden")))
      .etag;
    const otherVendor = await signInAs(world, "vendor_user", "v2");
    const approve = await send(otherVendor, "POST", `${base("hidden")}/approve`, { version: 1 }, etag);
    expect([approve.status, approve.body.code]).toEqual([404, "not-found"]);
    const d2 = "/api/districts/d2/contracts/c3";
    expect((await send(admin, "POST", `${d2}/approve`, { version: 1 }, '"c3-r1"')).status).toBe(404);
    const amend = { terms: termsFor("d2", "c3", "v1"), reason: "x" };
    expect((await send(admin, "POST", `${d2}/amendments`, amend, '"c3-r1"')).status).toBe(404);
    const stored = await world.db.query("SELECT revision FROM contracts WHERE district_id = 'd2'");
    expect(stored).toEqual([{ revision: 1 }]);
  });

  it("gives terms problems with their JSON paths under $.body.terms", async () => {
    const broken = { ...termsFor("d1", "broken", "v1"), maxValue: 670 };
    const bad = await send(admin, "POST", "/api/contracts", { terms: broken });
    expect([bad.status, bad.body.code]).toEqual([400, "invalid-terms"]);
    expect(bad.body.problems).toMatchObject([{ path: "$.body.terms.maxValue", code: "bad-money" }]);
    const foreign = await send(admin, "POST", "/api/contracts", { terms: termsFor("d2", "foreign", "v1") });
    expect(foreign.body.problems).toMatchObject([
      { path: "$.body.terms.district.id", code: "other-district" },
    ]);
    const taken = await send(admin, "POST", "/api/contracts", { terms: termsFor("d1", "c1", "v1") });
    expect([taken.status, taken.body.code]).toEqual([409, "conflict"]);
    expect(
      await world.db.query("SELECT 1 FROM contracts WHERE contract_id IN ('broken', 'foreign')"),
    ).toEqual([]);
  });

  it("refuses unknown body fields and an amendment without a reason", async () => {
    const extra = await send(admin, "POST", "/api/contracts", {
      terms: termsFor("d1", "extra", "v1"),
      note: 1,
    });
    expect([extra.status, extra.body.code]).toEqual([400, "invalid-request"]);
    const etag = await active("strict");
    const approve = await send(admin, "POST", `${base("strict")}/approve`, { version: 1, force: true }, etag);
    expect(approve.status).toBe(400);
    const propose = await send(admin, "POST", `${base("strict")}/propose`, { now: true }, etag);
    expect(propose.status).toBe(400);
    const amend = await send(
      admin,
      "POST",
      `${base("strict")}/amendments`,
      { terms: termsFor("d1", "strict", "v1") },
      etag,
    );
    expect(amend.body.problems).toMatchObject([{ path: "$.body.reason" }]);
  });

  it("treats a second approval by one party as a no-op, and refuses approving an approved or withdrawn version", async () => {
    let etag = await active("twice");
    const again = await send(admin, "POST", `${base("twice")}/approve`, { version: 1 }, etag);
    expect([again.status, again.body.code]).toEqual([409, "conflict"]);
    const amended = { ...termsFor("d1", "twice", "v1"), title: "Twice" };
    etag =
      (await send(admin, "POST", `${base("twice")}/amendments`, { terms: amended, reason: "r" }, etag))
        .etag ?? "";
    etag = (await send(admin, "POST", `${base("twice")}/approve`, { version: 2 }, etag)).etag ?? "";
    const noop = await send(admin, "POST", `${base("twice")}/approve`, { version: 2 }, etag);
    expect([noop.status, noop.etag]).toEqual([200, etag]);
    const second = await send(
      admin,
      "POST",
      `${base("twice")}/amendments`,
      { terms: amended, reason: "r" },
      etag,
    );
    expect([second.status, second.body.code]).toEqual([409, "conflict"]);
    const withdrawn = await send(admin, "POST", `${base("twice")}/withdraw`, { version: 2 }, etag);
    expect(withdrawn.body.versions.map((v) => v.status)).toEqual(["approved", "withdrawn"]);
    const late = await send(vendor, "POST", `${base("twice")}/approve`, { version: 2 }, withdrawn.etag);
    expect([late.status, late.body.code]).toEqual([409, "conflict"]);
    expect((await settledVersion("twice"))[0]).toBe(1);
  });

  it("closes a contract only once it is settled", async () => {
    const etag = await active("done");
    const early = await send(admin, "POST", `${base("done")}/close`, undefined, etag);
    expect([early.status, early.body.code]).toEqual([409, "stage-conflict"]);
    const marked = await actAs(world.db, { organizationId: "v1", orgKind: "vendor" }, (tx) =>
      markContractSettled(tx, "d1", "done"),
    );
    expect(marked).toEqual({ kind: "settled", revision: 5 });
    const closed = await send(admin, "POST", `${base("done")}/close`, undefined, '"done-r5"');
    expect([closed.status, closed.etag, closed.body.contract.stage]).toEqual([200, '"done-r6"', "closed"]);
    const [entry] = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE object_id = 'done' AND action = 'contract.close'",
    );
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({ districtId: "d1", contractId: "done" });
  });

  it("records the vendor the terms name in the district when it is new", async () => {
    const created = await send(admin, "POST", "/api/contracts", { terms: termsFor("d1", "newv", "v9") });
    expect(created.status).toBe(201);
    expect(
      await world.db.query("SELECT name FROM vendors WHERE district_id = 'd1' AND vendor_id = 'v9'"),
    ).toEqual([{ name: "Vendor v9" }]);
  });

  it("lets a vendor's own updates touch only a contract's stage, revision and title, and its own approval", async () => {
    const v1 = { organizationId: "v1", orgKind: "vendor" } as const;
    const as = (sql: string) => actAs(world.db, v1, (tx) => tx.query(sql));
    await expect(
      as("UPDATE contracts SET vendor_id = 'v1', created_at = now() WHERE contract_id = 'c1'"),
    ).rejects.toThrow(/permission denied/);
    await expect(
      as("UPDATE contract_terms_versions SET district_approved_at = now() WHERE contract_id = 'c1'"),
    ).rejects.toThrow(/permission denied/);
    expect(await as("UPDATE contracts SET title = title WHERE contract_id = 'c2' RETURNING 1")).toEqual([]);
  });
});

describe("contract lifecycle routes", () => {
  it("declares each route's access: district administrators write, both parties approve", () => {
    // The route table is built without a store: only the body limit reads the configuration.
    const table = new Map(
      createApi({ config: TEST_CONFIG } as ApiDeps).routes.map((r) => [r.operationId, r]),
    );
    const at = (path: string) => `/api/districts/{districtId}/contracts/{contractId}${path}`;
    const write = { kind: "capability", capability: "write:contracts" };
    expect(
      [
        "createContract",
        "replaceContractTerms",
        "proposeContract",
        "approveContractTerms",
        "amendContract",
        "withdrawContractAmendment",
        "closeContract",
      ].map((id) => {
        const route = table.get(id);
        return [route?.method, route?.path, route?.access];
      }),
    ).toEqual([
      ["POST", "/api/contracts", write],
      ["PUT", at("/terms"), write],
      ["POST", at("/propose"), write],
      ["POST", at("/approve"), { kind: "capability", capability: "approve:terms" }],
      ["POST", at("/amendments"), write],
      ["POST", at("/withdraw"), write],
      ["POST", at("/close"), write],
    ]);
  });
});
