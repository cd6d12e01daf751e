/**
 * Objects of the matrix's world, written as their owner: import batches with a reject
 * each, students enrolled in a contract, API tokens, a spare member, evidence files (all
 * below row-level security, as the store's owner), and statements issued through the API
 * by the district's administrator. And a digest of all that organizations own, to show
 * that refused requests changed nothing.
 */
import { randomUUID } from "node:crypto";
import type { Role } from "../../src/app/auth/roles.js";
import { addMembership, createUser } from "../../src/app/auth/create-account.js";
import { emailOf, signInAs, type ApiWorld } from "./harness.js";

async function one<T>(world: ApiWorld, sql: string, params: readonly (string | number)[]): Promise<T> {
  const [row] = await world.db.query(sql, params);
  if (row === undefined) throw new Error(`no row from ${sql}`);
  return Object.values(row)[0] as T;
}

export async function batch(
  world: ApiWorld,
  districtId: string,
  orgId: string,
  file: string,
  format: string,
) {
  const sha = Buffer.from(file.padEnd(32, "-")).toString("hex").slice(0, 64);
  return String(
    await one<bigint>(
      world,
      `INSERT INTO import_batches (district_id, file_name, file_sha256, format, imported_by, organization_id, rows_rejected)
       VALUES ($1, $2, $3, $4, 'matrix', $5, 1) RETURNING batch_id`,
      [districtId, file, sha, format, orgId],
    ),
  );
}

/** Students of a contract (grade 5: eligible under the seeded terms), enrolled, with one reject naming one. */
export async function students(world: ApiWorld, districtId: string, contractId: string, batchId: string) {
  const prefix = `${districtId.toUpperCase()}STU-${contractId.toUpperCase()}`;
  await world.db.query(
    `INSERT INTO schools (district_id, school_id, name, batch_id, source_line) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT DO NOTHING`,
    [districtId, `sch-${districtId}`, `School of ${districtId}`, batchId],
  );
  for (let n = 1; n <= 3; n++) {
    const studentId = `${prefix}-000${n}`;
    await world.db.query(
      `INSERT INTO students (district_id, student_id, school_id, grade, batch_id, source_line)
       VALUES ($1, $2, $3, '5', $4, $5)`,
      [districtId, studentId, `sch-${districtId}`, batchId, n + 1],
    );
    await world.db.query(
      `INSERT INTO enrollments (district_id, contract_id, student_id, enrolled_on, batch_id, source_line)
       VALUES ($1, $2, $3, '2024-09-10', $4, $5)`,
      [districtId, contractId, studentId, batchId, n + 1],
    );
  }
  return `${prefix}-0001`;
}

export async function reject(world: ApiWorld, districtId: string, batchId: string, studentId: string) {
  await world.db.query(
    `INSERT INTO import_rejects (district_id, batch_id, reject_no, source_line, column_no, code, message, source_record)
     VALUES ($1, $2, 1, 9, 1, 'unknown-student', 'matrix reject', $3::jsonb)`,
    [districtId, batchId, JSON.stringify([`${studentId}-REJECTED`, "5"])],
  );
}

export async function token(world: ApiWorld, orgId: string, role: Role): Promise<string> {
  const tokenId = randomUUID();
  const createdBy = await one<string>(world, "SELECT user_id FROM users WHERE email = $1", [
    emailOf(role, orgId),
  ]);
  await world.db.query(
    `INSERT INTO api_tokens (token_id, token_sha256, organization_id, role, name, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [tokenId, randomUUID().replaceAll("-", "").repeat(2), orgId, role, `token-of-${orgId}`, createdBy],
  );
  return tokenId;
}

export async function spareMember(world: ApiWorld, orgId: string, role: Role): Promise<string> {
  return world.db.transaction(async (tx) => {
    const userId = await createUser(tx, {
      email: `spare@${orgId}.test`,
      displayName: `spare of ${orgId}`,
      passwordHash: null,
    });
    await addMembership(tx, userId, orgId, role);
    return userId;
  });
}

export async function evidence(world: ApiWorld, districtId: string, contractId: string): Promise<string> {
  const content = Buffer.from(`evidence-${districtId}-${contractId}`);
  return String(
    await one<bigint>(
      world,
      `INSERT INTO obligation_evidence (district_id, contract_id, obligation_id, file_name, media_type, size_bytes,
                                        content_sha256, content, uploaded_by, uploaded_at)
       VALUES ($1, $2, 'same-tutor', $3, 'text/plain', $4, $5, decode($6, 'hex'), 'matrix', now())
       RETURNING evidence_id`,
      [
        districtId,
        contractId,
        `evidence-${districtId}-${contractId}.txt`,
        content.length,
        "0".repeat(64),
        content.toString("hex"),
      ],
    ),
  );
}

/** An interim statement of the contract, issued through the API by the district's administrator. */
export async function statement(world: ApiWorld, districtId: string, contractId: string): Promise<string> {
  const admin = await signInAs(world, "district_admin", districtId);
  const response = await admin.request(
    "POST",
    `/api/districts/${districtId}/contracts/${contractId}/statements`,
    { kind: "interim" },
    { "idempotency-key": randomUUID() },
  );
  if (response.status !== 201)
    throw new Error(`statement of ${districtId}/${contractId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { statement: { statementId: string } }).statement.statementId;
}

/** What organizations own (sessions, sign-in failures, idempotency claims and the audit log aside). */
const OWNED_TABLES = [
  "organizations",
  "users",
  "memberships",
  "api_tokens",
  "contracts",
  "contract_terms_versions",
  "vendors",
  "statements",
  "statement_reviews",
  "payments",
  "invoices",
  "funding_sources",
  "ledger_entries",
  "import_batches",
  "import_rejects",
  "schools",
  "students",
  "enrollments",
  "service_sessions",
  "obligation_statuses",
  "rfps",
  "proposals",
  "proposal_scores",
  "obligation_evidence",
  "obligation_plans",
  "obligation_status_history",
  "check_in_schedules",
  "check_ins",
  "check_in_notes",
  "check_in_action_items",
  "check_in_action_item_events",
];

export async function digest(world: ApiWorld): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of OWNED_TABLES) {
    const [row] = await world.db.query<{ rows: bigint; md5: string | null }>(
      `SELECT count(*) AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${table} t`,
    );
    out[table] = `${row?.rows ?? 0} ${row?.md5 ?? ""}`;
  }
  return out;
}
