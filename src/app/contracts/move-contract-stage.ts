/**
 * Use cases that only move a contract along draft -> proposed -> active -> settled ->
 * closed. (A proposed contract becomes active when both parties approve its terms:
 * approve-terms.ts.) Each move bumps the revision like any change.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import {
  changeContract,
  stageConflict,
  type ChangeContext,
  type ChangeResult,
  type ContractStage,
  type ContractTarget,
} from "./contract-change.js";

/** The district puts its draft to the vendor: from now on terms change by amendment only. */
export function proposeContract(
  db: Db,
  context: ChangeContext,
  target: ContractTarget,
): Promise<ChangeResult> {
  return changeContract(db, context, target, (_tx, contract) => {
    if (contract.stage !== "draft")
      stageConflict(contract.stage, `only a draft is proposed; the contract is ${contract.stage}`);
    return Promise.resolve({ action: "contract.propose", detail: { from: "draft" }, stage: "proposed" });
  });
}

/** The district closes a settled contract: nothing more happens under it. */
export function closeContract(db: Db, context: ChangeContext, target: ContractTarget): Promise<ChangeResult> {
  return changeContract(db, context, target, (_tx, contract) => {
    if (contract.stage !== "settled")
      stageConflict(
        contract.stage,
        `only a settled contract is closed (its final statement approved); the contract is ${contract.stage}`,
      );
    return Promise.resolve({ action: "contract.close", detail: { from: "settled" }, stage: "closed" });
  });
}

export type MarkSettledResult =
  | { readonly kind: "settled"; readonly revision: number }
  | { readonly kind: "already-settled"; readonly revision: number }
  | { readonly kind: "not-found" }
  | { readonly kind: "stage-conflict"; readonly stage: ContractStage };

/**
 * Marks an active contract settled, in the caller's transaction (the approval of its final
 * statement, which the caller audits). Settling a settled contract again changes nothing.
 * Runs as either party: row-level security lets a vendor update its own contracts
 * (db/migrations/0004_contract_lifecycle.sql).
 */
export async function markContractSettled(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<MarkSettledResult> {
  const [moved] = await tx.query<{ revision: number }>(
    `UPDATE contracts SET stage = 'settled', revision = revision + 1
      WHERE district_id = $1 AND contract_id = $2 AND stage = 'active' RETURNING revision`,
    [districtId, contractId],
  );
  if (moved !== undefined) return { kind: "settled", revision: moved.revision };
  const [row] = await tx.query<{ stage: ContractStage; revision: number }>(
    "SELECT stage, revision FROM contracts WHERE district_id = $1 AND contract_id = $2",
    [districtId, contractId],
  );
  if (row === undefined) return { kind: "not-found" };
  if (row.stage === "settled") return { kind: "already-settled", revision: row.revision };
  return { kind: "stage-conflict", stage: row.stage };
}
