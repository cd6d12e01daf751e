/**
 * Ending a user's sessions at once: after a password reset or change (whoever knew the
 * old password may hold a session), and when a member leaves an organization.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";

export interface SessionsToEnd {
  /** Only the sessions in this organization; all of the user's when absent. */
  readonly organizationId?: string;
  /** The session making the change, which stays. */
  readonly exceptSha256?: string;
}

/** Ends the user's live sessions; returns how many were ended. */
export async function endUserSessions(
  tx: SqlRunner,
  userId: string,
  at: Date,
  which: SessionsToEnd = {},
): Promise<number> {
  const rows = await tx.query(
    `UPDATE auth_sessions SET ended_at = $2
      WHERE user_id = $1 AND ended_at IS NULL
        AND ($3::text IS NULL OR organization_id = $3) AND ($4::text IS NULL OR session_sha256 <> $4)
      RETURNING session_sha256`,
    [userId, storedTime(at), which.organizationId ?? null, which.exceptSha256 ?? null],
  );
  return rows.length;
}
