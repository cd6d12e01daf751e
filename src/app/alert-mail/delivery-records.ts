/**
 * The store side of alert mail: an organization's members with their preferences, and
 * the delivery records (alert_deliveries, db/migrations/0024_alert_mail.sql) of what was
 * mailed to them. Every function runs in a transaction acting as the organization, so
 * row-level security limits the records to its own members and the contracts it sees.
 */
import type { SqlRunner } from "../ports/db.js";
import type { DeliveryKey, DeliveryRecord } from "../../core/alert-mail/plan-deliveries.js";
import type { Severity } from "../../core/alerts/alert.js";
import { isRole, type Role } from "../auth/roles.js";

export interface MemberRow {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly storedDeliveries: unknown;
  readonly digestHour: number | null;
  readonly lastDigestOn: string | null;
}

export interface UserRecord extends DeliveryRecord {
  readonly userId: string;
}

/** The organization's members whose accounts are not disabled, by user id. */
export async function readMembers(tx: SqlRunner, organizationId: string): Promise<MemberRow[]> {
  const rows = await tx.query<{
    user_id: string;
    email: string;
    role: string;
    deliveries: unknown;
    digest_hour: number | null;
    last_digest_on: string | null;
  }>(
    `SELECT m.user_id, u.email, m.role, p.deliveries, p.digest_hour, p.last_digest_on
       FROM memberships m JOIN users u ON u.user_id = m.user_id
       LEFT JOIN alert_preferences p ON p.user_id = m.user_id AND p.organization_id = m.organization_id
      WHERE m.organization_id = $1 AND u.disabled_at IS NULL
      ORDER BY m.user_id COLLATE "C"`,
    [organizationId],
  );
  return rows.flatMap((r) =>
    isRole(r.role)
      ? [
          {
            userId: r.user_id,
            email: r.email,
            role: r.role,
            storedDeliveries: r.deliveries ?? {},
            digestHour: r.digest_hour === null ? null : Number(r.digest_hour),
            lastDigestOn: r.last_digest_on,
          },
        ]
      : [],
  );
}

export async function readRecords(tx: SqlRunner, organizationId: string): Promise<UserRecord[]> {
  const rows = await tx.query<{
    district_id: string;
    contract_id: string;
    user_id: string;
    alert_code: string;
    alert_subject: string;
    severity: Severity;
    delivery: "immediate" | "digest";
    status: "pending" | "sent";
    attempts: number;
  }>(
    `SELECT district_id, contract_id, user_id, alert_code, alert_subject, severity, delivery, status, attempts
       FROM alert_deliveries WHERE organization_id = $1`,
    [organizationId],
  );
  return rows.map((r) => ({
    districtId: r.district_id,
    contractId: r.contract_id,
    userId: r.user_id,
    code: r.alert_code,
    subject: r.alert_subject,
    severity: r.severity,
    delivery: r.delivery,
    status: r.status,
    attempts: Number(r.attempts),
  }));
}

const WHERE_KEY = `district_id = $1 AND contract_id = $2 AND organization_id = $3 AND user_id = $4
   AND alert_code = $5 AND alert_subject = $6`;

function keyParams(organizationId: string, userId: string, k: DeliveryKey) {
  return [k.districtId, k.contractId, organizationId, userId, k.code, k.subject];
}

export async function removeRecord(
  tx: SqlRunner,
  organizationId: string,
  userId: string,
  record: DeliveryKey,
): Promise<void> {
  await tx.query(
    `DELETE FROM alert_deliveries WHERE ${WHERE_KEY}`,
    keyParams(organizationId, userId, record),
  );
}

export async function writeRecord(
  tx: SqlRunner,
  organizationId: string,
  userId: string,
  record: DeliveryRecord,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO alert_deliveries (district_id, contract_id, organization_id, user_id, alert_code, alert_subject,
                                   severity, delivery, status, attempts, first_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (district_id, contract_id, organization_id, user_id, alert_code, alert_subject)
     DO UPDATE SET severity = EXCLUDED.severity, delivery = EXCLUDED.delivery, status = EXCLUDED.status,
                   attempts = EXCLUDED.attempts`,
    [
      ...keyParams(organizationId, userId, record),
      record.severity,
      record.delivery,
      record.status,
      record.attempts,
      at.toISOString(),
    ],
  );
}

/** The relay took the mail of `record`. */
export async function markSent(
  tx: SqlRunner,
  organizationId: string,
  userId: string,
  record: DeliveryKey,
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE alert_deliveries SET status = 'sent', sent_at = $7, attempts = attempts + 1, last_error = NULL
      WHERE ${WHERE_KEY}`,
    [...keyParams(organizationId, userId, record), at.toISOString()],
  );
}

/** The relay refused or could not be reached: the record stays pending for the next run. */
export async function markFailed(
  tx: SqlRunner,
  organizationId: string,
  userId: string,
  record: DeliveryKey,
  reason: string,
): Promise<void> {
  await tx.query(`UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $7 WHERE ${WHERE_KEY}`, [
    ...keyParams(organizationId, userId, record),
    reason,
  ]);
}

/** Records the local day of the digest just sent (the membership's preferences row is created if needed). */
export async function markDigestSent(
  tx: SqlRunner,
  member: { readonly userId: string; readonly organizationId: string; readonly digestHour: number },
  localDay: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO alert_preferences (user_id, organization_id, digest_hour, last_digest_on, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, organization_id) DO UPDATE SET last_digest_on = EXCLUDED.last_digest_on`,
    [member.userId, member.organizationId, member.digestHour, localDay, at.toISOString()],
  );
}
