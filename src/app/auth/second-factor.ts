/**
 * The second factor of administrators: a TOTP code from an authenticator app. An
 * administrator without one enrols (a secret is stored but not yet in force), confirms
 * with a first code (it is then in force and the session counts as done), and gives a
 * code at every later sign-in. A code's time step is stored when accepted and no code of
 * that step or an earlier one is accepted again, so a code seen over a shoulder is
 * useless. The fifth wrong code ends the session: guessing then costs a password sign-in
 * (itself throttled) per five tries.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import { storedTime } from "../ports/clock.js";
import type { Totp } from "../ports/auth.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { actorScope, type Actor, type BrowserSession } from "./actor.js";
import { actorAudit, sessionObject } from "./actor-audit.js";
import { ADMIN_ROLES } from "./roles.js";
import { newSecret, sha256Hex } from "./secrets.js";

export const MAX_SECOND_FACTOR_FAILURES = 5;

export interface SecondFactorDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly totp: Totp;
}

/** A signed-in person's session: TOTP is a browser sign-in's step, never an API token's. */
export interface SessionActor extends Actor {
  readonly userId: string;
  readonly session: BrowserSession;
}

interface TotpRow {
  email: string;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  [column: string]: unknown;
}

async function totpState(tx: SqlRunner, userId: string): Promise<TotpRow> {
  const [row] = await tx.query<TotpRow>(
    "SELECT email, totp_secret, totp_enabled_at FROM users WHERE user_id = $1 FOR UPDATE",
    [userId],
  );
  if (row === undefined) throw new Error(`user ${userId} of a live session is missing`);
  return row;
}

/**
 * Marks the session's second factor given and gives it a new token (returned, for the
 * cookie): a token seen before the code was given, by whoever saw it, opens nothing after.
 */
async function markSessionDone(tx: SqlRunner, session: BrowserSession): Promise<string> {
  const token = newSecret();
  await tx.query(
    "UPDATE auth_sessions SET second_factor_done = true, session_sha256 = $2 WHERE session_sha256 = $1",
    [session.sha256, sha256Hex(token)],
  );
  return token;
}

export type EnrollResult =
  | { readonly kind: "not-admin" }
  | { readonly kind: "already-enrolled" }
  | { readonly kind: "enrolling"; readonly secret: string; readonly uri: string };

/** A new secret for an administrator without a second factor in force (a repeat replaces it). */
export async function enrollSecondFactor(deps: SecondFactorDeps, actor: SessionActor): Promise<EnrollResult> {
  if (!ADMIN_ROLES.includes(actor.role)) return { kind: "not-admin" };
  const now = deps.clock.now();
  return actAs(deps.db, actorScope(actor), async (tx) => {
    const state = await totpState(tx, actor.userId);
    if (state.totp_enabled_at !== null) return { kind: "already-enrolled" };
    const secret = deps.totp.createSecret(state.email);
    await tx.query("UPDATE users SET totp_secret = $2 WHERE user_id = $1", [actor.userId, secret.base32]);
    await appendAudit(
      tx,
      actorAudit(actor, "account.second-factor-enroll", { type: "user", id: actor.userId }),
      now,
    );
    return { kind: "enrolling", secret: secret.base32, uri: secret.uri };
  });
}

export type ConfirmResult =
  | { readonly kind: "already-enrolled" }
  | { readonly kind: "not-enrolling" }
  | { readonly kind: "wrong-code" }
  | { readonly kind: "confirmed"; readonly token: string };

/** Puts the enrolled secret in force with a first code; the session then counts as done. */
export async function confirmSecondFactor(
  deps: SecondFactorDeps,
  actor: SessionActor,
  code: string,
): Promise<ConfirmResult> {
  const now = deps.clock.now();
  return actAs(deps.db, actorScope(actor), async (tx) => {
    const state = await totpState(tx, actor.userId);
    if (state.totp_enabled_at !== null) return { kind: "already-enrolled" };
    if (state.totp_secret === null) return { kind: "not-enrolling" };
    const step = deps.totp.verify(state.totp_secret, code, now);
    if (step === null) return { kind: "wrong-code" };
    await tx.query("UPDATE users SET totp_enabled_at = $2, totp_last_step = $3 WHERE user_id = $1", [
      actor.userId,
      storedTime(now),
      step,
    ]);
    const token = await markSessionDone(tx, actor.session);
    await appendAudit(
      tx,
      actorAudit(actor, "account.second-factor-confirm", { type: "user", id: actor.userId }),
      now,
    );
    return { kind: "confirmed", token };
  });
}

export type VerifyResult =
  | { readonly kind: "not-needed" }
  | { readonly kind: "not-enrolled" }
  | { readonly kind: "wrong-code"; readonly sessionEnded: boolean }
  | { readonly kind: "verified"; readonly token: string };

/** The code of an enrolled administrator's new session. */
export async function verifySecondFactor(
  deps: SecondFactorDeps,
  actor: SessionActor,
  code: string,
): Promise<VerifyResult> {
  if (actor.session.secondFactorDone) return { kind: "not-needed" };
  const now = deps.clock.now();
  const session = sessionObject(actor.session.sha256);
  return actAs(deps.db, actorScope(actor), async (tx) => {
    const state = await totpState(tx, actor.userId);
    if (state.totp_enabled_at === null || state.totp_secret === null) return { kind: "not-enrolled" };
    const step = deps.totp.verify(state.totp_secret, code, now);
    // Taking the step only when it is later than the last one makes a replay, even a
    // concurrent one, fail here (the user row is locked above).
    const taken =
      step !== null &&
      (
        await tx.query(
          `UPDATE users SET totp_last_step = $2
            WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING user_id`,
          [actor.userId, step],
        )
      ).length === 1;
    if (taken) {
      const token = await markSessionDone(tx, actor.session);
      await appendAudit(tx, actorAudit(actor, "session.second-factor", session), now);
      return { kind: "verified", token };
    }
    const [row] = await tx.query<{ failures: number }>(
      `UPDATE auth_sessions SET second_factor_failures = second_factor_failures + 1
        WHERE session_sha256 = $1 RETURNING second_factor_failures AS failures`,
      [actor.session.sha256],
    );
    const failures = row?.failures ?? MAX_SECOND_FACTOR_FAILURES;
    const sessionEnded = failures >= MAX_SECOND_FACTOR_FAILURES;
    if (sessionEnded)
      await tx.query(
        "UPDATE auth_sessions SET ended_at = $2 WHERE session_sha256 = $1 AND ended_at IS NULL",
        [actor.session.sha256, storedTime(now)],
      );
    await appendAudit(
      tx,
      actorAudit(actor, "session.second-factor-failed", session, {
        failures,
        replayed: step !== null,
        sessionEnded,
      }),
      now,
    );
    return { kind: "wrong-code", sessionEnded };
  });
}
