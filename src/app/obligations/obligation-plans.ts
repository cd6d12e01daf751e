/**
 * The plan of each obligation (obligation_plans): its owner, a named contact who answers
 * for it (not necessarily an Accord user), and its due date. An obligation without a row,
 * or without a due date, is due at the period's end.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";

export interface ObligationOwner {
  readonly name: string;
  readonly email: string | null;
}

export interface ObligationPlan {
  readonly owner: ObligationOwner | null;
  readonly dueOn: IsoDate | null;
}

/** The stored plans of a contract's obligations, by obligation id. */
export async function readObligationPlans(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<ReadonlyMap<string, ObligationPlan>> {
  const rows = await tx.query<{
    obligation_id: string;
    owner_name: string | null;
    owner_email: string | null;
    due_on: string | null;
  }>(
    `SELECT obligation_id, owner_name, owner_email, due_on FROM obligation_plans
      WHERE district_id = $1 AND contract_id = $2`,
    [districtId, contractId],
  );
  return new Map(
    rows.map((r) => [
      r.obligation_id,
      {
        owner: r.owner_name === null ? null : { name: r.owner_name, email: r.owner_email },
        dueOn: r.due_on as IsoDate | null,
      },
    ]),
  );
}
