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
 * something to send. Each mail carries a one-click unsubscribe link (List-Unsubscribe,
 * RFC 8058; unsubscribe.ts) for the kinds it is about. Runs do not overlap: a run holds
 * the store's alert mail lock (send-run-lock.ts), and a run started while another holds
 * it sends nothing and says so.
 */
import type { SqlRunner } from "../ports/db.js";
import { actAs, type OrgScope } from "../act-as.js";
import { can } from "../auth/roles.js";
import { dayOf } from "../contract-progress/read-contract-progress.js";
import {
  contractKey,
  digestDue,
  planDeliveries,
  type PlannedDelivery,
} from "../../core/alert-mail/plan-deliveries.js";
import { DEFAULT_DIGEST_HOUR, effectiveDeliveries } from "../../core/alert-mail/preferences.js";
import { digestMail, immediateMail } from "../../core/alert-mail/compose-alert-mail.js";
import { collectMailAlerts } from "./collect-mail-alerts.js";
import { localDayAndHour } from "./local-time.js";
import { withAlertMailLock } from "./send-run-lock.js";
import { deleteExpiredUnsubscribeTokens } from "./unsubscribe.js";
import { readMembers, readRecords, removeRecord, writeRecord } from "./delivery-records.js";
import { sendOne, type AlertMailDeps, type Batch, type MailOutcome } from "./send-one-mail.js";

export type { AlertMailDeps, MailOutcome } from "./send-one-mail.js";

export interface AlertMailReport {
  readonly organizations: number;
  readonly mails: readonly MailOutcome[];
  /** True when another run held the lock: this one read and sent nothing. */
  readonly busy: boolean;
}

/** What a run says when another is still going. */
export const ANOTHER_RUN = "another send is running; this one sent nothing";

interface MemberPlan {
  readonly userId: string;
  readonly email: string;
  readonly digestHour: number;
  readonly immediate: readonly PlannedDelivery[];
  /** Empty unless the digest is due now. */
  readonly digest: readonly PlannedDelivery[];
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

/**
 * One run over every organization, holding the alert mail lock (a dry run, which writes
 * and sends nothing, takes none); with `dryRun`, nothing is written or sent.
 */
export async function sendAlertMail(
  deps: AlertMailDeps,
  options: { readonly dryRun?: boolean } = {},
): Promise<AlertMailReport> {
  if (options.dryRun === true) return runOver(deps, true);
  const locked = await withAlertMailLock(deps.db, () => runOver(deps, false));
  return locked.ran ? locked.value : { organizations: 0, mails: [], busy: true };
}

async function runOver(deps: AlertMailDeps, dryRun: boolean): Promise<AlertMailReport> {
  if (!dryRun) await deleteExpiredUnsubscribeTokens(deps.db, deps.clock.now());
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
      const batches: Batch[] = plan.immediate.map((item) => ({
        kind: "immediate" as const,
        items: [item],
        compose: (unsubscribe) => immediateMail(item.alert, deps.baseUrl, unsubscribe),
      }));
      if (plan.digest.length > 0)
        batches.push({
          kind: "digest",
          items: plan.digest,
          compose: (unsubscribe) =>
            digestMail(
              plan.digest.map((d) => d.alert),
              { baseUrl: deps.baseUrl, organizationName: org.name, localDay, unsubscribeUrl: unsubscribe },
            ),
        });
      for (const batch of batches) {
        if (dryRun) {
          mails.push({
            organizationId: scope.organizationId,
            userId: plan.userId,
            kind: batch.kind,
            subject: batch.compose(null).subject,
            alerts: batch.items.length,
            outcome: "would-send",
          });
          continue;
        }
        mails.push(await sendOne(deps, scope, plan, batch, localDay));
      }
    }
  }
  return { organizations: organizations.length, mails, busy: false };
}
