/**
 * Use case: the district awards an RFP to one proposal, once. In one transaction: the
 * winner's rate card is merged into the RFP's terms with the winning vendor and the new
 * contract's id, the contract draft is created by the contract use case
 * (src/app/contracts/create-contract.ts, which audits `contract.create`), the RFP is
 * marked awarded, the winner `awarded` and every other submitted proposal `notSelected`,
 * and `rfp.award` is audited. An RFP is awarded after it stopped taking proposals (closed,
 * or published with its due date passed).
 */
import type { Db, SqlRunner } from "../ports/db.js";
import { storedTime, utcDay } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import type { JsonProblem } from "../../core/problem.js";
import { formatCents } from "../../core/money.js";
import { mergeRateCard } from "../../core/rfp/rate-card.js";
import { createDraftContract } from "../contracts/create-contract.js";
import type { ContractDetail } from "../contracts/read-contracts.js";
import { isOpen, readProposal, readRfp, type RfpRow } from "./rfp-rows.js";

export interface AwardRequest {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly rfpId: string;
  readonly proposalId: string;
  /** The new contract's id; null: the RFP's id. */
  readonly contractId: string | null;
}

export type AwardResult =
  | { readonly kind: "awarded"; readonly rfp: RfpRow; readonly contract: ContractDetail }
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] };

/** `tx` as a Db whose transactions are savepoints of it, so a use case can join this transaction. */
function joined(tx: SqlRunner, kind: Db["kind"]): Db {
  return {
    kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    copyFrom: (table, columns, text, format) => tx.copyFrom(table, columns, text, format),
    transaction: async (fn) => {
      await tx.query("SAVEPOINT joined");
      try {
        const result = await fn(tx);
        await tx.query("RELEASE SAVEPOINT joined");
        return result;
      } catch (error) {
        await tx.query("ROLLBACK TO SAVEPOINT joined");
        throw error;
      }
    },
    close: () => Promise.resolve(),
  };
}

export function awardProposal(db: Db, request: AwardRequest): Promise<AwardResult> {
  return db.transaction((tx) => award(tx, db.kind, request));
}

async function award(tx: SqlRunner, kind: Db["kind"], request: AwardRequest): Promise<AwardResult> {
  const { districtId, rfpId, proposalId } = request;
  if (request.actor.orgKind !== "district") return { kind: "not-found" };
  const rfp = await readRfp(tx, districtId, rfpId, true);
  if (rfp === null) return { kind: "not-found" };
  const proposal = await readProposal(tx, districtId, rfpId, proposalId, true);
  if (proposal === null) return { kind: "not-found" };
  if (rfp.status === "awarded")
    return {
      kind: "conflict",
      message: `the RFP was already awarded (contract ${rfp.awardedContractId ?? ""})`,
    };
  if (rfp.status === "draft")
    return { kind: "conflict", message: "the RFP is a draft: publish and close it first" };
  if (isOpen(rfp, utcDay(request.at)))
    return { kind: "conflict", message: "the RFP still takes proposals: close it before awarding" };
  if (proposal.status !== "submitted")
    return {
      kind: "conflict",
      message: `the proposal is ${proposal.status}: only a submitted proposal is awarded`,
    };
  const merged = mergeRateCard(
    JSON.parse(rfp.termsSource) as Record<string, unknown>,
    JSON.parse(proposal.rateCardSource) as unknown,
    formatCents(proposal.priceCents),
  );
  if (!merged.ok) return { kind: "invalid", problems: merged.problems };
  const contractId = request.contractId ?? rfpId;
  const terms = {
    ...merged.document,
    contractId,
    vendor: { id: proposal.vendorId, name: proposal.vendorName },
  };
  const created = await createDraftContract(joined(tx, kind), request, { terms });
  if (created.kind !== "created") {
    if (created.kind === "conflict" || created.kind === "stage-conflict")
      return { kind: "conflict", message: created.message };
    if (created.kind === "invalid")
      return {
        kind: "invalid",
        problems: created.problems.map((p) => ({ ...p, path: p.path.replace("$.terms", "$.contractTerms") })),
      };
    throw new Error(`creating the awarded contract answered ${created.kind}`);
  }
  const at = storedTime(request.at);
  await tx.query(
    `UPDATE rfps SET status = 'awarded', awarded_at = $3, awarded_proposal_id = $4, awarded_contract_id = $5,
            closed_at = coalesce(closed_at, $3), revision = revision + 1
      WHERE district_id = $1 AND rfp_id = $2`,
    [districtId, rfpId, at, proposalId, contractId],
  );
  await tx.query(
    `UPDATE proposals SET status = CASE WHEN proposal_id = $3 THEN 'awarded' ELSE 'notSelected' END
      WHERE district_id = $1 AND rfp_id = $2 AND status = 'submitted'`,
    [districtId, rfpId, proposalId],
  );
  await appendAudit(
    tx,
    actorAudit(
      request.actor,
      "rfp.award",
      { type: "rfp", id: `${districtId}/${rfpId}` },
      {
        proposalId,
        vendorId: proposal.vendorId,
        contractId,
        priceCents: String(proposal.priceCents),
      },
    ),
    request.at,
  );
  const after = await readRfp(tx, districtId, rfpId);
  if (after === null) throw new Error(`RFP ${districtId}/${rfpId} vanished inside its award`);
  return { kind: "awarded", rfp: after, contract: created.detail };
}
