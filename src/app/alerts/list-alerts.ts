/**
 * Use case: the alerts of every active contract the acting organization is a party to
 * (row-level security narrows the contracts: a vendor gets its own contracts' alerts
 * only), as of today. Each active contract is settled as its party sees it
 * (settle-as-of-today.ts), then its progress gives its alerts (read-contract-progress).
 * A contract whose stored data cannot be settled gets no alerts but is named, so that
 * the silence is not mistaken for good news.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import { bySeverity, type Alert } from "../../core/alerts/alert.js";
import { settleAsOf } from "../contract-progress/settle-as-of-today.js";
import { progressOfSettled, type ContractHead } from "../contract-progress/read-contract-progress.js";

export interface ContractAlert extends Alert {
  readonly contractTitle: string;
}

export interface AlertList {
  readonly today: IsoDate;
  /** Most severe first; contracts in (district, contract) order within a severity. */
  readonly alerts: readonly ContractAlert[];
  /** Active contracts whose stored data could not be settled (an import left bad rows). */
  readonly unsettled: readonly { readonly districtId: string; readonly contractId: string }[];
}

async function activeContracts(tx: SqlRunner): Promise<ContractHead[]> {
  const rows = await tx.query<{ district_id: string; contract_id: string; title: string; stage: string }>(
    `SELECT district_id, contract_id, title, stage FROM contracts WHERE stage = 'active'
      ORDER BY district_id COLLATE "C", contract_id COLLATE "C"`,
  );
  return rows.map((r) => ({
    districtId: r.district_id,
    contractId: r.contract_id,
    title: r.title,
    stage: r.stage,
  }));
}

export async function listAlerts(tx: SqlRunner, today: IsoDate): Promise<AlertList> {
  const alerts: ContractAlert[] = [];
  const unsettled: { districtId: string; contractId: string }[] = [];
  for (const head of await activeContracts(tx)) {
    const result = await settleAsOf(tx, head.districtId, head.contractId, today);
    if (result.kind !== "settled") {
      // Bad stored rows (or no approved terms) must not hide the other contracts' alerts.
      unsettled.push({ districtId: head.districtId, contractId: head.contractId });
      continue;
    }
    const progress = await progressOfSettled(tx, head, result.settled, result.coverage, today);
    alerts.push(...progress.alerts.map((a) => ({ ...a, contractTitle: head.title })));
  }
  return { today, alerts: bySeverity(alerts) as ContractAlert[], unsettled };
}
