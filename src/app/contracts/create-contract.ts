/**
 * Use case: a district starts a contract as a draft from obc-terms/1 terms. The draft is
 * the district's own (the terms must name the acting district), its vendor is recorded in
 * the district when new, and its terms are version 1, proposed and approved by no one:
 * a draft is what the parties are still negotiating.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import {
  actorName,
  auditChange,
  contractAfter,
  inTransaction,
  refuse,
  type ChangeContext,
  type ChangeRefusal,
} from "./contract-change.js";
import type { ContractDetail } from "./read-contracts.js";
import { insertProposedVersion, readTermsDocument, type TermsText } from "./terms-versions.js";

export interface CreateContractRequest {
  /** The obc-terms/1 document, as sent. */
  readonly terms: unknown;
}

export type CreateContractResult =
  { readonly kind: "created"; readonly detail: ContractDetail } | ChangeRefusal;

/**
 * The lock class of record-contract.ts: with the district's hash it serialises every
 * creation of a contract in one district, from the CLI or the API, so that two creations
 * of one id meet as a conflict rather than a failed insert.
 */
const LOCK_CLASS = 741_103;

export async function createDraftContract(
  db: Db,
  context: ChangeContext,
  request: CreateContractRequest,
): Promise<CreateContractResult> {
  const reading = readTermsDocument(request.terms, "$.terms");
  if (!reading.ok) return { kind: "invalid", of: "terms", problems: reading.problems };
  const { terms } = reading.value;
  const districtId = context.actor.organizationId;
  if (context.actor.orgKind !== "district" || terms.district.id !== districtId)
    return {
      kind: "invalid",
      of: "terms",
      problems: [
        {
          path: "$.terms.district.id",
          code: "other-district",
          message: `a contract is created by its own district; these terms are district ${terms.district.id}'s`,
        },
      ],
    };
  return inTransaction(db, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, districtId]);
    const [taken] = await tx.query("SELECT 1 FROM contracts WHERE district_id = $1 AND contract_id = $2", [
      districtId,
      terms.contractId,
    ]);
    if (taken !== undefined)
      return refuse({
        kind: "conflict",
        message: `district ${districtId} already has a contract ${terms.contractId}`,
      });
    await insertDraft(tx, context, reading.value);
    await auditChange(tx, context, districtId, terms.contractId, {
      action: "contract.create",
      detail: { vendorId: terms.vendor.id, version: 1, termsSha256: reading.value.sha256 },
    });
    return { kind: "created" as const, detail: await contractAfter(tx, districtId, terms.contractId) };
  });
}

/**
 * The vendor when new, the contract and its version 1. (The district's row exists: it is
 * made with the district's organization.)
 */
async function insertDraft(tx: SqlRunner, context: ChangeContext, text: TermsText): Promise<void> {
  const { terms } = text;
  const districtId = terms.district.id;
  await tx.query(
    `INSERT INTO vendors (district_id, vendor_id, name) VALUES ($1, $2, $3)
     ON CONFLICT (district_id, vendor_id) DO NOTHING`,
    [districtId, terms.vendor.id, terms.vendor.name],
  );
  await tx.query(
    `INSERT INTO contracts (district_id, contract_id, vendor_id, title, created_at, stage, revision)
       VALUES ($1, $2, $3, $4, $5, 'draft', 1)`,
    [districtId, terms.contractId, terms.vendor.id, terms.title, storedTime(context.at)],
  );
  await insertProposedVersion(tx, {
    districtId,
    contractId: terms.contractId,
    version: 1,
    terms: text,
    reason: "draft",
    recordedBy: actorName(context.actor),
    recordedAt: context.at,
  });
}
