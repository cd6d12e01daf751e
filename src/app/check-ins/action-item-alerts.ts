/** The alerts of a contract's open action items past their due day (core/alerts/action-item-rules.ts). */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { Alert, ContractRef } from "../../core/alerts/alert.js";
import { actionItemAlert } from "../../core/alerts/action-item-rules.js";
import { overdueActionItems } from "./read-check-ins.js";

export async function actionItemAlerts(tx: SqlRunner, ref: ContractRef, today: IsoDate): Promise<Alert[]> {
  const items = await overdueActionItems(tx, ref.districtId, ref.contractId, today);
  return items.flatMap((i) => {
    const alert = actionItemAlert(
      ref,
      {
        actionItemId: String(i.actionItemId),
        checkInId: String(i.checkInId),
        description: i.description,
        ownerParty: i.ownerParty,
        status: i.status,
        dueOn: i.dueOn,
      },
      today,
    );
    return alert === null ? [] : [alert];
  });
}
