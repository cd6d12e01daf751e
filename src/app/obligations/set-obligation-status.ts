/**
 * Records a manual obligation's status (met or not met, with an optional evidence note)
 * from the API, as district staff. Every stored status row names the batch and line it
 * came from, so each change made here is a batch of its own (format `api-obligation`,
 * one accepted row at line 1) in the acting organization's name, written with the status,
 * its audit entry (`obligation.update`) and its status history entry in one transaction.
 * Setting the status it already has changes nothing and records nothing.
 *
 * A measured obligation's status is computed at settlement from the population, so it
 * is not set here.
 */
import { createHash } from "node:crypto";
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import { readObligations, type ObligationView } from "./read-obligations.js";
import { appendStatusHistory } from "./obligation-history.js";

export interface SetStatusRequest {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly contractId: string;
  readonly obligationId: string;
  readonly status: "met" | "notMet";
  readonly evidence: string | null;
}

export type SetStatusResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "measured"; readonly measure: string }
  | { readonly kind: "set"; readonly obligation: ObligationView; readonly changed: boolean };

export const API_OBLIGATION_FORMAT = "api-obligation";

export async function setObligationStatus(
  tx: SqlRunner,
  request: SetStatusRequest,
): Promise<SetStatusResult> {
  const { actor, districtId, contractId, obligationId, status, evidence } = request;
  const found = await readObligation(tx, districtId, contractId, obligationId);
  if (found === null) return { kind: "not-found" };
  if (found.measure.kind !== "manual") return { kind: "measured", measure: found.measure.kind };
  if (found.status === status && found.evidence === evidence)
    return { kind: "set", obligation: found, changed: false };
  const by = actor.userId ?? actor.tokenId ?? actor.organizationId;
  const change = JSON.stringify([contractId, obligationId, status, evidence, storedTime(request.at), by]);
  const [batch] = await tx.query<{ batch_id: bigint }>(
    `INSERT INTO import_batches (district_id, file_name, file_sha256, format, imported_by, imported_at,
                                 organization_id, rows_accepted)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING batch_id`,
    [
      districtId,
      `api: obligation ${contractId}/${obligationId}`,
      createHash("sha256").update(change, "utf8").digest("hex"),
      API_OBLIGATION_FORMAT,
      by,
      storedTime(request.at),
      actor.organizationId,
    ],
  );
  if (batch === undefined) throw new Error("import_batches returned no batch_id");
  await tx.query(
    `INSERT INTO obligation_statuses (district_id, contract_id, obligation_id, status, evidence, batch_id, source_line)
     VALUES ($1, $2, $3, $4, $5, $6, 1)
     ON CONFLICT (district_id, contract_id, obligation_id)
     DO UPDATE SET status = excluded.status, evidence = excluded.evidence, batch_id = excluded.batch_id,
                   source_line = excluded.source_line`,
    [districtId, contractId, obligationId, status, evidence, batch.batch_id],
  );
  await appendStatusHistory(tx, districtId, batch.batch_id, [1], "manual");
  await appendAudit(
    tx,
    {
      ...actorAudit(
        actor,
        "obligation.update",
        { type: "obligation", id: `${contractId}/${obligationId}` },
        { contractId, obligationId, status, batchId: String(batch.batch_id) },
      ),
      districtId,
    },
    request.at,
  );
  const updated = await readObligation(tx, districtId, contractId, obligationId);
  if (updated === null) throw new Error(`obligation ${obligationId} vanished while it was set`);
  return { kind: "set", obligation: updated, changed: true };
}

/** One obligation of the contract's current terms, or null when there is none (or no contract). */
export async function readObligation(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  obligationId: string,
): Promise<ObligationView | null> {
  const all = await readObligations(tx, districtId, contractId);
  return all?.obligations.find((o) => o.obligationId === obligationId) ?? null;
}
