/**
 * What every change of a contract's lifecycle shares: the contract is locked and its
 * revision checked against the one the caller read (optimistic concurrency: a change made
 * on a stale read is refused, never merged); a change bumps the revision and appends its
 * audit entry in the same transaction; the result carries the contract as it now is.
 * A refusal throws inside the transaction, so nothing of a refused change is kept.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import type { JsonProblem } from "../../core/problem.js";
import { readContract, type ContractDetail, type ContractRow } from "./read-contracts.js";

export type ContractStage = ContractRow["stage"];

/** Who acts and when: the audit entry and the recorded-by columns come from it. */
export interface ChangeContext {
  readonly actor: Actor;
  readonly at: Date;
}

export interface ContractTarget {
  readonly districtId: string;
  readonly contractId: string;
  /** The revision the caller read (the ETag sent in If-Match); null when it named none of this contract's. */
  readonly ifRevision: number | null;
}

/** Why a change was refused. Problem paths are JSON paths into the request (`$.terms.period.end`). */
export type ChangeRefusal =
  | { readonly kind: "not-found" }
  | { readonly kind: "stale"; readonly revision: number }
  | { readonly kind: "stage-conflict"; readonly stage: ContractStage; readonly message: string }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "invalid"; readonly of: "terms" | "request"; readonly problems: readonly JsonProblem[] };

export type ChangeResult =
  { readonly kind: "changed" | "unchanged"; readonly detail: ContractDetail } | ChangeRefusal;

/** What a change did: the audit entry to append, and the stage it moves the contract to. */
export interface ChangeMade {
  readonly action: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly stage?: ContractStage;
}

export interface LockedContract {
  readonly districtId: string;
  readonly contractId: string;
  readonly vendorId: string;
  readonly stage: ContractStage;
  readonly revision: number;
}

class Refused extends Error {
  constructor(readonly refusal: ChangeRefusal) {
    super(refusal.kind);
  }
}

/** Ends the change with `refusal`, rolling back whatever it wrote. */
export function refuse(refusal: ChangeRefusal): never {
  throw new Refused(refusal);
}

export function stageConflict(stage: ContractStage, message: string): never {
  return refuse({ kind: "stage-conflict", stage, message });
}

/** Runs `fn` in one transaction of `db`; a refusal thrown inside becomes the result. */
export async function inTransaction<T>(
  db: Db,
  fn: (tx: SqlRunner) => Promise<T>,
): Promise<T | ChangeRefusal> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** The name the recorded-by and approved-by columns keep: the user, or the API token. */
export function actorName(actor: Actor): string {
  return actor.userId ?? `token:${actor.tokenId ?? "unknown"}`;
}

/** The contract as it is after a change, read in the change's transaction. */
export async function contractAfter(tx: SqlRunner, districtId: string, contractId: string) {
  const detail = await readContract(tx, districtId, contractId);
  if (detail === null) throw new Error(`contract ${districtId}/${contractId} vanished inside its change`);
  return detail;
}

/**
 * Locks the target contract, checks its revision, and runs `change`; a change made bumps
 * the revision (and moves the stage) and is audited. `change` answers null for a no-op.
 */
export async function changeContract(
  db: Db,
  context: ChangeContext,
  target: ContractTarget,
  change: (tx: SqlRunner, contract: LockedContract) => Promise<ChangeMade | null>,
): Promise<ChangeResult> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.query<{ vendor_id: string; stage: ContractStage; revision: number }>(
      `SELECT vendor_id, stage, revision FROM contracts
        WHERE district_id = $1 AND contract_id = $2 FOR UPDATE`,
      [target.districtId, target.contractId],
    );
    if (row === undefined) return refuse({ kind: "not-found" });
    if (row.revision !== target.ifRevision) return refuse({ kind: "stale", revision: row.revision });
    const contract: LockedContract = {
      districtId: target.districtId,
      contractId: target.contractId,
      vendorId: row.vendor_id,
      stage: row.stage,
      revision: row.revision,
    };
    const made = await change(tx, contract);
    if (made === null)
      return { kind: "unchanged", detail: await contractAfter(tx, contract.districtId, contract.contractId) };
    await tx.query(
      `UPDATE contracts SET revision = revision + 1, stage = $3 WHERE district_id = $1 AND contract_id = $2`,
      [contract.districtId, contract.contractId, made.stage ?? contract.stage],
    );
    await auditChange(tx, context, contract.districtId, contract.contractId, made);
    return { kind: "changed", detail: await contractAfter(tx, contract.districtId, contract.contractId) };
  });
}

export async function auditChange(
  tx: SqlRunner,
  context: ChangeContext,
  districtId: string,
  contractId: string,
  made: ChangeMade,
): Promise<void> {
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: made.action,
      objectType: "contract",
      objectId: contractId,
      detail: { districtId, contractId, ...made.detail },
    },
    context.at,
  );
}

export type LockedVersion = {
  readonly district_approved_at: string | null;
  readonly vendor_approved_at: string | null;
};

/**
 * Locks terms version `version` of the contract for a change of its status; refuses a
 * version the contract does not have (at `$.version`) and one that is not proposed
 * (`notProposed` completes "version N is <status>, ...").
 */
export async function lockProposedVersion(
  tx: SqlRunner,
  contract: LockedContract,
  version: number,
  notProposed: string,
): Promise<LockedVersion> {
  const [row] = await tx.query<{
    status: string;
    district_approved_at: string | null;
    vendor_approved_at: string | null;
  }>(
    `SELECT status, district_approved_at, vendor_approved_at FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND version = $3 FOR UPDATE`,
    [contract.districtId, contract.contractId, version],
  );
  if (row === undefined)
    refuse({
      kind: "invalid",
      of: "request",
      problems: [{ path: "$.version", code: "unknown-version", message: `there is no version ${version}` }],
    });
  if (row.status !== "proposed")
    refuse({ kind: "conflict", message: `version ${version} is ${row.status}, ${notProposed}` });
  return row;
}
