/**
 * Row-level security of RFPs, proposals and scores (0022_rfps_proposals.sql), queried as
 * each organization with no application check in between: every vendor sees published
 * RFPs and never a draft; a vendor sees and writes only its own proposals, and writes them
 * only to a published RFP; a district sees its own RFPs, their proposals and scores only;
 * vendors never see scores.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { actAs, type OrgScope } from "../../src/app/act-as.js";
import { TEST_STORES } from "./stores.js";

const D1: OrgScope = { organizationId: "d1", orgKind: "district" };
const D2: OrgScope = { organizationId: "d2", orgKind: "district" };
const V1: OrgScope = { organizationId: "v1", orgKind: "vendor" };
const V2: OrgScope = { organizationId: "v2", orgKind: "vendor" };

const SEED = [
  `INSERT INTO districts (district_id, name) VALUES ('d1', 'One ISD'), ('d2', 'Two ISD')`,
  `INSERT INTO rfps (district_id, rfp_id, title, status, terms_source, terms, document, created_by, created_at)
     VALUES ('d1', 'open', 'Open', 'published', '{}', '{}', '{}', 'u', now()),
            ('d1', 'draft', 'Draft', 'draft', '{}', '{}', '{}', 'u', now()),
            ('d1', 'closed', 'Closed', 'closed', '{}', '{}', '{}', 'u', now()),
            ('d2', 'other', 'Other', 'published', '{}', '{}', '{}', 'u', now())`,
  `INSERT INTO proposals (district_id, rfp_id, proposal_id, vendor_id, vendor_name, status, narrative, evidence,
                          rate_card_source, rate_card, price_cents, submitted_by, submitted_at, revised_at)
     VALUES ('d1', 'open', 'p1', 'v1', 'V1', 'submitted', 'n', 'e', '{}', '{}', 100, 'u', now(), now()),
            ('d1', 'open', 'p2', 'v2', 'V2', 'submitted', 'n', 'e', '{}', '{}', 200, 'u', now(), now()),
            ('d2', 'other', 'p3', 'v1', 'V1', 'submitted', 'n', 'e', '{}', '{}', 300, 'u', now(), now())`,
  `INSERT INTO proposal_scores (district_id, rfp_id, proposal_id, criterion_key, points, comment, scored_by, scored_at)
     VALUES ('d1', 'open', 'p1', 'evidence', 4, 'c', 'u', now()), ('d2', 'other', 'p3', 'evidence', 2, 'c', 'u', now())`,
];

const proposal = (rfp: string, id: string, vendor: string) =>
  `INSERT INTO proposals (district_id, rfp_id, proposal_id, vendor_id, vendor_name, status, narrative, evidence,
                          rate_card_source, rate_card, price_cents, submitted_by, submitted_at, revised_at)
   VALUES ('d1', '${rfp}', '${id}', '${vendor}', 'V', 'submitted', 'n', 'e', '{}', '{}', 1, 'u', now(), now())`;

describe.each(TEST_STORES)("RFP row-level security ($name)", (store) => {
  let db: Db;
  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    for (const sql of SEED) await db.query(sql);
  }, 120_000);
  afterAll(async () => db.close());

  const ids = async (scope: OrgScope, sql: string) =>
    (await actAs(db, scope, (tx) => tx.query<{ id: string }>(sql))).map((r) => r.id).sort();

  it("shows a vendor every published RFP of every district and no draft; a district only its own", async () => {
    expect(await ids(V2, "SELECT district_id || '/' || rfp_id AS id FROM rfps")).toEqual([
      "d1/closed",
      "d1/open",
      "d2/other",
    ]);
    expect(await ids(D1, "SELECT rfp_id AS id FROM rfps")).toEqual(["closed", "draft", "open"]);
    expect(await ids(D2, "SELECT rfp_id AS id FROM rfps")).toEqual(["other"]);
  });

  it("shows a vendor only its own proposals and no scores; a district its RFPs' proposals and scores", async () => {
    expect(await ids(V1, "SELECT proposal_id AS id FROM proposals")).toEqual(["p1", "p3"]);
    expect(await ids(V2, "SELECT proposal_id AS id FROM proposals")).toEqual(["p2"]);
    expect(await ids(V1, "SELECT proposal_id AS id FROM proposal_scores")).toEqual([]);
    expect(await ids(D1, "SELECT proposal_id AS id FROM proposals")).toEqual(["p1", "p2"]);
    expect(await ids(D1, "SELECT proposal_id AS id FROM proposal_scores")).toEqual(["p1"]);
  });

  it("lets a vendor write its own proposal to a published RFP only", async () => {
    await expect(actAs(db, V2, (tx) => tx.query(proposal("closed", "x1", "v2")))).rejects.toThrow(
      /row-level security/,
    );
    await expect(actAs(db, V2, (tx) => tx.query(proposal("draft", "x2", "v2")))).rejects.toThrow(
      /row-level security/,
    );
    await expect(actAs(db, V2, (tx) => tx.query(proposal("open", "x3", "v1")))).rejects.toThrow(
      /row-level security/,
    );
    const changed = await actAs(db, V2, (tx) =>
      tx.query<{ id: string }>(
        "UPDATE proposals SET narrative = 'mine' WHERE proposal_id = 'p1' RETURNING proposal_id AS id",
      ),
    );
    expect(changed).toEqual([]);
    await expect(
      actAs(db, V1, (tx) =>
        tx.query("INSERT INTO proposal_scores VALUES ('d1', 'open', 'p1', 'approach', 5, 'c', 'u', now())"),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("lets a district mark its own RFPs' proposals, never another district's", async () => {
    const d2 = await actAs(db, D2, (tx) =>
      tx.query<{ id: string }>(
        "UPDATE proposals SET status = 'awarded' WHERE rfp_id = 'open' RETURNING proposal_id AS id",
      ),
    );
    expect(d2).toEqual([]);
    await expect(
      actAs(db, D2, (tx) =>
        tx.query(
          "INSERT INTO rfps (district_id, rfp_id, title, status, terms_source, terms, document, created_by, created_at) VALUES ('d1', 'x', 'x', 'draft', '{}', '{}', '{}', 'u', now())",
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
