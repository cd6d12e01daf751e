/**
 * Use case: a party approves a proposed terms version: a district administrator for the
 * district, a user of the contract's vendor for the vendor. A version both parties
 * approved is approved: version 1 of a proposed contract makes it active; an amendment of
 * an active contract becomes the terms settlement applies from then on.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { Party } from "../../core/terms/types.js";
import { rebuildRollups } from "../session-rollups.js";
import {
  actorName,
  changeContract,
  lockProposedVersion,
  refuse,
  stageConflict,
  type ChangeContext,
  type ChangeResult,
  type ContractTarget,
  type LockedContract,
} from "./contract-change.js";

export interface ApproveTermsRequest {
  readonly version: number;
}

export async function approveTerms(
  db: Db,
  context: ChangeContext,
  target: ContractTarget,
  request: ApproveTermsRequest,
): Promise<ChangeResult> {
  const { actor } = context;
  if (actor.orgKind === "platform") throw new Error("a platform organization is no party to a contract");
  const party: Party = actor.orgKind;
  return changeContract(db, context, target, async (tx, contract) => {
    // Row-level security already hides other organizations' contracts; this says the same.
    const own = party === "district" ? contract.districtId : contract.vendorId;
    if (own !== actor.organizationId) refuse({ kind: "not-found" });
    if (contract.stage === "draft")
      stageConflict("draft", "a draft is proposed before its terms are approved");
    if (contract.stage !== "proposed" && contract.stage !== "active")
      stageConflict(contract.stage, `the contract is ${contract.stage}: its terms are no longer approved`);
    const row = await lockProposedVersion(tx, contract, request.version, "not proposed");
    const mine = party === "district" ? row.district_approved_at : row.vendor_approved_at;
    if (mine !== null) return null;
    const theirs = party === "district" ? row.vendor_approved_at : row.district_approved_at;
    const approved = theirs !== null;
    await tx.query(
      `UPDATE contract_terms_versions
          SET ${party}_approved_by = $4, ${party}_approved_at = $5,
              status = CASE WHEN $6 THEN 'approved' ELSE status END
        WHERE district_id = $1 AND contract_id = $2 AND version = $3`,
      [
        contract.districtId,
        contract.contractId,
        request.version,
        actorName(actor),
        storedTime(context.at),
        approved,
      ],
    );
    if (approved && contract.stage === "active") await applyAmendment(tx, contract, request.version);
    const activates = approved && contract.stage === "proposed";
    return {
      action: "terms.approve",
      detail: { version: request.version, party, approved, ...(activates ? { stage: "active" } : {}) },
      ...(activates ? { stage: "active" as const } : {}),
    };
  });
}

/**
 * An approved amendment is the contract's terms from now on: its title is the contract's,
 * and a new period recounts the session rollups (as recording terms from a file does).
 */
async function applyAmendment(tx: SqlRunner, contract: LockedContract, version: number): Promise<void> {
  const rows = await tx.query<{ version: number; title: string; start: string; end: string }>(
    `SELECT version, terms->>'title' AS title, terms->'period'->>'start' AS start,
            terms->'period'->>'end' AS "end"
       FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND status = 'approved' AND version <= $3
      ORDER BY version DESC LIMIT 2`,
    [contract.districtId, contract.contractId, version],
  );
  const [now, before] = rows;
  if (now === undefined || now.version !== version) throw new Error(`version ${version} is not approved`);
  await tx.query("UPDATE contracts SET title = $3 WHERE district_id = $1 AND contract_id = $2", [
    contract.districtId,
    contract.contractId,
    now.title,
  ]);
  if (before === undefined || before.start !== now.start || before.end !== now.end)
    await rebuildRollups(tx, contract.districtId, [contract.contractId]);
}
