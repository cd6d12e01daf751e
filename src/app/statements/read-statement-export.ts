/**
 * Use case: what an exported statement file holds (CSV, XLSX, PDF), read in one
 * transaction: the statement with its reviews, the document as issued (an export, so the
 * read is audited like GET .../document), and the terms version it was settled on, from
 * which the parties' names, the period and the "why" of each line come.
 */
import type { SqlRunner } from "../ports/db.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";
import type { StatementJson } from "../../shared/statement-json.js";
import { explainStatementLines, type Why } from "../../shared/statement-why.js";
import { exportStatementDocument, type ReadContext, type StatementTarget } from "./audited-reads.js";
import { readStatementDetail, type StatementReview, type StatementRow } from "./read-statements.js";

export interface StatementExport {
  readonly statement: StatementRow;
  readonly reviews: readonly StatementReview[];
  readonly document: StatementJson;
  readonly terms: Terms;
  readonly why: readonly Why[];
}

async function termsOf(tx: SqlRunner, row: StatementRow): Promise<Terms> {
  const [version] = await tx.query<{ terms_source: string }>(
    `SELECT terms_source FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND version = $3`,
    [row.districtId, row.contractId, row.termsVersion],
  );
  if (version === undefined)
    throw new Error(`statement ${row.statementId} names terms version ${row.termsVersion}, which is gone`);
  const parsed = parseTerms(JSON.parse(version.terms_source) as unknown);
  // Terms are validated when recorded: a version that no longer parses is a bug.
  if (!parsed.ok) throw new Error(`terms version ${row.termsVersion} of ${row.contractId} does not parse`);
  return parsed.terms;
}

/** The statement and all an export shows of it, or null when the organization does not see it. */
export async function readStatementExport(
  tx: SqlRunner,
  target: StatementTarget,
  context: ReadContext,
): Promise<StatementExport | null> {
  const detail = await readStatementDetail(tx, target.districtId, target.contractId, target.statementId);
  if (detail === null) return null;
  const source = await exportStatementDocument(tx, target, context);
  if (source === null) return null;
  const document = JSON.parse(source) as StatementJson;
  const terms = await termsOf(tx, detail.statement);
  return {
    statement: detail.statement,
    reviews: detail.reviews,
    document,
    terms,
    why: explainStatementLines(document, terms),
  };
}

/**
 * The "why" of each waterfall line of a statement (no student-level data, not audited),
 * or null when the organization does not see the statement.
 */
export async function readStatementExplanation(
  tx: SqlRunner,
  target: StatementTarget,
): Promise<readonly Why[] | null> {
  const detail = await readStatementDetail(tx, target.districtId, target.contractId, target.statementId);
  if (detail === null) return null;
  const summary = JSON.parse(detail.documentSource) as Omit<StatementJson, "students">;
  return explainStatementLines(summary, await termsOf(tx, detail.statement));
}
