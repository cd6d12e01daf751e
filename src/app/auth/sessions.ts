/**
 * Browser sessions kept on the server. The cookie holds a random token; the store keeps
 * only its SHA-256, so a copy of the database opens no session. A session ends when it
 * has been idle longer than the idle timeout, when it is older than the absolute timeout,
 * or at sign-out. Administrators whose account has a second factor enrolled must give a
 * TOTP code before the session can do anything else, and those without one enrolled must
 * enrol one first: until then the session can only do that (or sign out).
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { storedTime } from "../ports/clock.js";
import { actAs, type OrgKind } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import type { Actor } from "./actor.js";
import { ADMIN_ROLES, isRole, type Role } from "./roles.js";
import { newSecret, sha256Hex } from "./secrets.js";

export interface SessionRules {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION_RULES: SessionRules = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** last_seen_at is written at most this often, so reads do not each write. */
const TOUCH_AFTER_MS = 60_000;

export interface NewSession {
  /** The cookie value (shown once; the store keeps its hash). */
  readonly token: string;
  readonly actor: Actor;
  /** True when the account must give a TOTP code before anything else. */
  readonly needsSecondFactor: boolean;
  /** True when the account is an administrator's without a second factor enrolled yet. */
  readonly mustEnrollSecondFactor: boolean;
}

interface MembershipRow {
  organization_id: string;
  kind: OrgKind;
  role: string;
  totp_enabled_at: string | null;
  [column: string]: unknown;
}

/** The memberships of a user, first the one asked for. */
async function memberships(tx: SqlRunner, userId: string): Promise<MembershipRow[]> {
  return tx.query<MembershipRow>(
    `SELECT m.organization_id, o.kind, m.role, u.totp_enabled_at
       FROM memberships m JOIN organizations o USING (organization_id) JOIN users u USING (user_id)
      WHERE m.user_id = $1 ORDER BY m.created_at, m.organization_id`,
    [userId],
  );
}

/** Opens a session for a user whose credentials were checked; null when the user has no such membership. */
export async function createSession(
  deps: { readonly db: Db; readonly clock: Clock },
  userId: string,
  organizationId: string | null,
  method: "password" | "oidc",
): Promise<NewSession | null> {
  const now = deps.clock.now();
  return actAs(deps.db, null, async (tx) => {
    const all = await memberships(tx, userId);
    const chosen = organizationId === null ? all[0] : all.find((m) => m.organization_id === organizationId);
    if (chosen === undefined || !isRole(chosen.role)) return null;
    const role: Role = chosen.role;
    const admin = ADMIN_ROLES.includes(role);
    const needsSecondFactor = admin && chosen.totp_enabled_at !== null;
    const token = newSecret();
    const csrfToken = newSecret();
    const sha256 = sha256Hex(token);
    await tx.query(
      `INSERT INTO auth_sessions (session_sha256, user_id, organization_id, csrf_token, second_factor_done,
                                  created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [sha256, userId, chosen.organization_id, csrfToken, !admin, storedTime(now)],
    );
    await appendAudit(
      tx,
      {
        actorUserId: userId,
        actorTokenId: null,
        organizationId: chosen.organization_id,
        districtId: chosen.kind === "district" ? chosen.organization_id : null,
        action: "session.sign-in",
        objectType: "session",
        objectId: sha256.slice(0, 16),
        detail: { method, role },
      },
      now,
    );
    return {
      token,
      needsSecondFactor,
      mustEnrollSecondFactor: admin && chosen.totp_enabled_at === null,
      actor: {
        userId,
        tokenId: null,
        organizationId: chosen.organization_id,
        orgKind: chosen.kind,
        role,
        session: { sha256, csrfToken, secondFactorDone: !admin },
      },
    };
  });
}

interface SessionRow {
  user_id: string;
  organization_id: string;
  kind: OrgKind;
  role: string;
  csrf_token: string;
  second_factor_done: boolean;
  created_at: string;
  last_seen_at: string;
  [column: string]: unknown;
}

/** The actor of a session cookie, or null when the session is unknown, ended or timed out. */
export async function resolveSession(
  deps: { readonly db: Db; readonly clock: Clock; readonly rules: SessionRules },
  token: string,
): Promise<Actor | null> {
  const sha256 = sha256Hex(token);
  const now = deps.clock.now().getTime();
  // One statement outside a transaction: auth_sessions and the tables it joins are
  // platform tables without row-level security, and this runs on every request (a
  // transaction with the role switch would cost four more round trips).
  const db = deps.db;
  const [row] = await db.query<SessionRow>(
    `SELECT s.user_id, s.organization_id, o.kind, m.role, s.csrf_token, s.second_factor_done,
            s.created_at, s.last_seen_at
       FROM auth_sessions s
       JOIN users u ON u.user_id = s.user_id AND u.disabled_at IS NULL
       JOIN memberships m ON m.user_id = s.user_id AND m.organization_id = s.organization_id
       JOIN organizations o ON o.organization_id = s.organization_id
      WHERE s.session_sha256 = $1 AND s.ended_at IS NULL`,
    [sha256],
  );
  if (row === undefined || !isRole(row.role)) return null;
  const lastSeen = Date.parse(row.last_seen_at);
  if (now - lastSeen > deps.rules.idleMs || now - Date.parse(row.created_at) > deps.rules.absoluteMs) {
    await db.query("UPDATE auth_sessions SET ended_at = $2 WHERE session_sha256 = $1", [
      sha256,
      storedTime(new Date(now)),
    ]);
    return null;
  }
  if (now - lastSeen > TOUCH_AFTER_MS)
    await db.query("UPDATE auth_sessions SET last_seen_at = $2 WHERE session_sha256 = $1", [
      sha256,
      storedTime(new Date(now)),
    ]);
  return {
    userId: row.user_id,
    tokenId: null,
    organizationId: row.organization_id,
    orgKind: row.kind,
    role: row.role,
    session: { sha256, csrfToken: row.csrf_token, secondFactorDone: row.second_factor_done },
  };
}

/** Ends a session (sign-out). */
export async function endSession(
  deps: { readonly db: Db; readonly clock: Clock },
  actor: Actor,
): Promise<void> {
  const session = actor.session;
  if (session === null) return;
  const now = deps.clock.now();
  await actAs(deps.db, null, async (tx) => {
    await tx.query("UPDATE auth_sessions SET ended_at = $2 WHERE session_sha256 = $1 AND ended_at IS NULL", [
      session.sha256,
      storedTime(now),
    ]);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorTokenId: null,
        organizationId: actor.organizationId,
        districtId: actor.orgKind === "district" ? actor.organizationId : null,
        action: "session.sign-out",
        objectType: "session",
        objectId: session.sha256.slice(0, 16),
        detail: {},
      },
      now,
    );
  });
}
