/**
 * Setting a password through a link mailed to the account's address: "forgot my
 * password", and the first password of an account an administrator created. The link
 * carries a random token; the store keeps only its SHA-256, so a copy of the database
 * resets nothing. A token works once, and using one retires every other open token of
 * the account and ends all its sessions (whoever knew the old password may hold one).
 *
 * Asking never tells whether the e-mail has an account: the caller answers the same
 * either way and sends the mail, when there is one, without making the answer wait for
 * it. Accounts that sign in with OpenID Connect and have no password get no link, so a
 * person the district's identity provider has shut out cannot come back in by mail.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { storedTime } from "../ports/clock.js";
import type { MailMessage, PasswordHasher, PasswordPolicy, PasswordProblem } from "../ports/auth.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { endUserSessions } from "./end-sessions.js";
import { newSecret, sha256Hex } from "./secrets.js";

export const RESET_TTL_MS = 3_600_000;
/** Open reset links an account may have from the last hour; more are not sent (no mail flood). */
export const MAX_RECENT_RESETS = 3;

/** Stores a new token for `userId`, valid for `ttlMs`; returns the token (shown once, in the mail). */
export async function issueResetToken(
  tx: SqlRunner,
  userId: string,
  now: Date,
  ttlMs: number,
): Promise<string> {
  const token = newSecret();
  await tx.query(
    "INSERT INTO password_resets (token_sha256, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    [sha256Hex(token), userId, storedTime(now), storedTime(new Date(now.getTime() + ttlMs))],
  );
  return token;
}

export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}

function resetEvent(userId: string, action: string, detail: Record<string, unknown> = {}) {
  return {
    actorUserId: null,
    actorTokenId: null,
    organizationId: null,
    districtId: null,
    action,
    objectType: "user",
    objectId: userId,
    detail,
  };
}

export interface AccountMail {
  readonly userId: string;
  readonly message: MailMessage;
}

/** The reset mail for `email`'s account, or null when none is to be sent. */
export async function requestPasswordReset(
  deps: { readonly db: Db; readonly clock: Clock; readonly publicUrl: string },
  email: string,
): Promise<AccountMail | null> {
  const now = deps.clock.now();
  const address = email.trim().toLowerCase();
  return actAs(deps.db, null, async (tx) => {
    const [user] = await tx.query<{ user_id: string; recent: number }>(
      `SELECT u.user_id,
              (SELECT count(*)::int FROM password_resets r WHERE r.user_id = u.user_id AND r.created_at > $2) AS recent
         FROM users u
        WHERE u.email = $1 AND u.disabled_at IS NULL AND (u.password_hash IS NOT NULL OR u.oidc_subject IS NULL)`,
      [address, storedTime(new Date(now.getTime() - RESET_TTL_MS))],
    );
    if (user === undefined || user.recent >= MAX_RECENT_RESETS) return null;
    const token = await issueResetToken(tx, user.user_id, now, RESET_TTL_MS);
    await appendAudit(tx, resetEvent(user.user_id, "account.password-reset-request"), now);
    const text =
      `Somebody, probably you, asked to reset the password of your Accord account.\n\n` +
      `Open this link within one hour to choose a new password:\n${resetLink(deps.publicUrl, token)}\n\n` +
      `If you did not ask, ignore this mail: your password stays as it is.\n`;
    return { userId: user.user_id, message: { to: address, subject: "Reset your Accord password", text } };
  });
}

export type ConfirmResetResult =
  | { readonly kind: "invalid-token" }
  | { readonly kind: "refused"; readonly problems: readonly PasswordProblem[] }
  | { readonly kind: "done"; readonly userId: string; readonly sessionsEnded: number };

export async function confirmPasswordReset(
  deps: {
    readonly db: Db;
    readonly clock: Clock;
    readonly hasher: PasswordHasher;
    readonly policy: PasswordPolicy;
  },
  request: { readonly token: string; readonly newPassword: string },
): Promise<ConfirmResetResult> {
  const now = deps.clock.now();
  const sha256 = sha256Hex(request.token);
  const live = `r.token_sha256 = $1 AND r.used_at IS NULL AND r.expires_at > $2`;
  const [user] = await actAs(deps.db, null, (tx) =>
    tx.query<{ email: string; display_name: string }>(
      `SELECT u.email, u.display_name FROM password_resets r JOIN users u USING (user_id)
        WHERE ${live} AND u.disabled_at IS NULL`,
      [sha256, storedTime(now)],
    ),
  );
  if (user === undefined) return { kind: "invalid-token" };
  // The policy is checked before the token is used, so a refused password leaves the link working.
  const problems = deps.policy.check(request.newPassword, {
    email: user.email,
    displayName: user.display_name,
  });
  if (problems.length > 0) return { kind: "refused", problems };
  const hash = await deps.hasher.hash(request.newPassword);
  return actAs(deps.db, null, async (tx) => {
    // Taking the token in the UPDATE makes two concurrent uses of one link set one password.
    const [taken] = await tx.query<{ user_id: string }>(
      `UPDATE password_resets r SET used_at = $2 WHERE ${live} RETURNING r.user_id`,
      [sha256, storedTime(now)],
    );
    if (taken === undefined) return { kind: "invalid-token" };
    await tx.query("UPDATE users SET password_hash = $2 WHERE user_id = $1", [taken.user_id, hash]);
    await tx.query("UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL", [
      taken.user_id,
      storedTime(now),
    ]);
    const sessionsEnded = await endUserSessions(tx, taken.user_id, now);
    await appendAudit(tx, resetEvent(taken.user_id, "account.password-reset", { sessionsEnded }), now);
    return { kind: "done", userId: taken.user_id, sessionsEnded };
  });
}
