/**
 * API tokens for integrations (a vendor's system pushing session logs): scoped to one
 * organization and role, hashed at rest, revocable, optionally expiring. The token is
 * `acc_` + a random secret, shown once when created.
 */
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { storedTime } from "../ports/clock.js";
import type { OrgKind } from "../act-as.js";
import type { Actor } from "./actor.js";
import { isRole } from "./roles.js";
import { newSecret, sha256Hex } from "./secrets.js";

export const TOKEN_PREFIX = "acc_";

export function newApiToken(): { readonly token: string; readonly sha256: string } {
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  return { token, sha256: sha256Hex(token) };
}

/** The actor of a bearer token, or null when it is unknown, revoked or expired. */
export async function resolveApiToken(
  deps: { readonly db: Db; readonly clock: Clock },
  token: string,
): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = storedTime(deps.clock.now());
  // One statement outside a transaction, as for sessions: api_tokens has no row-level security.
  const [row] = await deps.db.query<{
    token_id: string;
    organization_id: string;
    kind: OrgKind;
    role: string;
    created_by: string;
  }>(
    `SELECT t.token_id, t.organization_id, o.kind, t.role, t.created_by
         FROM api_tokens t JOIN organizations o USING (organization_id)
        WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
    [sha256Hex(token), now],
  );
  if (row === undefined || !isRole(row.role)) return null;
  // Written at most once a minute, so an integration's every request does not write.
  await deps.db.query(
    `UPDATE api_tokens SET last_used_at = $2
      WHERE token_id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [row.token_id, now],
  );
  return {
    userId: null,
    tokenId: row.token_id,
    organizationId: row.organization_id,
    orgKind: row.kind,
    role: row.role,
    session: null,
  };
}
