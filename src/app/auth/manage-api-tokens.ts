/**
 * An organization's API tokens: created by a person of the organization (the store
 * records who), for one role of the organization's kind, optionally until a date; listed
 * without their secrets; revoked. A token may revoke itself (an integration that finds
 * its token leaked), but only a person creates tokens or revokes another one, so a
 * leaked token cannot mint a successor.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { storedTime } from "../ports/clock.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { dayNumber, type IsoDate } from "../../core/date.js";
import { actorScope, type Actor } from "./actor.js";
import { actorAudit } from "./actor-audit.js";
import { newApiToken } from "./api-tokens.js";
import { ROLE_ORG_KIND, type Role } from "./roles.js";

const DAY_MS = 86_400_000;

export interface ApiTokenSummary {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/** The role a token gets when none is asked for: what an integration of that kind of organization does. */
export function defaultTokenRole(actor: Actor): Role {
  return actor.orgKind === "vendor" ? "vendor_user" : "district_analyst";
}

/** Whether a token of the actor's organization may have `role` (one of the organization's kind). */
export function tokenRoleAllowed(actor: Actor, role: Role): boolean {
  return role !== "platform_admin" && ROLE_ORG_KIND[role] === actor.orgKind;
}

export type CreateTokenResult =
  | { readonly kind: "role-not-allowed" }
  | { readonly kind: "expiry-past" }
  | { readonly kind: "created"; readonly token: string; readonly summary: ApiTokenSummary };

export async function createApiToken(
  deps: { readonly db: Db; readonly clock: Clock },
  actor: Actor & { readonly userId: string },
  request: { readonly name: string; readonly role: Role | null; readonly expiresOn: IsoDate | null },
): Promise<CreateTokenResult> {
  const role = request.role ?? defaultTokenRole(actor);
  if (!tokenRoleAllowed(actor, role)) return { kind: "role-not-allowed" };
  const now = deps.clock.now();
  // A token is good through the whole of its last day (UTC).
  const expiresAt =
    request.expiresOn === null ? null : storedTime(new Date((dayNumber(request.expiresOn) + 1) * DAY_MS));
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) return { kind: "expiry-past" };
  const { token, sha256 } = newApiToken();
  const summary: ApiTokenSummary = {
    tokenId: randomUUID(),
    name: request.name,
    role,
    createdBy: actor.userId,
    createdAt: storedTime(now),
    expiresAt,
    revokedAt: null,
    lastUsedAt: null,
  };
  await actAs(deps.db, actorScope(actor), async (tx) => {
    await tx.query(
      `INSERT INTO api_tokens (token_id, token_sha256, organization_id, role, name, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        summary.tokenId,
        sha256,
        actor.organizationId,
        role,
        summary.name,
        actor.userId,
        summary.createdAt,
        expiresAt,
      ],
    );
    await appendAudit(
      tx,
      actorAudit(actor, "api-token.create", { type: "api-token", id: summary.tokenId }, { role, expiresAt }),
      now,
    );
  });
  return { kind: "created", token, summary };
}

interface TokenRow {
  token_id: string;
  name: string;
  role: Role;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  [column: string]: unknown;
}

/** The organization's tokens, oldest first, revoked and expired ones included. */
export async function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenSummary[]> {
  const rows = await actAs(db, actorScope(actor), (tx) =>
    tx.query<TokenRow>(
      `SELECT token_id, name, role, created_by, created_at, expires_at, revoked_at, last_used_at
         FROM api_tokens WHERE organization_id = $1 ORDER BY created_at, token_id`,
      [actor.organizationId],
    ),
  );
  return rows.map((r) => ({
    tokenId: r.token_id,
    name: r.name,
    role: r.role,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}

export type RevokeTokenResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "not-own-token" }
  | { readonly kind: "revoked" }
  | { readonly kind: "already-revoked" };

export async function revokeApiToken(
  deps: { readonly db: Db; readonly clock: Clock },
  actor: Actor,
  tokenId: string,
): Promise<RevokeTokenResult> {
  const now = deps.clock.now();
  return actAs(deps.db, actorScope(actor), async (tx) => {
    const [row] = await tx.query<{ revoked_at: string | null }>(
      "SELECT revoked_at FROM api_tokens WHERE token_id = $1 AND organization_id = $2 FOR UPDATE",
      [tokenId, actor.organizationId],
    );
    if (row === undefined) return { kind: "not-found" };
    if (actor.tokenId !== null && actor.tokenId !== tokenId) return { kind: "not-own-token" };
    if (row.revoked_at !== null) return { kind: "already-revoked" };
    await tx.query("UPDATE api_tokens SET revoked_at = $2 WHERE token_id = $1", [tokenId, storedTime(now)]);
    await appendAudit(tx, actorAudit(actor, "api-token.revoke", { type: "api-token", id: tokenId }), now);
    return { kind: "revoked" };
  });
}
