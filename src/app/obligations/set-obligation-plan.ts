/**
 * Sets an obligation's plan: its owner (a named contact, or none) and its due date (a day
 * within the contract period, or none: the period's end). The whole plan is given each
 * time; one equal to the stored plan changes nothing and records nothing. A change is
 * written with its audit entry (`obligation.plan`) in one transaction.
 *
 * Who may: district staff who write data, for any obligation of their contracts; a vendor
 * user, the owner of its own obligations (party "vendor") only, leaving the due date as
 * the district set it: the date is what the district holds the vendor to, the owner is
 * the vendor's own staffing.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { can } from "../auth/roles.js";
import { appendAudit } from "../audit-log.js";
import type { IsoDate } from "../../core/date.js";
import { readObligations, type ObligationView } from "./read-obligations.js";
import type { ObligationOwner } from "./obligation-plans.js";

export interface SetPlanRequest {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly contractId: string;
  readonly obligationId: string;
  readonly owner: ObligationOwner | null;
  readonly dueOn: IsoDate | null;
}

export type SetPlanResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "forbidden"; readonly reason: string }
  | {
      readonly kind: "invalid";
      readonly problems: readonly { path: string; code: string; message: string }[];
    }
  | { readonly kind: "set"; readonly obligation: ObligationView; readonly changed: boolean };

const sameOwner = (a: ObligationOwner | null, b: ObligationOwner | null) =>
  a === null || b === null ? a === b : a.name === b.name && a.email === b.email;

export async function setObligationPlan(tx: SqlRunner, request: SetPlanRequest): Promise<SetPlanResult> {
  const { actor, districtId, contractId, obligationId, owner, dueOn } = request;
  const all = await readObligations(tx, districtId, contractId);
  const found = all?.obligations.find((o) => o.obligationId === obligationId);
  if (all === null || found === undefined) return { kind: "not-found" };
  const storedDueOn = found.dueOnSource === "plan" ? found.dueOn : null;
  if (!can(actor.role, "write:data")) {
    if (actor.orgKind !== "vendor" || found.party !== "vendor")
      return { kind: "forbidden", reason: "a vendor sets the owner of its own obligations only" };
    if (dueOn !== storedDueOn)
      return { kind: "forbidden", reason: "the district sets due dates; a vendor sets the owner only" };
  }
  const { start, end } = all.period;
  if (dueOn !== null && (dueOn < start || dueOn > end))
    return {
      kind: "invalid",
      problems: [
        {
          path: "$.body.dueOn",
          code: "outside-period",
          message: `the due date must be within the contract period, ${start} to ${end}`,
        },
      ],
    };
  if (sameOwner(owner, found.owner) && dueOn === storedDueOn)
    return { kind: "set", obligation: found, changed: false };
  const by = actor.userId ?? actor.tokenId ?? actor.organizationId;
  if (owner === null && dueOn === null)
    await tx.query(
      "DELETE FROM obligation_plans WHERE district_id = $1 AND contract_id = $2 AND obligation_id = $3",
      [districtId, contractId, obligationId],
    );
  else
    await tx.query(
      `INSERT INTO obligation_plans (district_id, contract_id, obligation_id, owner_name, owner_email, due_on,
                                     updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (district_id, contract_id, obligation_id)
       DO UPDATE SET owner_name = excluded.owner_name, owner_email = excluded.owner_email,
                     due_on = excluded.due_on, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [
        districtId,
        contractId,
        obligationId,
        owner?.name ?? null,
        owner?.email ?? null,
        dueOn,
        by,
        storedTime(request.at),
      ],
    );
  await appendAudit(
    tx,
    {
      ...actorAudit(
        actor,
        "obligation.plan",
        { type: "obligation", id: `${contractId}/${obligationId}` },
        { contractId, obligationId, owner: owner?.name ?? null, dueOn },
      ),
      districtId,
    },
    request.at,
  );
  const updated = (await readObligations(tx, districtId, contractId))?.obligations.find(
    (o) => o.obligationId === obligationId,
  );
  if (updated === undefined) throw new Error(`obligation ${obligationId} vanished while its plan was set`);
  return { kind: "set", obligation: updated, changed: true };
}
