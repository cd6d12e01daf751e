/**
 * What to mail one person, from the alerts active now, their preferences and what was
 * recorded of earlier runs. Pure: the caller reads the recorded deliveries, writes back
 * what this returns and sends the mails.
 *
 * Rules:
 * - An alert is identified by its contract, code and subject (`deliveryKey`); it is mailed
 *   at most once while it stays active.
 * - A recorded delivery whose alert is no longer active is removed, so an alert that
 *   clears and comes back is mailed again. Contracts whose alerts could not be computed
 *   this run (`unsettled`) keep their records: silence there is not a clearance.
 * - An alert more severe than when it was recorded is mailed again.
 * - A kind set to `off` mails nothing; a record not yet mailed is dropped, one already
 *   mailed is kept (turning the kind back on does not repeat it).
 * - A record still `pending` (never taken by the relay) is mailed by the next run: the
 *   caller keeps it until a send succeeds, so no alert is lost to a failing relay.
 */
import type { Alert, Severity } from "../alerts/alert.js";
import type { Deliveries } from "./preferences.js";

export interface MailAlert extends Alert {
  readonly contractTitle: string;
  /** The alert's figures for a subject line ("451 of 1,200 students"); null when it has none. */
  readonly headline: string | null;
}

export interface DeliveryKey {
  readonly districtId: string;
  readonly contractId: string;
  readonly code: string;
  readonly subject: string;
}

export interface DeliveryRecord extends DeliveryKey {
  readonly severity: Severity;
  readonly delivery: "immediate" | "digest";
  readonly status: "pending" | "sent";
  readonly attempts: number;
}

export interface PlannedDelivery {
  readonly record: DeliveryRecord;
  readonly alert: MailAlert;
}

export interface DeliveryPlan {
  /** Records to delete: their alert cleared, or their kind was turned off before they were mailed. */
  readonly remove: readonly DeliveryRecord[];
  /** Records to insert or update (new alerts, escalations, changed severity or delivery). */
  readonly write: readonly DeliveryRecord[];
  /** Pending records to mail now, one mail each. */
  readonly immediate: readonly PlannedDelivery[];
  /** Pending records for the next digest. */
  readonly digest: readonly PlannedDelivery[];
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };

/** A string that names one alert of one contract. */
export function deliveryKey(k: DeliveryKey): string {
  return JSON.stringify([k.districtId, k.contractId, k.code, k.subject]);
}

function changed(a: DeliveryRecord, b: DeliveryRecord): boolean {
  return a.severity !== b.severity || a.delivery !== b.delivery || a.status !== b.status;
}

export function planDeliveries(input: {
  readonly active: readonly MailAlert[];
  readonly deliveries: Deliveries;
  readonly recorded: readonly DeliveryRecord[];
  /** Contracts (`deliveryKey`-style `[districtId, contractId]` JSON) whose alerts were not computed. */
  readonly unsettled: ReadonlySet<string>;
}): DeliveryPlan {
  const recorded = new Map(input.recorded.map((r) => [deliveryKey(r), r]));
  const remove: DeliveryRecord[] = [];
  const write: DeliveryRecord[] = [];
  const immediate: PlannedDelivery[] = [];
  const digest: PlannedDelivery[] = [];
  const activeKeys = new Set<string>();

  for (const alert of input.active) {
    const key = deliveryKey(alert);
    activeKeys.add(key);
    const before = recorded.get(key);
    const delivery = input.deliveries[alert.code];
    if (delivery === "off") {
      if (before !== undefined && before.status === "pending") remove.push(before);
      continue;
    }
    let next: DeliveryRecord;
    if (before === undefined) {
      next = { ...keyOf(alert), severity: alert.severity, delivery, status: "pending", attempts: 0 };
    } else if (RANK[alert.severity] > RANK[before.severity]) {
      next = { ...before, severity: alert.severity, delivery, status: "pending", attempts: 0 };
    } else {
      // Less severe: recorded as it is now, so a later escalation mails again.
      next = {
        ...before,
        severity: alert.severity,
        delivery: before.status === "pending" ? delivery : before.delivery,
      };
    }
    if (before === undefined || changed(before, next)) write.push(next);
    if (next.status === "pending")
      (next.delivery === "immediate" ? immediate : digest).push({ record: next, alert });
  }
  for (const [key, record] of recorded) {
    if (activeKeys.has(key)) continue;
    if (input.unsettled.has(contractKey(record))) continue;
    remove.push(record);
  }
  return { remove, write, immediate, digest };
}

/** The key of a contract in `unsettled`. */
export function contractKey(k: { readonly districtId: string; readonly contractId: string }): string {
  return JSON.stringify([k.districtId, k.contractId]);
}

function keyOf(alert: MailAlert): DeliveryKey {
  return {
    districtId: alert.districtId,
    contractId: alert.contractId,
    code: alert.code,
    subject: alert.subject,
  };
}

/** Whether the daily digest is due: the local hour has reached the chosen hour and none ran today. */
export function digestDue(input: {
  readonly localDay: string;
  readonly localHour: number;
  readonly digestHour: number;
  readonly lastDigestOn: string | null;
}): boolean {
  return (
    input.localHour >= input.digestHour &&
    (input.lastDigestOn === null || input.lastDigestOn < input.localDay)
  );
}
