/**
 * Use case: the district proposes an amendment of an active contract: the next terms
 * version, proposed, with the reason for it. The approved version stays the terms
 * settlement applies until both parties approve the amendment; its text never changes.
 * One amendment is open at a time, so approvals cannot cross (withdraw it to propose
 * another).
 */
import type { Db } from "../ports/db.js";
import {
  actorName,
  changeContract,
  refuse,
  stageConflict,
  type ChangeContext,
  type ChangeResult,
  type ContractTarget,
} from "./contract-change.js";
import { insertProposedVersion, partyChanges, readTermsDocument } from "./terms-versions.js";

export interface AmendContractRequest {
  readonly terms: unknown;
  /** Why the terms change (1-500 characters). */
  readonly reason: string;
}

export async function amendContract(
  db: Db,
  context: ChangeContext,
  target: ContractTarget,
  request: AmendContractRequest,
): Promise<ChangeResult> {
  if (request.reason.trim() === "" || request.reason.length > 500)
    return {
      kind: "invalid",
      of: "request",
      problems: [{ path: "$.reason", code: "bad-reason", message: "give the reason in 1-500 characters" }],
    };
  const reading = readTermsDocument(request.terms, "$.terms");
  if (!reading.ok) return { kind: "invalid", of: "terms", problems: reading.problems };
  const text = reading.value;
  return changeContract(db, context, target, async (tx, contract) => {
    if (contract.stage !== "active")
      stageConflict(contract.stage, `only an active contract is amended; the contract is ${contract.stage}`);
    const moved = partyChanges(text.terms, contract, "$.terms");
    if (moved.length > 0) refuse({ kind: "invalid", of: "terms", problems: moved });
    const versions = await tx.query<{ version: number; status: string; terms_sha256: string }>(
      `SELECT version, status, terms_sha256 FROM contract_terms_versions
        WHERE district_id = $1 AND contract_id = $2 ORDER BY version DESC`,
      [contract.districtId, contract.contractId],
    );
    const open = versions.find((v) => v.status === "proposed");
    if (open !== undefined)
      refuse({
        kind: "conflict",
        message: `amendment ${open.version} is still proposed: withdraw it before proposing another`,
      });
    const applied = versions.find((v) => v.status === "approved");
    if (applied?.terms_sha256 === text.sha256)
      refuse({
        kind: "invalid",
        of: "terms",
        problems: [
          {
            path: "$.terms",
            code: "no-change",
            message: `these are the terms of version ${applied.version}`,
          },
        ],
      });
    const version = (versions[0]?.version ?? 0) + 1;
    await insertProposedVersion(tx, {
      districtId: contract.districtId,
      contractId: contract.contractId,
      version,
      terms: text,
      reason: request.reason,
      recordedBy: actorName(context.actor),
      recordedAt: context.at,
    });
    return { action: "contract.amend", detail: { version, termsSha256: text.sha256 } };
  });
}
