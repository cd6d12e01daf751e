/**
 * The members of an organization, as its administrator manages them. Adding an e-mail
 * without an account creates the account with no password and mails a link to set one
 * (a password-reset token that lives longer, since an invitation is not always read
 * within the hour); adding an e-mail that has an account gives that account a membership.
 * Removing a member ends their sessions in the organization; the last administrator
 * cannot be removed, or nobody could manage the organization again.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { actAs, type OrgScope } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { actorScope, type Actor } from "./actor.js";
import { actorAudit } from "./actor-audit.js";
import { addMembership, createUser } from "./create-account.js";
import { endUserSessions } from "./end-sessions.js";
import { issueResetToken, resetLink, type AccountMail } from "./password-reset.js";
import { ROLE_ORG_KIND, type Role } from "./roles.js";

export const INVITATION_TTL_MS = 72 * 3_600_000;

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly memberSince: string;
  readonly secondFactorEnrolled: boolean;
  readonly passwordSet: boolean;
}

const MEMBER_SQL = `SELECT u.user_id, u.email, u.display_name, m.role, m.created_at, u.totp_enabled_at, u.password_hash
                      FROM memberships m JOIN users u USING (user_id) WHERE m.organization_id = $1`;

interface MemberRow {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  created_at: string;
  totp_enabled_at: string | null;
  password_hash: string | null;
  [column: string]: unknown;
}

function member(row: MemberRow): Member {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    memberSince: row.created_at,
    secondFactorEnrolled: row.totp_enabled_at !== null,
    passwordSet: row.password_hash !== null,
  };
}

export async function listMembers(db: Db, actor: Actor): Promise<Member[]> {
  const rows = await actAs(db, actorScope(actor), (tx) =>
    tx.query<MemberRow>(`${MEMBER_SQL} ORDER BY u.email`, [actor.organizationId]),
  );
  return rows.map(member);
}

export type AddMemberResult =
  | { readonly kind: "role-not-allowed" }
  | { readonly kind: "already-member" }
  | { readonly kind: "account-disabled" }
  | {
      readonly kind: "added";
      readonly member: Member;
      readonly accountCreated: boolean;
      readonly mail: AccountMail | null;
    };

async function invitation(
  tx: SqlRunner,
  userId: string,
  email: string,
  orgName: string,
  publicUrl: string,
  now: Date,
) {
  const token = await issueResetToken(tx, userId, now, INVITATION_TTL_MS);
  const text =
    `You have been given access to ${orgName} in Accord.\n\n` +
    `Open this link within 3 days to choose your password:\n${resetLink(publicUrl, token)}\n\n` +
    `If you did not expect this, ignore this mail.\n`;
  return { userId, message: { to: email, subject: "Your Accord account", text } };
}

export interface NewMember {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

/**
 * Adds a member to `target` (the actor's own organization, or, for a platform
 * administrator, the organization just created), in the caller's transaction.
 */
export async function addMemberIn(
  tx: SqlRunner,
  deps: { readonly clock: Clock; readonly publicUrl: string },
  actor: Actor,
  target: OrgScope,
  request: NewMember,
): Promise<AddMemberResult> {
  if (request.role === "platform_admin" || ROLE_ORG_KIND[request.role] !== target.orgKind)
    return { kind: "role-not-allowed" };
  const email = request.email.trim().toLowerCase();
  const now = deps.clock.now();
  // The district's own log shows who was let in, whoever did it.
  const audit = (action: string, userId: string, detail: Record<string, unknown> = {}) => ({
    ...actorAudit(
      actor,
      action,
      { type: "user", id: userId },
      { ...detail, organizationId: target.organizationId },
    ),
    districtId: target.orgKind === "district" ? target.organizationId : null,
  });
  const [existing] = await tx.query<{ user_id: string; disabled_at: string | null; invitable: boolean }>(
    `SELECT user_id, disabled_at, (password_hash IS NULL AND oidc_subject IS NULL) AS invitable
       FROM users WHERE email = $1 FOR UPDATE`,
    [email],
  );
  if (existing !== undefined && existing.disabled_at !== null) return { kind: "account-disabled" };
  const [org] = await tx.query<{ name: string }>(
    "SELECT name FROM organizations WHERE organization_id = $1",
    [target.organizationId],
  );
  if (org === undefined) throw new Error(`organization ${target.organizationId} is missing`);
  let userId = existing?.user_id;
  if (userId !== undefined) {
    const already = await tx.query("SELECT 1 FROM memberships WHERE user_id = $1 AND organization_id = $2", [
      userId,
      target.organizationId,
    ]);
    if (already.length > 0) return { kind: "already-member" };
  } else {
    userId = await createUser(tx, { email, displayName: request.displayName, passwordHash: null });
    await appendAudit(tx, audit("user.create", userId), now);
  }
  await addMembership(tx, userId, target.organizationId, request.role);
  await appendAudit(tx, audit("membership.add", userId, { role: request.role }), now);
  const invite = existing === undefined || existing.invitable;
  const mail = invite ? await invitation(tx, userId, email, org.name, deps.publicUrl, now) : null;
  const [row] = await tx.query<MemberRow>(`${MEMBER_SQL} AND m.user_id = $2`, [
    target.organizationId,
    userId,
  ]);
  if (row === undefined) throw new Error("the membership just added is missing");
  return { kind: "added", member: member(row), accountCreated: existing === undefined, mail };
}

/** Adds a member to the actor's own organization. */
export async function addMember(
  deps: { readonly db: Db; readonly clock: Clock; readonly publicUrl: string },
  actor: Actor,
  request: NewMember,
): Promise<AddMemberResult> {
  return actAs(deps.db, actorScope(actor), (tx) => addMemberIn(tx, deps, actor, actorScope(actor), request));
}

export type RemoveMemberResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "last-admin" }
  | { readonly kind: "removed"; readonly sessionsEnded: number };

export async function removeMember(
  deps: { readonly db: Db; readonly clock: Clock },
  actor: Actor,
  userId: string,
): Promise<RemoveMemberResult> {
  const now = deps.clock.now();
  return actAs(deps.db, actorScope(actor), async (tx) => {
    // Locking the administrators' memberships makes two administrators removing each
    // other at once wait in turn, so one of them stays.
    const admins = await tx.query<{ user_id: string }>(
      "SELECT user_id FROM memberships WHERE organization_id = $1 AND role = 'district_admin' FOR UPDATE",
      [actor.organizationId],
    );
    const [row] = await tx.query<{ role: Role }>(
      "SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2 FOR UPDATE",
      [actor.organizationId, userId],
    );
    if (row === undefined) return { kind: "not-found" };
    if (row.role === "district_admin" && admins.every((a) => a.user_id === userId))
      return { kind: "last-admin" };
    await tx.query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2", [
      actor.organizationId,
      userId,
    ]);
    const sessionsEnded = await endUserSessions(tx, userId, now, { organizationId: actor.organizationId });
    await appendAudit(
      tx,
      actorAudit(actor, "membership.remove", { type: "user", id: userId }, { role: row.role, sessionsEnded }),
      now,
    );
    return { kind: "removed", sessionsEnded };
  });
}
