/**
 * The settled demo contract's final statement: settled from the store at its period end
 * with the same use case as `accord settle --district`, issued (kept as the
 * obc-statement/1 text the CLI prints, never changed afterwards) and approved by the
 * district, with the data quality check a settlement run keeps.
 *
 * The input digest is the SHA-256 of what the statement was computed from: the terms
 * version's SHA-256, the date settled as of, and the SHA-256 of every batch of the
 * district in batch order (a JSON array of the three), so the same terms and the same
 * imported files give the same digest.
 */
import type { Row, SqlParam, SqlRunner } from "../ports/db.js";
import { storedTime, utcDay } from "../ports/clock.js";
import { sha256Hex } from "../auth/secrets.js";
import { settleStoredContracts } from "../settle-stored-contracts.js";
import { statementToJson } from "../../shared/statement-json.js";
import { checkDataQuality } from "../statements/check-data-quality.js";

export interface DemoStatementRequest {
  readonly districtId: string;
  readonly contractId: string;
  /** Who ran the settlement and who approved it (user ids of the district). */
  readonly issuedBy: string;
  readonly approvedBy: string;
  readonly at: Date;
}

export interface IssuedStatement {
  readonly statementId: bigint;
  readonly termsVersion: number;
  readonly asOf: string;
  readonly students: number;
}

export async function issueDemoStatement(
  tx: SqlRunner,
  request: DemoStatementRequest,
): Promise<IssuedStatement> {
  const { districtId, contractId } = request;
  const result = await settleStoredContracts(oneAtATime(tx), {
    districtId,
    contractIds: [contractId],
    asOf: null,
  });
  // The demo's data is generated valid: anything but a statement is a bug.
  if (result.kind !== "settled")
    throw new Error(`the demo contract ${contractId} did not settle: ${result.kind}`);
  const [settled] = result.settled;
  if (settled === undefined) throw new Error(`the demo contract ${contractId} gave no statement`);
  const { statement, termsVersion } = settled;
  const documentSource = JSON.stringify(statementToJson(statement), null, 2);
  const inputDigest = sha256Hex(
    JSON.stringify(await digestInputs(tx, districtId, contractId, termsVersion, statement.asOf)),
  );
  // The same check a settlement run makes, kept with the statement.
  const quality = await checkDataQuality(tx, districtId, settled, statement.asOf, utcDay(request.at));
  const at = storedTime(request.at);
  const [row] = await tx.query<{ statement_id: bigint }>(
    `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document,
                             input_digest, issued_at, kind, issued_by, data_quality)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'final', $9, $10::jsonb) RETURNING statement_id`,
    [
      districtId,
      contractId,
      termsVersion,
      statement.asOf,
      documentSource,
      documentSource,
      inputDigest,
      at,
      request.issuedBy,
      JSON.stringify(quality),
    ],
  );
  if (row === undefined) throw new Error("statements returned no statement_id");
  await tx.query(
    `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, comment, organization_id,
                                    reviewed_by, reviewed_at)
     VALUES ($1, $2, 1, 'approve', NULL, $1, $3, $4)`,
    [districtId, row.statement_id, request.approvedBy, at],
  );
  return {
    statementId: row.statement_id,
    termsVersion,
    asOf: statement.asOf,
    students: statement.students.length,
  };
}

async function digestInputs(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  version: number,
  asOf: string,
): Promise<[string, string, string[]]> {
  const [terms] = await tx.query<{ terms_sha256: string }>(
    "SELECT terms_sha256 FROM contract_terms_versions WHERE district_id = $1 AND contract_id = $2 AND version = $3",
    [districtId, contractId, version],
  );
  if (terms === undefined) throw new Error(`no terms version ${version} of ${contractId}`);
  const batches = await tx.query<{ file_sha256: string }>(
    "SELECT file_sha256 FROM import_batches WHERE district_id = $1 ORDER BY batch_id",
    [districtId],
  );
  return [terms.terms_sha256, asOf, batches.map((b) => b.file_sha256)];
}

/**
 * The settlement reads its tables at once, which a pool runs in parallel; on the one
 * connection of a transaction they must wait their turn, and node-postgres warns that it
 * will stop queueing them itself (pg@9), so they queue here.
 */
function oneAtATime(tx: SqlRunner): SqlRunner {
  let last: Promise<unknown> = Promise.resolve();
  const queued = <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
  return {
    query: <R extends Row = Row>(sql: string, params?: readonly SqlParam[]) =>
      queued(() => tx.query<R>(sql, params)),
    exec: (sql) => queued(() => tx.exec(sql)),
    copyFrom: (table, columns, text, format) => queued(() => tx.copyFrom(table, columns, text, format)),
  };
}
