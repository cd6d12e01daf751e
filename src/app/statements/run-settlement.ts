/**
 * Use case: a settlement run. Settles one contract on what the store holds now (its
 * latest terms, the imported rows, the payments) and issues the statement: the
 * obc-statement/1 document kept as issued, with the digest of its inputs. A run whose
 * inputs are those of the latest statement of the same contract, kind and as-of date
 * issues nothing and gives that statement back; one whose inputs changed issues a new
 * statement that names the one it replaces.
 *
 * Runs of one contract are serialized (the contract row is locked), so two runs at once
 * cannot both issue the same statement.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { storedTime, utcDay } from "../ports/clock.js";
import { checkDataQuality } from "./check-data-quality.js";
import { actorName } from "../contracts/contract-change.js";
import { settleStoredContracts } from "../settle-stored-contracts.js";
import type { IsoDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import { statementToJson } from "../../shared/statement-json.js";
import { inputDigest } from "./input-digest.js";
import { readStatement, type StatementKind, type StatementRow } from "./read-statements.js";

export interface RunSettlementRequest {
  readonly districtId: string;
  readonly contractId: string;
  readonly kind: StatementKind;
  /** Null: the period end of the terms. */
  readonly asOf: IsoDate | null;
}

export interface RunContext {
  readonly actor: Actor;
  readonly at: Date;
}

export type RunSettlementResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "stage-conflict"; readonly stage: string }
  | { readonly kind: "final-before-end"; readonly periodEnd: IsoDate }
  | { readonly kind: "invalid-data"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "created" | "unchanged"; readonly statement: StatementRow };

/** Stages with no agreed terms to settle on, or where nothing more happens. */
/**
 * Stages at which no statement is run: nothing is agreed before a contract is active, and
 * once the district has approved its final statement (settled) that statement stands;
 * a later correction is a payment, not a new statement.
 */
const NOT_SETTLED_AT = new Set(["draft", "proposed", "settled", "closed"]);

/** The document as issued: the text `accord settle` writes for one contract. */
export function statementDocument(statement: Parameters<typeof statementToJson>[0]): string {
  return JSON.stringify(statementToJson(statement), null, 2) + "\n";
}

async function latest(
  tx: SqlRunner,
  request: RunSettlementRequest,
  asOf: string | null,
): Promise<{ statement_id: bigint; input_digest: string } | undefined> {
  const [row] = await tx.query<{ statement_id: bigint; input_digest: string }>(
    `SELECT statement_id, input_digest FROM statements
      WHERE district_id = $1 AND contract_id = $2 AND kind = $3 AND ($4::date IS NULL OR as_of = $4::date)
      ORDER BY statement_id DESC LIMIT 1`,
    [request.districtId, request.contractId, request.kind, asOf],
  );
  return row;
}

export async function runSettlement(
  tx: SqlRunner,
  request: RunSettlementRequest,
  context: RunContext,
): Promise<RunSettlementResult> {
  const { districtId, contractId } = request;
  const [contract] = await tx.query<{ stage: string }>(
    "SELECT stage FROM contracts WHERE district_id = $1 AND contract_id = $2 FOR UPDATE",
    [districtId, contractId],
  );
  if (contract === undefined) return { kind: "not-found" };
  if (NOT_SETTLED_AT.has(contract.stage)) return { kind: "stage-conflict", stage: contract.stage };

  const result = await settleStoredContracts(tx, {
    districtId,
    contractIds: [contractId],
    asOf: request.asOf,
  });
  if (result.kind === "unknown-contracts") return { kind: "not-found" };
  if (result.kind === "invalid-data") return result;
  const [settled] = result.settled;
  if (settled === undefined) throw new Error(`settling ${contractId} gave no statement`);
  const asOf = settled.statement.asOf;
  if (request.kind === "final" && asOf < settled.terms.period.end)
    return { kind: "final-before-end", periodEnd: settled.terms.period.end };

  const digest = await inputDigest(tx, { districtId, contractId, termsVersion: settled.termsVersion, asOf });
  const same = await latest(tx, request, asOf);
  if (same !== undefined && same.input_digest === digest) {
    const statement = await readStatement(tx, districtId, contractId, same.statement_id);
    if (statement === null) throw new Error(`statement ${same.statement_id} vanished`);
    return { kind: "unchanged", statement };
  }
  // The latest of the kind, whatever its date: a re-run replaces what was last issued.
  const previous = await latest(tx, request, null);
  const supersedes =
    previous === undefined || previous.input_digest === digest ? null : previous.statement_id;
  const quality = await checkDataQuality(tx, districtId, settled, asOf, utcDay(context.at));
  const document = statementDocument(settled.statement);
  const [inserted] = await tx.query<{ statement_id: bigint }>(
    `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document,
                             input_digest, issued_at, kind, issued_by, supersedes_statement_id, data_quality)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12::jsonb) RETURNING statement_id`,
    [
      districtId,
      contractId,
      settled.termsVersion,
      asOf,
      document,
      document,
      digest,
      storedTime(context.at),
      request.kind,
      actorName(context.actor),
      supersedes,
      JSON.stringify(quality),
    ],
  );
  if (inserted === undefined) throw new Error("the statement insert returned no id");
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: "statement.create",
      objectType: "statement",
      objectId: inserted.statement_id.toString(),
      detail: {
        districtId,
        contractId,
        kind: request.kind,
        asOf,
        termsVersion: settled.termsVersion,
        supersedesStatementId: supersedes?.toString() ?? null,
        students: settled.statement.students.length,
        provisional: quality.provisional,
      },
    },
    context.at,
  );
  const statement = await readStatement(tx, districtId, contractId, inserted.statement_id);
  if (statement === null)
    throw new Error(`statement ${inserted.statement_id} is not visible after its insert`);
  return { kind: "created", statement };
}
