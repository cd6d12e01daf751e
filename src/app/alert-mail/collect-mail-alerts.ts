/**
 * The alerts the acting organization sees today, each with the figures a mail subject
 * states ("451 of 1,200 students"). The same computation as GET /api/alerts
 * (list-alerts.ts): every active contract row-level security shows the organization,
 * settled as its party sees it; contracts whose stored data cannot be settled are named.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import { bySeverity, groupDigits, type Alert } from "../../core/alerts/alert.js";
import type { MailAlert } from "../../core/alert-mail/plan-deliveries.js";
import { settleAsOf } from "../contract-progress/settle-as-of-today.js";
import {
  progressOfSettled,
  type ContractHead,
  type ContractProgress,
} from "../contract-progress/read-contract-progress.js";

export interface MailAlertList {
  readonly alerts: readonly MailAlert[];
  readonly unsettled: readonly { readonly districtId: string; readonly contractId: string }[];
}

function headline(alert: Alert, progress: ContractProgress): string | null {
  if (alert.code === "enrolment-behind")
    return `${groupDigits(progress.statement.population.enrolled)} of ${groupDigits(progress.terms.expectedStudents)} students`;
  if (alert.code === "dosage-behind") {
    const dosage = progress.dosage.find((d) => d.metricId === alert.subject);
    if (dosage !== undefined)
      return `${groupDigits(dosage.onPace)} of ${groupDigits(dosage.eligible)} students on pace`;
  }
  return null;
}

export async function collectMailAlerts(tx: SqlRunner, today: IsoDate): Promise<MailAlertList> {
  const heads = await tx.query<{ district_id: string; contract_id: string; title: string; stage: string }>(
    `SELECT district_id, contract_id, title, stage FROM contracts WHERE stage = 'active'
      ORDER BY district_id COLLATE "C", contract_id COLLATE "C"`,
  );
  const alerts: MailAlert[] = [];
  const unsettled: { districtId: string; contractId: string }[] = [];
  for (const row of heads) {
    const head: ContractHead = {
      districtId: row.district_id,
      contractId: row.contract_id,
      title: row.title,
      stage: row.stage,
    };
    const result = await settleAsOf(tx, head.districtId, head.contractId, today);
    if (result.kind !== "settled") {
      unsettled.push({ districtId: head.districtId, contractId: head.contractId });
      continue;
    }
    const progress = await progressOfSettled(tx, head, result.settled, result.coverage, today);
    for (const alert of progress.alerts)
      alerts.push({ ...alert, contractTitle: head.title, headline: headline(alert, progress) });
  }
  return { alerts: bySeverity(alerts) as MailAlert[], unsettled };
}
