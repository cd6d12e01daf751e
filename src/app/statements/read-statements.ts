/**
 * Statements as an organization sees them (row-level security narrows them to the
 * contracts it is a party to): a contract's list, one statement with its document as
 * issued, and its reviews. A statement's status comes from its reviews, the latest
 * deciding: none is `issued`, an approval `approved`, a dispute `disputed`.
 */
import type { SqlRunner } from "../ports/db.js";
import type { StatementDataQuality } from "./check-data-quality.js";

export type StatementKind = "interim" | "final";
export type StatementStatus = "issued" | "approved" | "disputed";

export interface StatementRow {
  readonly statementId: bigint;
  readonly districtId: string;
  readonly contractId: string;
  readonly kind: StatementKind;
  readonly asOf: string;
  readonly termsVersion: number;
  readonly issuedAt: string;
  readonly issuedBy: string;
  /** The display name of the user who issued it; null when not a user (the CLI). */
  readonly issuedByName: string | null;
  readonly inputDigest: string;
  readonly supersedesStatementId: bigint | null;
  readonly supersededByStatementId: bigint | null;
  readonly status: StatementStatus;
  /** Money strings of the document ("1234.50"). */
  readonly total: string;
  readonly due: string;
  /** The data quality check run when it was issued; null for statements issued before it existed. */
  readonly dataQuality: StatementDataQuality | null;
}

export interface StatementReview {
  readonly reviewNo: number;
  readonly action: "approve" | "dispute";
  readonly comment: string | null;
  readonly organizationId: string;
  readonly reviewedBy: string;
  /** The reviewer's display name, when the review was made by a user. */
  readonly reviewedByName: string | null;
  readonly reviewedAt: string;
}

type Raw = {
  statement_id: bigint;
  district_id: string;
  contract_id: string;
  kind: StatementKind;
  as_of: string;
  terms_version: number;
  issued_at: string;
  issued_by: string;
  issued_by_name: string | null;
  input_digest: string;
  supersedes_statement_id: bigint | null;
  superseded_by: bigint | null;
  last_review: "approve" | "dispute" | null;
  total: string;
  due: string;
  data_quality: StatementDataQuality | null;
};

const SELECT = `
  SELECT s.statement_id, s.district_id, s.contract_id, s.kind, s.as_of, s.terms_version, s.issued_at,
         s.issued_by, (SELECT u.display_name FROM users u WHERE u.user_id = s.issued_by) AS issued_by_name,
         s.input_digest, s.supersedes_statement_id,
         (SELECT min(n.statement_id) FROM statements n
           WHERE n.district_id = s.district_id AND n.supersedes_statement_id = s.statement_id) AS superseded_by,
         (SELECT r.action FROM statement_reviews r
           WHERE r.district_id = s.district_id AND r.statement_id = s.statement_id
           ORDER BY r.review_no DESC LIMIT 1) AS last_review,
         s.document->>'total' AS total, s.document->>'due' AS due, s.data_quality
    FROM statements s`;

function statementRow(row: Raw): StatementRow {
  return {
    statementId: row.statement_id,
    districtId: row.district_id,
    contractId: row.contract_id,
    kind: row.kind,
    asOf: row.as_of,
    termsVersion: row.terms_version,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    issuedByName: row.issued_by_name,
    inputDigest: row.input_digest,
    supersedesStatementId: row.supersedes_statement_id,
    supersededByStatementId: row.superseded_by,
    status: row.last_review === null ? "issued" : row.last_review === "approve" ? "approved" : "disputed",
    total: row.total,
    due: row.due,
    dataQuality: row.data_quality,
  };
}

/** Whether the acting organization sees the contract (a party to it). */
export async function contractVisible(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<boolean> {
  const rows = await tx.query("SELECT 1 FROM contracts WHERE district_id = $1 AND contract_id = $2", [
    districtId,
    contractId,
  ]);
  return rows.length > 0;
}

/** The contract's statements, newest first. */
export async function listStatements(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<StatementRow[]> {
  const rows = await tx.query<Raw>(
    `${SELECT} WHERE s.district_id = $1 AND s.contract_id = $2 ORDER BY s.statement_id DESC`,
    [districtId, contractId],
  );
  return rows.map(statementRow);
}

/** One statement of the contract, or null when the organization does not see it. */
export async function readStatement(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  statementId: bigint,
): Promise<StatementRow | null> {
  const [row] = await tx.query<Raw>(
    `${SELECT} WHERE s.district_id = $1 AND s.contract_id = $2 AND s.statement_id = $3`,
    [districtId, contractId, statementId],
  );
  return row === undefined ? null : statementRow(row);
}

/** The obc-statement/1 document exactly as issued (the text, not the jsonb copy). */
export async function readStatementDocument(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  statementId: bigint,
): Promise<string | null> {
  const [row] = await tx.query<{ document_source: string }>(
    `SELECT document_source FROM statements
      WHERE district_id = $1 AND contract_id = $2 AND statement_id = $3`,
    [districtId, contractId, statementId],
  );
  return row?.document_source ?? null;
}

export async function statementReviews(
  tx: SqlRunner,
  districtId: string,
  statementId: bigint,
): Promise<StatementReview[]> {
  const rows = await tx.query<{
    review_no: number;
    action: "approve" | "dispute";
    comment: string | null;
    organization_id: string;
    reviewed_by: string;
    reviewed_by_name: string | null;
    reviewed_at: string;
  }>(
    `SELECT r.review_no, r.action, r.comment, r.organization_id, r.reviewed_by,
            (SELECT u.display_name FROM users u WHERE u.user_id = r.reviewed_by) AS reviewed_by_name, r.reviewed_at
       FROM statement_reviews r
      WHERE r.district_id = $1 AND r.statement_id = $2 ORDER BY r.review_no`,
    [districtId, statementId],
  );
  return rows.map((r) => ({
    reviewNo: r.review_no,
    action: r.action,
    comment: r.comment,
    organizationId: r.organization_id,
    reviewedBy: r.reviewed_by,
    reviewedByName: r.reviewed_by_name,
    reviewedAt: r.reviewed_at,
  }));
}

export interface StatementDetail {
  readonly statement: StatementRow;
  /**
   * The obc-statement/1 document without its per-student lines (from the jsonb copy, so
   * key order is the store's): a summary reads kilobytes, not the whole document.
   */
  readonly documentSource: string;
  readonly reviews: readonly StatementReview[];
}

/** A statement with its document and reviews, or null when the organization does not see it. */
export async function readStatementDetail(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  statementId: bigint,
): Promise<StatementDetail | null> {
  const statement = await readStatement(tx, districtId, contractId, statementId);
  if (statement === null) return null;
  const [summary] = await tx.query<{ summary: string }>(
    `SELECT (document - 'students')::text AS summary FROM statements
      WHERE district_id = $1 AND contract_id = $2 AND statement_id = $3`,
    [districtId, contractId, statementId],
  );
  if (summary === undefined) throw new Error(`statement ${statementId} lost its document`);
  const documentSource = summary.summary;
  return { statement, documentSource, reviews: await statementReviews(tx, districtId, statementId) };
}
