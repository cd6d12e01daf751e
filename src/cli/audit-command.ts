/**
 * `accord audit verify` checks the hash chain of the audit log; `accord audit list` shows
 * its latest entries. Both run as the database owner (the operator's tool), so they read
 * every organization's entries, which is what a verification of the whole chain needs.
 */
import { parseArgs } from "node:util";
import { auditEntry, verifyAuditChain, type AuditEntry } from "../app/audit-log.js";
import type { Db } from "../app/ports/db.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say } from "./io.js";
import { withStore, type Env } from "./store.js";
import { textTable } from "../shared/text-table.js";

export const AUDIT_HELP = `Usage: accord audit verify
       accord audit list [--organization ID] [--limit N]

verify  checks every entry of the audit log against its hash and its link to the entry
        before it, and the chain head against the last entry. Exits 0 when the chain
        holds, 2 (naming the first entry that does not) when it does not.
list    shows the last N entries (default 20), oldest first; with --organization, only
        the entries of that organization.
`;

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 10_000;

export async function auditCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      organization: { type: "string" },
      limit: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(AUDIT_HELP);
    return EXIT_OK;
  }
  const [action, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  if (action === "verify") {
    if (values.organization !== undefined || values.limit !== undefined)
      throw new UsageError("audit verify checks the whole log: it takes no --organization or --limit");
    return verify(env);
  }
  if (action === "list") return list(env, organizationOption(values.organization), limitOption(values.limit));
  throw new UsageError("the audit command is: accord audit verify, or accord audit list");
}

async function verify(env: Env): Promise<number> {
  const verdict = await withStore(env, (db) => verifyAuditChain(db));
  if (!verdict.ok) {
    say(`audit log: entry ${verdict.seq} does not hold: ${verdict.reason}`);
    return EXIT_INVALID;
  }
  process.stdout.write(`audit log: ${verdict.entries} entries, chain intact\n`);
  return EXIT_OK;
}

async function list(env: Env, organizationId: string | null, limit: number): Promise<number> {
  const entries = await withStore(env, (db) => latestEntries(db, organizationId, limit));
  const table = [
    ["seq", "occurred_at", "organization", "district", "actor", "action", "object", "detail"],
    ...entries.map((e) => [
      String(e.seq),
      e.occurredAt,
      e.organizationId ?? "-",
      e.districtId ?? "-",
      actor(e),
      e.action,
      `${e.objectType} ${e.objectId}`,
      e.detail,
    ]),
  ];
  process.stdout.write(`${textTable(table)}\n`);
  return EXIT_OK;
}

/**
 * The last `limit` entries, oldest first (read like the end of a log). The query is here
 * rather than in src/app because it is a plain read for the operator, with no rule to keep.
 */
async function latestEntries(db: Db, organizationId: string | null, limit: number): Promise<AuditEntry[]> {
  const rows = await db.query<Parameters<typeof auditEntry>[0]>(
    `SELECT seq, occurred_at, actor_user_id, actor_token_id, organization_id, district_id, action,
            object_type, object_id, detail, prev_sha256, entry_sha256
       FROM audit_events WHERE $1::text IS NULL OR organization_id = $1
      ORDER BY seq DESC LIMIT $2`,
    [organizationId, limit],
  );
  return rows.map(auditEntry).reverse();
}

function actor(e: AuditEntry): string {
  if (e.actorUserId !== null) return `user ${e.actorUserId}`;
  if (e.actorTokenId !== null) return `token ${e.actorTokenId}`;
  return "-";
}

function organizationOption(value: string | undefined): string | null {
  if (value === undefined) return null;
  const id = value.trim();
  if (id === "") throw new UsageError("--organization needs an organization id");
  return id;
}

function limitOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT)
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return Number(value);
}
