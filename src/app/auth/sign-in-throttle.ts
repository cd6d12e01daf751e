/**
 * Throttling of password guesses, per e-mail: more than MAX_FAILURES wrong passwords in
 * FAILURE_WINDOW_MS refuse every further attempt, right or wrong, until the oldest of
 * them leaves the window. Sign-in and password change (whose current password a stolen
 * session could otherwise guess at leisure) count against the same budget.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 5 * 60_000;

/** Seconds until an attempt for `email` is heard again; null when it may be made now. */
export async function throttledFor(tx: SqlRunner, email: string, now: Date): Promise<number | null> {
  const since = storedTime(new Date(now.getTime() - FAILURE_WINDOW_MS));
  const [recent] = await tx.query<{ n: number; first: string | null }>(
    `SELECT count(*)::int AS n, min(failed_at) AS first FROM sign_in_failures WHERE email = $1 AND failed_at > $2`,
    [email, since],
  );
  if (recent === undefined || recent.n < MAX_FAILURES || recent.first === null) return null;
  const retryAt = Date.parse(recent.first) + FAILURE_WINDOW_MS;
  return Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000));
}

export async function recordFailure(tx: SqlRunner, email: string, now: Date): Promise<void> {
  await tx.query("INSERT INTO sign_in_failures (email, failed_at) VALUES ($1, $2)", [email, storedTime(now)]);
}
