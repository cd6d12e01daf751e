/**
 * The audit log as an organization reads it (row-level security: its own entries, and a
 * district's entries about the district), newest first, filtered by actor, object and
 * time. Reading the log is itself not logged: it holds no student data.
 */
import type { SqlRunner } from "../ports/db.js";
import { auditEntry, type AuditEntry } from "../audit-log.js";

export interface AuditFilter {
  readonly actorUserId: string | null;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly action: string | null;
  /** Inclusive lower and exclusive upper bounds (ISO timestamps), or null. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  /** The display names of the users acting in `items`, by user id. */
  readonly actorNames: ReadonlyMap<string, string>;
  /** The seq to continue below, when more may follow. */
  readonly nextBefore: bigint | null;
}

export async function listAuditEvents(
  tx: SqlRunner,
  filter: AuditFilter,
  page: { readonly before: bigint | null; readonly limit: number },
): Promise<AuditPage> {
  const rows = await tx.query<Parameters<typeof auditEntry>[0]>(
    `SELECT seq, occurred_at, actor_user_id, actor_token_id, organization_id, district_id, action,
            object_type, object_id, detail, prev_sha256, entry_sha256
       FROM audit_events
      WHERE ($1::bigint IS NULL OR seq < $1)
        AND ($2::text IS NULL OR actor_user_id = $2)
        AND ($3::text IS NULL OR object_type = $3)
        AND ($4::text IS NULL OR object_id = $4)
        AND ($5::text IS NULL OR action = $5)
        AND ($6::timestamptz IS NULL OR occurred_at >= $6)
        AND ($7::timestamptz IS NULL OR occurred_at < $7)
      ORDER BY seq DESC
      LIMIT ${page.limit + 1}`,
    [
      page.before,
      filter.actorUserId,
      filter.objectType,
      filter.objectId,
      filter.action,
      filter.from,
      filter.to,
    ],
  );
  const items = rows.slice(0, page.limit).map(auditEntry);
  const actors = [...new Set(items.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId])))];
  const names =
    actors.length === 0
      ? []
      : await tx.query<{ user_id: string; display_name: string }>(
          "SELECT user_id, display_name FROM users WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb))",
          [JSON.stringify(actors)],
        );
  const last = items.at(-1);
  return {
    items,
    actorNames: new Map(names.map((n) => [n.user_id, n.display_name])),
    nextBefore: rows.length > page.limit && last !== undefined ? last.seq : null,
  };
}
