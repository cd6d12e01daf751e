/**
 * Use cases: read and save one's own alert e-mail preferences, for the membership one is
 * signed in with (a person in two organizations chooses for each). What is not chosen
 * takes the role's default (src/core/alert-mail/preferences.ts).
 */
import type { SqlRunner } from "../ports/db.js";
import type { AlertCode } from "../../core/alerts/alert.js";
import {
  ALERT_KINDS,
  DEFAULT_DIGEST_HOUR,
  defaultDeliveries,
  effectiveDeliveries,
  type AlertRole,
  type Deliveries,
  type Delivery,
} from "../../core/alert-mail/preferences.js";
import { appendAudit } from "../audit-log.js";

export interface Member {
  readonly userId: string;
  readonly organizationId: string;
  readonly role: AlertRole;
}

export interface AlertPreferences {
  readonly deliveries: Deliveries;
  readonly defaults: Deliveries;
  readonly digestHour: number;
}

export interface PreferenceChoice {
  /** Kinds absent take the role's default. */
  readonly deliveries: Partial<Readonly<Record<AlertCode, Delivery>>>;
  readonly digestHour: number;
}

export async function readAlertPreferences(tx: SqlRunner, member: Member): Promise<AlertPreferences> {
  const [row] = await tx.query<{ deliveries: unknown; digest_hour: number }>(
    "SELECT deliveries, digest_hour FROM alert_preferences WHERE user_id = $1 AND organization_id = $2",
    [member.userId, member.organizationId],
  );
  return {
    deliveries: effectiveDeliveries(member.role, row?.deliveries ?? {}),
    defaults: defaultDeliveries(member.role),
    digestHour: row === undefined ? DEFAULT_DIGEST_HOUR : Number(row.digest_hour),
  };
}

export async function saveAlertPreferences(
  tx: SqlRunner,
  member: Member,
  choice: PreferenceChoice,
  at: Date,
): Promise<AlertPreferences> {
  // Kept in the kinds' order, so the stored JSON and the audit entry read the same way each time.
  const chosen = Object.fromEntries(
    ALERT_KINDS.flatMap((kind) => {
      const delivery = choice.deliveries[kind];
      return delivery === undefined ? [] : [[kind, delivery]];
    }),
  );
  await tx.query(
    `INSERT INTO alert_preferences (user_id, organization_id, deliveries, digest_hour, updated_at)
     VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (user_id, organization_id)
     DO UPDATE SET deliveries = EXCLUDED.deliveries, digest_hour = EXCLUDED.digest_hour, updated_at = EXCLUDED.updated_at`,
    [member.userId, member.organizationId, JSON.stringify(chosen), choice.digestHour, at.toISOString()],
  );
  await appendAudit(
    tx,
    {
      actorUserId: member.userId,
      actorTokenId: null,
      organizationId: member.organizationId,
      districtId: null,
      action: "alert-preferences.update",
      objectType: "user",
      objectId: member.userId,
      detail: { deliveries: chosen, digestHour: choice.digestHour },
    },
    at,
  );
  return readAlertPreferences(tx, member);
}
