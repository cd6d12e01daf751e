/** A user's own account as the session page shows it: e-mail, name, second factor, memberships. */
import type { Db } from "../ports/db.js";
import { actAs } from "../act-as.js";

export interface Account {
  readonly email: string;
  readonly displayName: string;
  readonly secondFactorEnrolled: boolean;
  readonly memberships: { organizationId: string; name: string; role: string }[];
}

export async function readAccount(db: Db, userId: string): Promise<Account> {
  return actAs(db, null, async (tx) => {
    const [user] = await tx.query<{ email: string; display_name: string; totp_enabled_at: string | null }>(
      "SELECT email, display_name, totp_enabled_at FROM users WHERE user_id = $1",
      [userId],
    );
    if (user === undefined) throw new Error(`user ${userId} of a live session is missing`);
    const memberships = await tx.query<{ organization_id: string; name: string; role: string }>(
      `SELECT m.organization_id, o.name, m.role FROM memberships m JOIN organizations o USING (organization_id)
        WHERE m.user_id = $1 ORDER BY m.created_at, m.organization_id`,
      [userId],
    );
    return {
      email: user.email,
      displayName: user.display_name,
      secondFactorEnrolled: user.totp_enabled_at !== null,
      memberships: memberships.map((m) => ({
        organizationId: m.organization_id,
        name: m.name,
        role: m.role,
      })),
    };
  });
}
