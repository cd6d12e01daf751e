import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { actAs, APP_ROLE, type OrgScope } from "../../src/app/act-as.js";
import { appendAudit, type AuditEvent } from "../../src/app/audit-log.js";
import { TEST_STORES } from "./stores.js";

/**
 * Two districts and two vendors. Contract ids and student ids repeat across districts
 * (d2's c2 is v1's, d1's c2 is v2's; both districts have s1 and s2), so a policy that
 * forgets district_id shows up as a leak. In d1: s1 is in v1's c1, s2 in v2's c2, s3 in
 * both, s4 in none; in d2: s1 is in v1's c2, s2 in none.
 */
const CONTRACTS = [
  { d: "d1", c: "c1", v: "v1" },
  { d: "d1", c: "c2", v: "v2" },
  { d: "d2", c: "c2", v: "v1" },
] as const;
// prettier-ignore
const STUDENTS = [["d1", "s1"], ["d1", "s2"], ["d1", "s3"], ["d1", "s4"], ["d2", "s1"], ["d2", "s2"]] as const;
// prettier-ignore
const ENROLLMENTS = [["d1", "c1", "s1"], ["d1", "c1", "s3"], ["d1", "c2", "s2"], ["d1", "c2", "s3"], ["d2", "c2", "s1"]] as const;
/** Batch 1 of each district is the district's own import; the others are vendors' uploads. */
// prettier-ignore
const BATCHES = [["d1", 1, "d1"], ["d1", 2, "v1"], ["d1", 3, "v2"], ["d2", 1, "d2"], ["d2", 2, "v1"]] as const;
const SHA = (c: string) => c.repeat(64);

const vendorOf = (d: string, c: string) => CONTRACTS.find((k) => k.d === d && k.c === c)?.v;
const vendorBatch = (d: string, v: string) => BATCHES.find(([bd, , org]) => bd === d && org === v)?.[1] ?? 1;

function seedSql(): string {
  const sql: string[] = [
    `INSERT INTO organizations (organization_id, kind, name) VALUES ('d1', 'district', 'One ISD'),
       ('d2', 'district', 'Two ISD'), ('v1', 'vendor', 'Tutors One'), ('v2', 'vendor', 'Tutors Two'),
       ('plat', 'platform', 'Accord')`,
    `INSERT INTO districts (district_id, name) VALUES ('d1', 'One ISD'), ('d2', 'Two ISD')`,
    `INSERT INTO vendors (district_id, vendor_id, name) VALUES ('d1', 'v1', 'V1'), ('d1', 'v2', 'V2'), ('d2', 'v1', 'V1')`,
    `INSERT INTO funding_sources (district_id, funding_source_id, code, name, starts_on, ends_on, created_by, created_at)
       VALUES ('d1', 1, 'F1', 'Fund', '2024-07-01', '2025-09-30', 'u', now()),
              ('d2', 1, 'F1', 'Fund', '2024-07-01', '2025-09-30', 'u', now())`,
    `INSERT INTO ledger_entries (district_id, entry_id, funding_source_id, kind, counts_as, amount_cents, entry_date,
                                 recorded_by, recorded_at)
       VALUES ('d1', 1, 1, 'funding', 'funding', 100000000, '2024-07-01', 'u', now()),
              ('d2', 1, 1, 'funding', 'funding', 100000000, '2024-07-01', 'u', now())`,
    // RFPs: vendors see every published one, never a draft; a vendor sees its own proposals only.
    `INSERT INTO rfps (district_id, rfp_id, title, status, terms_source, terms, document, created_by, created_at)
       VALUES ('d1', 'r1', 'RFP', 'published', '{}', '{}', '{}', 'u', now()),
              ('d1', 'r2', 'RFP', 'draft', '{}', '{}', '{}', 'u', now()),
              ('d2', 'r1', 'RFP', 'draft', '{}', '{}', '{}', 'u', now()),
              ('d2', 'r2', 'RFP', 'published', '{}', '{}', '{}', 'u', now())`,
    `INSERT INTO proposals (district_id, rfp_id, proposal_id, vendor_id, vendor_name, status, narrative, evidence,
                            rate_card_source, rate_card, price_cents, submitted_by, submitted_at, revised_at)
       VALUES ('d1', 'r1', 'p1', 'v1', 'V1', 'submitted', 'n', 'e', '{}', '{}', 100, 'u', now(), now()),
              ('d1', 'r1', 'p2', 'v2', 'V2', 'submitted', 'n', 'e', '{}', '{}', 100, 'u', now(), now()),
              ('d2', 'r2', 'p1', 'v1', 'V1', 'submitted', 'n', 'e', '{}', '{}', 100, 'u', now(), now())`,
    `INSERT INTO proposal_scores VALUES ('d1', 'r1', 'p1', 'price', 5, 'c', 'u', now()),
       ('d2', 'r2', 'p1', 'price', 5, 'c', 'u', now())`,
  ];
  for (const [d, b, org] of BATCHES)
    sql.push(
      `INSERT INTO import_batches (district_id, batch_id, file_name, file_sha256, format, imported_by, organization_id)
         VALUES ('${d}', ${b}, 'f${b}.csv', '${SHA("b")}', 'canonical', 'u-${org}', '${org}')`,
      `INSERT INTO import_rejects (district_id, batch_id, reject_no, source_line, column_no, code, message)
         VALUES ('${d}', ${b}, 1, 2, 0, 'bad-row', 'bad row')`,
    );
  sql.push(
    `INSERT INTO schools (district_id, school_id, batch_id, source_line) VALUES ('d1', 'h1', 1, 1), ('d2', 'h1', 1, 1)`,
  );
  STUDENTS.forEach(([d, s], i) =>
    sql.push(
      `INSERT INTO students (district_id, student_id, school_id, grade, batch_id, source_line)
         VALUES ('${d}', '${s}', 'h1', '3', 1, ${i + 1})`,
      `INSERT INTO assessment_results (district_id, batch_id, source_line, student_id, assessment, subject, "window",
                                       test_date, scale_score) VALUES ('${d}', 1, ${i + 1}, '${s}', 'MAP', 'math', 'fall', '2024-09-10', 200)`,
    ),
  );
  CONTRACTS.forEach(({ d, c, v }, i) => {
    const n = i + 1;
    const b = vendorBatch(d, v);
    sql.push(
      `INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ('${d}', '${c}', '${v}', 'Tutoring ${d} ${c}')`,
      `INSERT INTO contract_terms_versions (district_id, contract_id, version, terms_source, terms_sha256, terms, reason, recorded_by)
         VALUES ('${d}', '${c}', 1, '{"contractId": "${c}"}', '${SHA("0")}', '{"contractId": "${c}"}', 'signed', 'u')`,
      `INSERT INTO session_batches VALUES ('${d}', ${b}, '${c}', 1, 1)`,
      `INSERT INTO obligation_statuses VALUES ('${d}', '${c}', 'ob1', 'met', NULL, 1, ${10 + n})`,
      `INSERT INTO obligation_evidence (district_id, contract_id, obligation_id, evidence_id, file_name, media_type, size_bytes,
                                        content_sha256, content, uploaded_by, uploaded_at)
         VALUES ('${d}', '${c}', 'ob1', ${n}, 'e.pdf', 'application/pdf', 1, '${SHA("e")}', '\\x01', 'u', now())`,
      `INSERT INTO obligation_plans VALUES ('${d}', '${c}', 'ob1', 'Lee', NULL, '2025-03-31', 'u', now())`,
      `INSERT INTO obligation_status_history (district_id, contract_id, obligation_id, entry_id, status, evidence, source,
                                             batch_id, source_line, recorded_by, recorded_at)
         VALUES ('${d}', '${c}', 'ob1', ${n}, 'met', NULL, 'import', 1, ${10 + n}, 'u', now())`,
      `INSERT INTO payments (district_id, batch_id, source_line, contract_id, paid_on, amount_cents)
         VALUES ('${d}', 1, ${20 + n}, '${c}', '2025-01-15', 100000)`,
      `INSERT INTO check_in_schedules VALUES ('${d}', '${c}', 2, 'week', '2024-09-03', '2025-06-30', 'u', now())`,
      `INSERT INTO check_ins (district_id, contract_id, check_in_id, scheduled_on, origin, created_by, created_at)
         VALUES ('${d}', '${c}', ${n}, '2024-10-01', 'schedule', 'u', now())`,
      `INSERT INTO check_in_notes VALUES ('${d}', '${c}', ${n}, 1, 'note', 'u', now())`,
      `INSERT INTO check_in_action_items (district_id, contract_id, action_item_id, check_in_id, description, owner_party,
                                          owner_name, due_on, created_by, created_at)
         VALUES ('${d}', '${c}', ${n}, ${n}, 'act', 'vendor', 'Lee', '2024-10-15', 'u', now())`,
      `INSERT INTO check_in_action_item_events VALUES ('${d}', '${c}', ${n}, 1, 'open', NULL, 'u', now())`,
      `INSERT INTO statements (district_id, statement_id, contract_id, terms_version, as_of, document_source, document, input_digest)
         VALUES ('${d}', ${n}, '${c}', 1, '2025-06-30', '{}', '{}', '${SHA("a")}')`,
      `INSERT INTO statement_reviews VALUES ('${d}', ${n}, 1, 'approve', NULL, '${d}', 'u', now())`,
      `INSERT INTO ledger_entries (district_id, entry_id, funding_source_id, contract_id, kind, counts_as, amount_cents,
                                   entry_date, recorded_by, recorded_at)
         VALUES ('${d}', ${10 + n}, 1, '${c}', 'encumbrance', 'encumbrance', 500000, '2024-09-01', 'u', now())`,
      `INSERT INTO invoices (district_id, invoice_id, contract_id, vendor_id, statement_id, invoice_year, invoice_seq,
                             invoice_number, issue_date, due_date, amount_cents, currency, document_source, document,
                             content_sha256, issued_by, issued_at)
         VALUES ('${d}', ${n}, '${c}', '${v}', ${n}, 2025, 1, 'INV-${d}-${v}-2025-0001', '2025-07-01', '2025-07-31', 100,
                 'USD', '{}', '{}', '${SHA("c")}', 'u', now())`,
      // One alert delivery per contract, to a member of the vendor (c1) or of the district (the others).
      `INSERT INTO alert_deliveries (district_id, contract_id, organization_id, user_id, alert_code, alert_subject,
                                     severity, delivery, status, first_seen_at)
         VALUES ('${d}', '${c}', '${n === 1 ? v : d}', 'u', 'enrolment-behind', 'enrolment', 'critical', 'immediate',
                 'sent', now())`,
    );
  });
  ENROLLMENTS.forEach(([d, c, s], i) => {
    const b = vendorBatch(d, vendorOf(d, c) ?? "");
    sql.push(
      `INSERT INTO enrollments VALUES ('${d}', '${c}', '${s}', '2024-09-01', NULL, 1, ${30 + i})`,
      `INSERT INTO service_sessions (district_id, batch_id, source_line, session_id, contract_id, student_id, session_date, minutes)
         VALUES ('${d}', ${b}, ${40 + i}, 'x${i}', '${c}', '${s}', '2024-09-15', 30)`,
      `INSERT INTO session_rollups VALUES ('${d}', '${c}', '${s}', 1, 30, '2024-09-15', '2024-09-15', '{}', 0,
         '2024-09-01', '2025-06-30')`,
    );
  });
  return sql.join(";\n");
}

/** Audit events of each organization; those of a district's vendors name the district. */
const AUDITED = [
  ["d1", "d1"],
  ["v1", "d1"],
  ["v2", "d1"],
  ["d2", "d2"],
  ["v1", "d2"],
  ["plat", null],
] as const;

const auditEvent = (org: string, district: string | null): AuditEvent => ({
  actorUserId: `u-${org}`,
  actorTokenId: null,
  organizationId: org,
  districtId: district,
  action: "contract.read",
  objectType: "contract",
  objectId: "c1",
  detail: {},
});

type Rec = Readonly<Record<string, unknown>>;
type Scope = OrgScope | null;
const D1: OrgScope = { organizationId: "d1", orgKind: "district" };
const V2: OrgScope = { organizationId: "v2", orgKind: "vendor" };
const SCOPES: readonly { name: string; scope: Scope }[] = [
  { name: "district d1", scope: D1 },
  { name: "district d2", scope: { organizationId: "d2", orgKind: "district" } },
  { name: "vendor v1", scope: { organizationId: "v1", orgKind: "vendor" } },
  { name: "vendor v2", scope: V2 },
  { name: "platform", scope: { organizationId: "plat", orgKind: "platform" } },
  { name: "no organization", scope: null },
];

/**
 * Whether `scope` may see `row` of `table` (the rule stated at the row-level security of
 * db/migrations/0003_server.sql), or undefined when no rule covers the table: a new
 * tenant table must be given one here. Vendors see the schools of districts they serve: school names are the
 * district's directory, not student data.
 */
function mayAccess(table: string, row: Rec, scope: Scope): boolean | undefined {
  const d = String(row["district_id"]);
  if (scope === null) return false;
  const org = scope.organizationId;
  // Alert deliveries: only the organization whose member they were for, within its tenancy.
  if (table === "alert_deliveries" && row["organization_id"] !== org) return false;
  if (scope.orgKind === "platform")
    return table === "districts" || (table === "audit_events" && row["organization_id"] === org);
  if (scope.orgKind === "district")
    return d === org || (table === "audit_events" && row["organization_id"] === org);
  const own = (c: unknown) => vendorOf(d, String(c)) === org;
  const uploaded = (b: unknown) => BATCHES.some(([bd, bb, bo]) => bd === d && bb === Number(b) && bo === org);
  // Budgets are district-internal: no vendor sees a funding source or the ledger.
  if (table === "funding_sources" || table === "ledger_entries") return false;
  // Published RFPs are open to every vendor; proposals to their own vendor; scores to the district.
  if (table === "rfps") return row["status"] !== "draft";
  if (table === "proposals") return row["vendor_id"] === org;
  if (table === "proposal_scores") return false;
  switch (table) {
    case "audit_events":
    case "import_batches":
      return row["organization_id"] === org;
    case "import_rejects":
      return uploaded(row["batch_id"]);
    case "districts":
    case "schools":
      return CONTRACTS.some((k) => k.d === d && k.v === org);
    case "vendors":
    case "contracts":
      return row["vendor_id"] === org;
    case "statement_reviews":
      return own(CONTRACTS[Number(row["statement_id"]) - 1]?.c);
  }
  if ("contract_id" in row) return own(row["contract_id"]);
  if ("student_id" in row)
    return ENROLLMENTS.some(([ed, ec, es]) => ed === d && es === row["student_id"] && own(ec));
  return undefined;
}

/** The columns that identify a seeded row, for readable differences. */
const KEYS = (
  "district_id vendor_id contract_id student_id school_id batch_id source_line reject_no " +
  "obligation_id evidence_id statement_id review_no version seq rfp_id proposal_id"
).split(" ");
const label = (row: Rec) =>
  KEYS.filter((k) => k in row)
    .map((k) => `${k}=${String(row[k])}`)
    .join(" ");

async function rowsOf(tx: Pick<Db, "query">, table: string): Promise<Rec[]> {
  const rows = await tx.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
  return rows.map((r) => JSON.parse(r.row) as Rec);
}

describe.each(TEST_STORES)("tenant isolation on $name", (store) => {
  let db: Db;
  let tenantTables: string[];
  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    await db.exec(seedSql());
    for (const [org, district] of AUDITED)
      await db.transaction((tx) =>
        appendAudit(tx, auditEvent(org, district), new Date("2025-03-01T12:00:00Z")),
      );
    const tables = await db.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
          AND a.attname = 'district_id' AND NOT a.attisdropped ORDER BY 1`,
    );
    tenantTables = tables.map((t) => t.table);
  });
  afterAll(async () => db.close());

  it("enables row-level security with a policy for accord_app on every table with a district_id", async () => {
    const unguarded = await db.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY ($1::text[])
          AND NOT (c.relrowsecurity AND EXISTS (
                SELECT 1 FROM pg_policies p WHERE p.schemaname = current_schema() AND p.tablename = c.relname
                   AND ('${APP_ROLE}' = ANY (p.roles) OR 'public' = ANY (p.roles))))`,
      [`{${tenantTables.join(",")}}`],
    );
    expect(tenantTables.length).toBeGreaterThan(15);
    expect(unguarded).toEqual([]);
  });

  it("seeds rows of both districts in every tenant table, so a leak would show", async () => {
    const thin: string[] = [];
    for (const table of tenantTables) {
      const rows = await rowsOf(db, table);
      const labels = rows.map(label);
      if (new Set(labels).size !== rows.length) thin.push(`${table}: two rows share a label`);
      for (const d of ["d1", "d2"])
        if (!rows.some((r) => r["district_id"] === d)) thin.push(`${table}: no ${d} row`);
      for (const { name, scope } of SCOPES)
        if (rows.some((r) => mayAccess(table, r, scope) === undefined))
          thin.push(`${table}: no rule for ${name}`);
    }
    expect(thin).toEqual([]);
  });

  it.each(SCOPES)("shows $name exactly the rows of its tenancy, in every tenant table", async ({ scope }) => {
    const wrong: Record<string, { leaked: string[]; hidden: string[] }> = {};
    let seen = 0;
    for (const table of tenantTables) {
      const all = await rowsOf(db, table);
      const expected = all.filter((r) => mayAccess(table, r, scope) === true).map(label);
      const visible = (await actAs(db, scope, (tx) => rowsOf(tx, table))).map(label);
      seen += visible.length;
      const leaked = visible.filter((l) => !expected.includes(l)).sort();
      const hidden = expected.filter((l) => !visible.includes(l)).sort();
      if (leaked.length > 0 || hidden.length > 0) wrong[table] = { leaked, hidden };
    }
    expect(wrong).toEqual({});
    if (scope?.orgKind === "district" || scope?.orgKind === "vendor") expect(seen).toBeGreaterThan(20);
  });

  it("refuses a district's insert into another district, and lets it insert into its own", async () => {
    const insert = (d: string) => (tx: Pick<Db, "query">) =>
      tx.query(
        `INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ($1, 'c9', 'v1', 'x') RETURNING contract_id`,
        [d],
      );
    await expect(actAs(db, D1, insert("d2"))).rejects.toThrow(/row-level security/);
    await expect(
      actAs(db, D1, async (tx) => {
        expect(await insert("d1")(tx)).toEqual([{ contract_id: "c9" }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.query("SELECT 1 FROM contracts WHERE contract_id = 'c9'")).toEqual([]);
  });

  it("changes no row when a vendor updates another vendor's contracts", async () => {
    const updated = await actAs(db, V2, (tx) =>
      tx.query(
        "UPDATE contracts SET title = 'taken' WHERE vendor_id = 'v1' OR contract_id = 'c1' RETURNING contract_id",
      ),
    );
    expect(updated).toEqual([]);
    expect(await db.query("SELECT 1 FROM contracts WHERE title = 'taken'")).toEqual([]);
  });

  const V1: OrgScope = { organizationId: "v1", orgKind: "vendor" };
  /** Runs `sql` as `scope` and rolls back; the rows it changed (0 when the policies hide them). */
  async function changedAs(scope: OrgScope, sql: string): Promise<number | "refused"> {
    try {
      return await actAs(db, scope, async (tx) => {
        const rows = await tx.query(sql);
        throw new RolledBack(rows.length);
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.rows;
      if (/row-level security|permission denied/.test(String(error))) return "refused";
      throw error;
    }
  }

  it.each([
    ["deletes its students' assessment results", "DELETE FROM assessment_results RETURNING 1"],
    ["deletes its contracts' payments", "DELETE FROM payments RETURNING 1"],
    ["marks its contracts' obligations met", "UPDATE obligation_statuses SET status = 'met' RETURNING 1"],
    [
      "adds to its contracts' obligation status history",
      `INSERT INTO obligation_status_history (district_id, contract_id, obligation_id, status, source, batch_id,
                                              source_line, recorded_by, recorded_at)
       VALUES ('d1', 'c1', 'ob1', 'met', 'manual', 2, 1, 'u', now()) RETURNING 1`,
    ],
    ["deletes its contracts' enrollments", "DELETE FROM enrollments RETURNING 1"],
    ["changes its contracts' terms versions", "UPDATE contract_terms_versions SET reason = 'x' RETURNING 1"],
    ["changes the schools of a district it serves", "UPDATE schools SET name = 'x' RETURNING 1"],
    ["deletes its own contract", "DELETE FROM contracts RETURNING 1"],
  ])("lets no vendor write district-owned rows: a vendor never %s", async (_what, sql) => {
    expect([0, "refused"]).toContain(await changedAs(V1, sql));
  });

  it("refuses a vendor's terms version, payment or review written in the district's name", async () => {
    expect(
      await changedAs(
        V1,
        `INSERT INTO contract_terms_versions (district_id, contract_id, version, terms_source, terms_sha256, terms, reason, recorded_by)
         VALUES ('d1', 'c1', 99, '{}', '${"a".repeat(64)}', '{}'::jsonb, 'x', 'x') RETURNING 1`,
      ),
    ).toBe("refused");
    const [statement] = await db.query<{ district_id: string; statement_id: bigint }>(
      "SELECT district_id, statement_id FROM statements WHERE district_id = 'd1' LIMIT 1",
    );
    if (statement === undefined) throw new Error("the seed has no d1 statement");
    expect(
      await changedAs(
        V1,
        `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, organization_id, reviewed_by, reviewed_at)
         VALUES ('d1', ${statement.statement_id}, 99, 'approve', 'd1', 'u', now()) RETURNING 1`,
      ),
    ).toBe("refused");
  });

  it("writes audit entries only in the acting organization's name", async () => {
    const insert = (org: string) =>
      `INSERT INTO audit_events (seq, occurred_at, organization_id, action, object_type, object_id, detail, prev_sha256, entry_sha256)
       VALUES (9999, now(), '${org}', 'x', 'x', 'x', '{}', '${"0".repeat(64)}', '${"0".repeat(64)}') RETURNING 1`;
    expect(await changedAs(V1, insert("d1"))).toBe("refused");
    expect(await changedAs(V1, insert("v1"))).toBe(1);
  });

  // db/migrations/0027: the large tables a district's evidence reads decide its rows by the
  // inlined accord_owns_district first; the rows each organization sees are the cases above.
  it.each([
    ["service_sessions", "tenant"],
    ["session_rollups", "tenant"],
    ["enrollments", "read"],
    ["students", "read"],
    ["assessment_results", "read"],
  ])("reads %s as a district without the per-row call of policy %s", async (table, policy) => {
    const [found] = await db.query<{ qual: string }>(
      "SELECT qual FROM pg_policies WHERE schemaname = current_schema() AND tablename = $1 AND policyname = $2",
      [table, policy],
    );
    expect(found?.qual).toMatch(
      /^\(?accord_owns_district\(district_id\) OR accord_sees_(contract|student)\(/,
    );
  });

  it("still lets a vendor write its own contracts' sessions and rollups, and no other's", async () => {
    const session = (c: string, line: number) =>
      `INSERT INTO service_sessions (district_id, batch_id, source_line, session_id, contract_id, student_id, session_date, minutes)
         VALUES ('d1', ${vendorBatch("d1", "v1")}, ${line}, 'y', '${c}', 's1', '2024-09-20', 30) RETURNING 1`;
    const mine = CONTRACTS.find((k) => k.d === "d1" && k.v === "v1")?.c;
    const theirs = CONTRACTS.find((k) => k.d === "d1" && k.v !== "v1")?.c;
    expect(mine).toBeDefined();
    expect(theirs).toBeDefined();
    expect(await changedAs(V1, session(String(mine), 901))).toBe(1);
    expect(await changedAs(V1, session(String(theirs), 902))).toBe("refused");
    expect(await changedAs(V1, "DELETE FROM session_rollups RETURNING 1")).toBe(
      ENROLLMENTS.filter(([d, c]) => vendorOf(d, c) === "v1").length,
    );
  });

  it("works as accord_app, a role that is no superuser and cannot bypass row-level security", async () => {
    const [me] = await actAs(db, D1, (tx) => tx.query("SELECT current_user AS name"));
    expect(me).toEqual({ name: APP_ROLE });
    const [after] = await db.query<{ name: string }>("SELECT current_user AS name");
    expect(after?.name).not.toBe(APP_ROLE);
    const roles = await db.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [
      APP_ROLE,
    ]);
    expect(roles).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });
});

class RolledBack extends Error {
  constructor(readonly rows: number) {
    super("rolled back");
  }
}
