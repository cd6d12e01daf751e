/**
 * Signing in with e-mail and password. A wrong e-mail and a wrong password get the same
 * answer in about the same time (an unknown e-mail is checked against a dummy hash).
 * More than 10 failures for one e-mail in 5 minutes refuse further attempts until the
 * window has passed, right or wrong, so guessing is throttled without telling the guesser
 * anything. Every attempt is in the audit log (the e-mail only as its hash).
 */
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { PasswordHasher } from "../ports/auth.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { createSession, type SessionRules, type NewSession } from "./sessions.js";
import { sha256Hex } from "./secrets.js";
import { recordFailure, throttledFor } from "./sign-in-throttle.js";

export { FAILURE_WINDOW_MS, MAX_FAILURES } from "./sign-in-throttle.js";

export interface SignInDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly rules: SessionRules;
}

export interface SignInRequest {
  readonly email: string;
  readonly password: string;
  /** The organization to act in; null for the account's first membership. */
  readonly organizationId: string | null;
}

export type SignInResult =
  | { readonly kind: "throttled"; readonly retryAfterSeconds: number }
  | { readonly kind: "invalid" }
  | ({ readonly kind: "signed-in" } & NewSession);

/** A valid argon2id hash of a random password: unknown e-mails are verified against it. */
let dummyHash: Promise<string> | null = null;

export async function signIn(deps: SignInDeps, request: SignInRequest): Promise<SignInResult> {
  const email = request.email.trim().toLowerCase();
  const now = deps.clock.now();
  const retryAfterSeconds = await actAs(deps.db, null, (tx) => throttledFor(tx, email, now));
  if (retryAfterSeconds !== null) return { kind: "throttled", retryAfterSeconds };
  const [user] = await actAs(deps.db, null, (tx) =>
    tx.query<{ user_id: string; password_hash: string | null }>(
      "SELECT user_id, password_hash FROM users WHERE email = $1 AND disabled_at IS NULL",
      [email],
    ),
  );
  dummyHash ??= deps.hasher.hash("not a password of anyone's 8c1f");
  const hash = user?.password_hash ?? (await dummyHash);
  const ok = (await deps.hasher.verify(hash, request.password)) && typeof user?.password_hash === "string";
  if (!ok || user === undefined) {
    await actAs(deps.db, null, async (tx) => {
      await recordFailure(tx, email, now);
      await appendAudit(
        tx,
        {
          actorUserId: user?.user_id ?? null,
          actorTokenId: null,
          organizationId: null,
          districtId: null,
          action: "session.sign-in-failed",
          objectType: "account",
          objectId: sha256Hex(email).slice(0, 16),
          detail: {},
        },
        now,
      );
    });
    return { kind: "invalid" };
  }
  const session = await createSession(deps, user.user_id, request.organizationId, "password");
  return session === null ? { kind: "invalid" } : { kind: "signed-in", ...session };
}
