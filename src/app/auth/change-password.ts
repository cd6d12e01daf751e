/**
 * A signed-in person changes their password, giving the current one. Wrong current
 * passwords count against the sign-in throttle of the account's e-mail, so a session
 * left open on a shared computer is no place to guess the password from. The change
 * ends the user's other sessions: whoever knew the old password may hold one.
 */
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { PasswordHasher, PasswordPolicy, PasswordProblem } from "../ports/auth.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { actorScope } from "./actor.js";
import { actorAudit } from "./actor-audit.js";
import { endUserSessions } from "./end-sessions.js";
import type { SessionActor } from "./second-factor.js";
import { recordFailure, throttledFor } from "./sign-in-throttle.js";

export interface ChangePasswordDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly policy: PasswordPolicy;
}

export type ChangePasswordResult =
  | { readonly kind: "throttled"; readonly retryAfterSeconds: number }
  | { readonly kind: "wrong-password" }
  | { readonly kind: "refused"; readonly problems: readonly PasswordProblem[] }
  | { readonly kind: "changed"; readonly sessionsEnded: number };

export async function changePassword(
  deps: ChangePasswordDeps,
  actor: SessionActor,
  request: { readonly currentPassword: string; readonly newPassword: string },
): Promise<ChangePasswordResult> {
  const now = deps.clock.now();
  const scope = actorScope(actor);
  const user = await actAs(deps.db, scope, async (tx) => {
    const [row] = await tx.query<{ email: string; display_name: string; password_hash: string | null }>(
      "SELECT email, display_name, password_hash FROM users WHERE user_id = $1",
      [actor.userId],
    );
    if (row === undefined) throw new Error(`user ${actor.userId} of a live session is missing`);
    return { ...row, retryAfterSeconds: await throttledFor(tx, row.email, now) };
  });
  if (user.retryAfterSeconds !== null)
    return { kind: "throttled", retryAfterSeconds: user.retryAfterSeconds };
  // An account without a password (OpenID Connect only) has no current password to give.
  const ok =
    user.password_hash !== null && (await deps.hasher.verify(user.password_hash, request.currentPassword));
  if (!ok) {
    await actAs(deps.db, scope, async (tx) => {
      await recordFailure(tx, user.email, now);
      await appendAudit(
        tx,
        actorAudit(actor, "account.password-change-failed", { type: "user", id: actor.userId }),
        now,
      );
    });
    return { kind: "wrong-password" };
  }
  const problems = deps.policy.check(request.newPassword, {
    email: user.email,
    displayName: user.display_name,
  });
  if (problems.length > 0) return { kind: "refused", problems };
  const hash = await deps.hasher.hash(request.newPassword);
  return actAs(deps.db, scope, async (tx) => {
    await tx.query("UPDATE users SET password_hash = $2 WHERE user_id = $1", [actor.userId, hash]);
    const sessionsEnded = await endUserSessions(tx, actor.userId, now, {
      exceptSha256: actor.session.sha256,
    });
    await appendAudit(
      tx,
      actorAudit(actor, "account.password-change", { type: "user", id: actor.userId }, { sessionsEnded }),
      now,
    );
    return { kind: "changed", sessionsEnded };
  });
}
