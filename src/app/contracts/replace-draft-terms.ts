/**
 * Use case: the district rewrites a draft's terms. A draft is not agreed yet, so its one
 * version is replaced in place rather than amended; it stays the same contract (id,
 * district and vendor do not change). Once proposed, terms change only by amendment.
 */
import type { Db } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import { rebuildRollups } from "../session-rollups.js";
import {
  actorName,
  changeContract,
  refuse,
  stageConflict,
  type ChangeContext,
  type ChangeResult,
  type ContractTarget,
} from "./contract-change.js";
import { partyChanges, readTermsDocument } from "./terms-versions.js";

export interface ReplaceDraftTermsRequest {
  readonly terms: unknown;
}

export async function replaceDraftTerms(
  db: Db,
  context: ChangeContext,
  target: ContractTarget,
  request: ReplaceDraftTermsRequest,
): Promise<ChangeResult> {
  const reading = readTermsDocument(request.terms, "$.terms");
  if (!reading.ok) return { kind: "invalid", of: "terms", problems: reading.problems };
  const text = reading.value;
  return changeContract(db, context, target, async (tx, contract) => {
    if (contract.stage !== "draft")
      stageConflict(contract.stage, `the contract is ${contract.stage}: its terms change by amendment`);
    const moved = partyChanges(text.terms, contract, "$.terms");
    if (moved.length > 0) refuse({ kind: "invalid", of: "terms", problems: moved });
    const [current] = await tx.query<{ version: number; terms_sha256: string; start: string; end: string }>(
      `SELECT version, terms_sha256, terms->'period'->>'start' AS start, terms->'period'->>'end' AS "end"
         FROM contract_terms_versions
        WHERE district_id = $1 AND contract_id = $2 ORDER BY version DESC LIMIT 1`,
      [contract.districtId, contract.contractId],
    );
    if (current === undefined) throw new Error(`draft ${contract.contractId} has no terms version`);
    if (current.terms_sha256 === text.sha256) return null;
    await tx.query(
      `UPDATE contract_terms_versions
          SET terms_source = $4, terms_sha256 = $5, terms = $8::jsonb, recorded_by = $6, recorded_at = $7
        WHERE district_id = $1 AND contract_id = $2 AND version = $3`,
      [
        contract.districtId,
        contract.contractId,
        current.version,
        text.text,
        text.sha256,
        actorName(context.actor),
        storedTime(context.at),
        text.text,
      ],
    );
    await tx.query("UPDATE contracts SET title = $3 WHERE district_id = $1 AND contract_id = $2", [
      contract.districtId,
      contract.contractId,
      text.terms.title,
    ]);
    // Sessions may already be imported for a draft; rollups count those inside its period.
    if (current.start !== text.terms.period.start || current.end !== text.terms.period.end)
      await rebuildRollups(tx, contract.districtId, [contract.contractId]);
    return {
      action: "contract.terms-replace",
      detail: { version: current.version, termsSha256: text.sha256, previousSha256: current.terms_sha256 },
    };
  });
}
