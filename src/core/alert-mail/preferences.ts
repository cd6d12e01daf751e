/**
 * How a person wants each kind of alert delivered by e-mail: at once, in the daily digest,
 * or not at all; and the hour of the day the digest goes out. A kind is an alert code
 * (src/core/alerts/alert.ts). What a person has not chosen takes their role's default:
 *
 * - district_admin: at once for the kinds that can be critical (enrolment and dosage
 *   behind, assessment data missing, obligation overdue or not met), the digest for the
 *   rest (obligation due soon or at risk, statement awaiting approval);
 * - district_analyst: the digest for every kind;
 * - vendor_user: what concerns its contracts' service and money at once (enrolment and
 *   dosage behind, obligation overdue or not met, statement awaiting approval), the
 *   digest for obligations due soon or at risk, nothing about the district's assessment
 *   data deliveries;
 * - auditor: nothing (an auditor reads, and is not asked to act);
 * - platform_admin: nothing (party to no contract; it sees no alerts).
 */
import type { AlertCode } from "../alerts/alert.js";

export type Delivery = "immediate" | "digest" | "off";

export const DELIVERIES: readonly Delivery[] = ["immediate", "digest", "off"];

/** Every kind, in the order people read them (pacing, data, obligations, statements). */
export const ALERT_KINDS: readonly AlertCode[] = [
  "enrolment-behind",
  "dosage-behind",
  "assessment-data-missing",
  "obligation-due-soon",
  "obligation-overdue",
  "obligation-at-risk",
  "obligation-not-met",
  "statement-awaiting-approval",
  "action-item-overdue",
];

/** What each kind is called in subjects and on the settings page. */
export const ALERT_KIND_LABELS: Readonly<Record<AlertCode, string>> = {
  "enrolment-behind": "Enrolment behind plan",
  "dosage-behind": "Dosage behind plan",
  "assessment-data-missing": "Assessment data not delivered",
  "obligation-due-soon": "Obligation due soon",
  "obligation-overdue": "Obligation overdue",
  "obligation-at-risk": "Obligation at risk",
  "obligation-not-met": "Obligation not met",
  "statement-awaiting-approval": "Statement awaiting approval",
  "action-item-overdue": "Check-in action item overdue",
};

export type AlertRole = "district_admin" | "district_analyst" | "vendor_user" | "auditor" | "platform_admin";

/** The hour (0-23, in the alert time zone) the digest goes out unless chosen otherwise. */
export const DEFAULT_DIGEST_HOUR = 7;

export type Deliveries = Readonly<Record<AlertCode, Delivery>>;

function every(delivery: Delivery): Record<AlertCode, Delivery> {
  return Object.fromEntries(ALERT_KINDS.map((k) => [k, delivery])) as Record<AlertCode, Delivery>;
}

/** The role's default for every kind. */
export function defaultDeliveries(role: AlertRole): Deliveries {
  switch (role) {
    case "district_admin":
      return {
        ...every("immediate"),
        "obligation-due-soon": "digest",
        "obligation-at-risk": "digest",
        "statement-awaiting-approval": "digest",
      };
    case "district_analyst":
      return every("digest");
    case "vendor_user":
      return {
        ...every("immediate"),
        "assessment-data-missing": "off",
        "obligation-due-soon": "digest",
        "obligation-at-risk": "digest",
      };
    case "auditor":
    case "platform_admin":
      return every("off");
  }
}

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === "string" && (DELIVERIES as readonly string[]).includes(value);
}

export function isAlertKind(value: unknown): value is AlertCode {
  return typeof value === "string" && (ALERT_KINDS as readonly string[]).includes(value);
}

/**
 * The role's defaults overlaid with what was stored (a JSON object of kind -> delivery).
 * Stored entries that are not a known kind and delivery are ignored: the store's rows are
 * written only through `parsePreferences`-checked input, so these are kinds since removed.
 */
export function effectiveDeliveries(role: AlertRole, stored: unknown): Deliveries {
  const result: Record<AlertCode, Delivery> = { ...defaultDeliveries(role) };
  if (typeof stored === "object" && stored !== null && !Array.isArray(stored))
    for (const [kind, delivery] of Object.entries(stored as Record<string, unknown>))
      if (isAlertKind(kind) && isDelivery(delivery)) result[kind] = delivery;
  return result;
}
