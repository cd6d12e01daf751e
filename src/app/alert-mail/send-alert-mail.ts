/**
 * Use case: mail every organization's members the alerts they have not been mailed yet.
 * For each district and vendor organization, acting as it (row-level security: a vendor
 * computes the alerts of its own contracts only), the current alerts are computed once
 * and planned for each member who may read contracts (planDeliveries: new alerts,
 * escalations, cleared alerts, preferences). The plan is written, then mails go out one
 * by one, each success or failure written in a transaction of its own with its audit
 * entry: a relay that fails leaves the record pending for the next run, and a run that
 * dies half way mails only what is still pending when the next one starts.
 *
 * Immediate kinds get one mail per alert; digest kinds are bundled into one mail a day,
 * by the first run at or after the member's digest hour (in the alert time zone) that has
 * something to send. Runs must not overlap (the server's interval or cron, not both).
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { Mailer } from "../ports/auth.js";
import { actAs, type OrgScope } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { can } from "../auth/roles.js";
import { dayOf } from "../contract-progress/read-contract-progress.js";
import {
  contractKey,
  digestDue,
  planDeliveries,
  type PlannedDelivery,
} from "../../core/alert-mail/plan-deliveries.js";
import { DEFAULT_DIGEST_HOUR, effectiveDeliveries } from "../../core/alert-mail/preferences.js";
import { digestMail, immediateMail, type AlertMail } from "../../core/alert-mail/compose-alert-mail.js";
import { collectMailAlerts } from "./collect-mail-alerts.js";
import { localDayAndHour } from "./local-time.js";
import {
  markDigestSent,
  markFailed,
  markSent,
  readMembers,
  readRecords,
  removeRecord,
  writeRecord,
} from "./delivery-records.js";

export interface AlertMailDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly mailer: Mailer;
  /** The web app's address, no trailing slash (links in the mails). */
  readonly baseUrl: string;
  /** IANA time zone the digest hour is read in. */
  readonly timeZone: string;
}

export interface MailOutcome {
  readonly organizationId: string;
  readonly userId: string;
  readonly kind: "immediate" | "digest";
  readonly subject: string;
  readonly alerts: number;
  readonly outcome: "sent" | "failed" | "would-send";
}

export interface AlertMailReport {
  readonly organizations: number;
  readonly mails: readonly MailOutcome[];
}

interface MemberPlan {
  readonly userId: string;
  readonly email: string;
  readonly digestHour: number;
  readonly immediate: readonly PlannedDelivery[];
  /** Empty unless the digest is due now. */
  readonly digest: readonly PlannedDelivery[];
}

/** Why a send failed, without the address or the message (which may name people). */
function failureReason(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string") return name.slice(0, 80);
  }
  return "unknown";
}

async function planOrganization(
  tx: SqlRunner,
  deps: AlertMailDeps,
  organizationId: string,
  at: Date,
  write: boolean,
): Promise<MemberPlan[]> {
  const members = (await readMembers(tx, organizationId)).filter((m) => can(m.role, "read:contracts"));
  const records = await readRecords(tx, organizationId);
  const memberIds = new Set(members.map((m) => m.userId));
  if (write)
    for (const r of records)
      if (!memberIds.has(r.userId)) await removeRecord(tx, organizationId, r.userId, r);
  if (members.length === 0) return [];
  const { alerts, unsettled } = await collectMailAlerts(tx, dayOf(at));
  const unsettledKeys = new Set(unsettled.map(contractKey));
  const local = localDayAndHour(at, deps.timeZone);
  const plans: MemberPlan[] = [];
  for (const member of members) {
    const plan = planDeliveries({
      active: alerts,
      deliveries: effectiveDeliveries(member.role, member.storedDeliveries),
      recorded: records.filter((r) => r.userId === member.userId),
      unsettled: unsettledKeys,
    });
    if (write) {
      for (const r of plan.remove) await removeRecord(tx, organizationId, member.userId, r);
      for (const r of plan.write) await writeRecord(tx, organizationId, member.userId, r, at);
    }
    const digestHour = member.digestHour ?? DEFAULT_DIGEST_HOUR;
    const due = digestDue({
      localDay: local.day,
      localHour: local.hour,
      digestHour,
      lastDigestOn: member.lastDigestOn,
    });
    plans.push({
      userId: member.userId,
      email: member.email,
      digestHour,
      immediate: plan.immediate,
      digest: due ? plan.digest : [],
    });
  }
  return plans;
}

async function audit(
  tx: SqlRunner,
  scope: OrgScope,
  userId: string,
  action: "alert.mailed" | "alert.mail-failed",
  districtId: string | null,
  detail: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await appendAudit(
    tx,
    {
      actorUserId: null,
      actorTokenId: null,
      organizationId: scope.organizationId,
      districtId,
      action,
      objectType: "user",
      objectId: userId,
      detail,
    },
    at,
  );
}

async function sendOne(
  deps: AlertMailDeps,
  scope: OrgScope,
  plan: MemberPlan,
  kind: "immediate" | "digest",
  items: readonly PlannedDelivery[],
  mail: AlertMail,
  localDay: string,
): Promise<MailOutcome> {
  const orgId = scope.organizationId;
  const outcome = {
    organizationId: orgId,
    userId: plan.userId,
    kind,
    subject: mail.subject,
    alerts: items.length,
  };
  const first = items[0]?.alert;
  const districtId = kind === "immediate" && first !== undefined ? first.districtId : null;
  const detail =
    kind === "immediate" && first !== undefined
      ? {
          delivery: kind,
          code: first.code,
          contractId: first.contractId,
          subject: first.subject,
          severity: first.severity,
        }
      : { delivery: kind, alerts: items.length };
  try {
    await deps.mailer.send({ to: plan.email, subject: mail.subject, text: mail.text, html: mail.html });
  } catch (error) {
    const reason = failureReason(error);
    const at = deps.clock.now();
    await actAs(deps.db, scope, async (tx) => {
      for (const item of items) await markFailed(tx, orgId, plan.userId, item.record, reason);
      await audit(tx, scope, plan.userId, "alert.mail-failed", districtId, { ...detail, reason }, at);
    });
    return { ...outcome, outcome: "failed" };
  }
  const at = deps.clock.now();
  await actAs(deps.db, scope, async (tx) => {
    for (const item of items) await markSent(tx, orgId, plan.userId, item.record, at);
    if (kind === "digest")
      await markDigestSent(
        tx,
        { userId: plan.userId, organizationId: orgId, digestHour: plan.digestHour },
        localDay,
        at,
      );
    await audit(tx, scope, plan.userId, "alert.mailed", districtId, detail, at);
  });
  return { ...outcome, outcome: "sent" };
}

/** One run over every organization; with `dryRun`, nothing is written or sent. */
export async function sendAlertMail(
  deps: AlertMailDeps,
  options: { readonly dryRun?: boolean } = {},
): Promise<AlertMailReport> {
  const dryRun = options.dryRun === true;
  const organizations = await actAs(deps.db, null, (tx) =>
    tx.query<{ organization_id: string; kind: "district" | "vendor"; name: string }>(
      `SELECT organization_id, kind, name FROM organizations WHERE kind IN ('district', 'vendor')
        ORDER BY organization_id COLLATE "C"`,
    ),
  );
  const mails: MailOutcome[] = [];
  for (const org of organizations) {
    const scope: OrgScope = { organizationId: org.organization_id, orgKind: org.kind };
    const at = deps.clock.now();
    const localDay = localDayAndHour(at, deps.timeZone).day;
    const plans = await actAs(deps.db, scope, (tx) =>
      planOrganization(tx, deps, scope.organizationId, at, !dryRun),
    );
    for (const plan of plans) {
      const batches: { kind: "immediate" | "digest"; items: readonly PlannedDelivery[]; mail: AlertMail }[] =
        plan.immediate.map((item) => ({
          kind: "immediate" as const,
          items: [item],
          mail: immediateMail(item.alert, deps.baseUrl),
        }));
      if (plan.digest.length > 0)
        batches.push({
          kind: "digest",
          items: plan.digest,
          mail: digestMail(
            plan.digest.map((d) => d.alert),
            { baseUrl: deps.baseUrl, organizationName: org.name, localDay },
          ),
        });
      for (const batch of batches) {
        if (dryRun) {
          mails.push({
            organizationId: scope.organizationId,
            userId: plan.userId,
            kind: batch.kind,
            subject: batch.mail.subject,
            alerts: batch.items.length,
            outcome: "would-send",
          });
          continue;
        }
        mails.push(await sendOne(deps, scope, plan, batch.kind, batch.items, batch.mail, localDay));
      }
    }
  }
  return { organizations: organizations.length, mails };
}
