/**
 * Use case: the district withdraws an amendment it proposed and that is not approved yet.
 * The version is kept, marked withdrawn (the record of what was proposed); it can no
 * longer be approved, and the approved version goes on applying.
 */
import type { Db } from "../ports/db.js";
import {
  changeContract,
  lockProposedVersion,
  stageConflict,
  type ChangeContext,
  type ChangeResult,
  type ContractTarget,
} from "./contract-change.js";

export interface WithdrawAmendmentRequest {
  readonly version: number;
}

export async function withdrawAmendment(
  db: Db,
  context: ChangeContext,
  target: ContractTarget,
  request: WithdrawAmendmentRequest,
): Promise<ChangeResult> {
  return changeContract(db, context, target, async (tx, contract) => {
    if (contract.stage !== "active")
      stageConflict(
        contract.stage,
        `only an active contract has amendments; the contract is ${contract.stage}`,
      );
    await lockProposedVersion(tx, contract, request.version, "not a proposed amendment");
    await tx.query(
      `UPDATE contract_terms_versions SET status = 'withdrawn'
        WHERE district_id = $1 AND contract_id = $2 AND version = $3`,
      [contract.districtId, contract.contractId, request.version],
    );
    return { action: "terms.withdraw", detail: { version: request.version } };
  });
}
