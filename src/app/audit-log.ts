/**
 * The audit log: every write, sign-in, export and read of student-level data appends one
 * entry. Entries are hash-chained: each entry's SHA-256 covers the previous entry's hash
 * and every field of its own, so changing, removing or reordering any entry breaks the
 * chain from that entry on, and `verifyAuditChain` names the first one that does not hold.
 * Appends lock the chain head (audit_chain_head) so entries chain in commit order; an
 * append is part of the transaction of what it records, so a rolled-back write leaves
 * no entry and an entry never describes a write that did not happen.
 */
import { createHash } from "node:crypto";
import type { SqlRunner } from "./ports/db.js";
import { storedTime } from "./ports/clock.js";

export interface AuditEvent {
  readonly actorUserId: string | null;
  readonly actorTokenId: string | null;
  readonly organizationId: string | null;
  readonly districtId: string | null;
  /** What happened, as `object.verb`: `contract.create`, `session.sign-in`, `students.read`. */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  /** Facts about the event (ids, counts), never personal values such as names. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  readonly seq: bigint;
  readonly occurredAt: string;
  readonly actorUserId: string | null;
  readonly actorTokenId: string | null;
  readonly organizationId: string | null;
  readonly districtId: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  /** The detail as stored (JSON text). */
  readonly detail: string;
  readonly prevSha256: string;
  readonly entrySha256: string;
}

export const GENESIS_SHA256 = "0".repeat(64);

/** An entry's own fields after its number, in the order the hash and the table take them. */
function contentFields(entry: Omit<AuditEntry, "entrySha256" | "prevSha256" | "seq">): (string | null)[] {
  return [
    entry.occurredAt,
    entry.actorUserId,
    entry.actorTokenId,
    entry.organizationId,
    entry.districtId,
    entry.action,
    entry.objectType,
    entry.objectId,
    entry.detail,
  ];
}

/** The hash of an entry: SHA-256 (hex) of a JSON array of the previous hash and the entry's fields. */
export function entryHash(entry: Omit<AuditEntry, "entrySha256">): string {
  const fields = [entry.prevSha256, entry.seq.toString(), ...contentFields(entry)];
  return createHash("sha256").update(JSON.stringify(fields), "utf8").digest("hex");
}

/** Appends `event` at `at` in the caller's transaction; returns the entry written. */
export async function appendAudit(tx: SqlRunner, event: AuditEvent, at: Date): Promise<AuditEntry> {
  const [head] = await tx.query<{ last_seq: bigint; last_sha256: string }>(
    "SELECT last_seq, last_sha256 FROM audit_chain_head FOR UPDATE",
  );
  if (head === undefined) throw new Error("the audit chain head is missing");
  const unhashed = {
    seq: head.last_seq + 1n,
    occurredAt: storedTime(at),
    actorUserId: event.actorUserId,
    actorTokenId: event.actorTokenId,
    organizationId: event.organizationId,
    districtId: event.districtId,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    detail: JSON.stringify(event.detail),
    prevSha256: head.last_sha256,
  };
  const entry: AuditEntry = { ...unhashed, entrySha256: entryHash(unhashed) };
  await tx.query(
    `INSERT INTO audit_events (seq, occurred_at, actor_user_id, actor_token_id, organization_id, district_id,
                               action, object_type, object_id, detail, prev_sha256, entry_sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [entry.seq, ...contentFields(entry), entry.prevSha256, entry.entrySha256],
  );
  await tx.query("UPDATE audit_chain_head SET last_seq = $1, last_sha256 = $2", [
    entry.seq,
    entry.entrySha256,
  ]);
  return entry;
}

type AuditRow = {
  seq: bigint;
  occurred_at: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  organization_id: string | null;
  district_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  detail: string;
  prev_sha256: string;
  entry_sha256: string;
};

export function auditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorTokenId: row.actor_token_id,
    organizationId: row.organization_id,
    districtId: row.district_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    detail: row.detail,
    prevSha256: row.prev_sha256,
    entrySha256: row.entry_sha256,
  };
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: bigint }
  | { readonly ok: false; readonly seq: bigint; readonly reason: string };

const PAGE = 5000;

/**
 * Checks the whole chain in order (run by the database owner: it reads every
 * organization's entries). The first entry whose number, link or hash does not hold is
 * reported; so is a head that does not point at the last entry (entries cut off the end).
 */
export async function verifyAuditChain(db: SqlRunner): Promise<ChainVerdict> {
  let prev = GENESIS_SHA256;
  let expected = 1n;
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT seq, occurred_at, actor_user_id, actor_token_id, organization_id, district_id, action,
              object_type, object_id, detail, prev_sha256, entry_sha256
         FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT ${PAGE}`,
      [expected],
    );
    for (const row of rows) {
      const entry = auditEntry(row);
      if (entry.seq !== expected)
        return { ok: false, seq: expected, reason: `entry ${expected} is missing (next is ${entry.seq})` };
      if (entry.prevSha256 !== prev)
        return { ok: false, seq: entry.seq, reason: "its link to the previous entry does not match" };
      if (entryHash(entry) !== entry.entrySha256)
        return { ok: false, seq: entry.seq, reason: "its content does not match its hash" };
      prev = entry.entrySha256;
      expected += 1n;
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await db.query<{ last_seq: bigint; last_sha256: string }>(
    "SELECT last_seq, last_sha256 FROM audit_chain_head",
  );
  if (head === undefined || head.last_seq !== expected - 1n || head.last_sha256 !== prev)
    return {
      ok: false,
      seq: expected,
      reason: `the chain head names entry ${head?.last_seq ?? "none"}, but the log ends at ${expected - 1n}`,
    };
  return { ok: true, entries: expected - 1n };
}
