/** The audit entry of a change to a check-in or its action items, in the district's log too. */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";

export interface CheckInChange {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly contractId: string;
}

/** Who a row names as its writer: the user, else the API token, else the organization. */
export function writerOf(actor: Actor): string {
  return actor.userId ?? actor.tokenId ?? actor.organizationId;
}

export async function auditCheckIn(
  tx: SqlRunner,
  change: CheckInChange,
  action: string,
  objectId: string,
  detail: Readonly<Record<string, unknown>>,
): Promise<void> {
  const objectType = action.startsWith("action-item.") ? "action-item" : "check-in";
  await appendAudit(
    tx,
    {
      ...actorAudit(
        change.actor,
        action,
        { type: objectType, id: `${change.contractId}/${objectId}` },
        {
          contractId: change.contractId,
          ...detail,
        },
      ),
      districtId: change.districtId,
    },
    change.at,
  );
}
