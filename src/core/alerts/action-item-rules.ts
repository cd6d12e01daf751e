/**
 * Action items of check-ins: an open action item past its due day is **overdue**, a
 * warning (it carries to the next check-in's agenda as well). Done and cancelled items,
 * and items due today or later, raise nothing.
 */
import { daysBetween, type IsoDate } from "../date.js";
import { days, sentenceDate, type Alert, type ContractRef } from "./alert.js";

export interface ActionItemFacts {
  readonly actionItemId: string;
  readonly checkInId: string;
  readonly description: string;
  readonly ownerParty: "district" | "vendor";
  readonly status: "open" | "done" | "cancelled";
  readonly dueOn: IsoDate;
}

const OWNER = { district: "the district", vendor: "the vendor" } as const;

export function actionItemAlert(ref: ContractRef, item: ActionItemFacts, today: IsoDate): Alert | null {
  const late = daysBetween(item.dueOn, today);
  if (item.status !== "open" || late <= 0) return null;
  return {
    ...ref,
    code: "action-item-overdue",
    severity: "warning",
    subject: item.actionItemId,
    message:
      `Action item "${item.description}" (owner: ${OWNER[item.ownerParty]}) was due on ` +
      `${sentenceDate(item.dueOn)} and is still open, ${days(late)} later.`,
    target: { page: "check-in", checkInId: item.checkInId },
  };
}
