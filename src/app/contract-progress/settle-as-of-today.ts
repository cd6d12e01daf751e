/**
 * Settles one contract as of a day, as its party sees it: the approved terms and the
 * stored rows read by `loadStoredData` (the same `DataSet` rules and the same `settle`
 * as a statement); nothing is written.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import { minDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";
import type { ContractData } from "../../core/data/data-set.js";
import type { WindowCoverage } from "../../core/alerts/data-rules.js";
import { settle } from "../../core/settlement/settle.js";
import { loadStoredData } from "../load-stored-data.js";
import type { StoredSettlement } from "../settle-stored-contracts.js";

export type SettleResult =
  | { readonly kind: "no-approved-terms" }
  | { readonly kind: "invalid-data"; readonly problems: readonly RowProblem[] }
  | {
      readonly kind: "settled";
      readonly settled: StoredSettlement;
      /** Per window of the terms: enrolled students with a result for it dated by `asOf`. */
      readonly coverage: readonly WindowCoverage[];
    };

/**
 * Enrolled students (enrolled by `asOf`) with a result for each window dated by `asOf`:
 * assessment and window exactly, subject in any case, as settlement matches them.
 */
export function windowCoverage(
  terms: Terms,
  enrollments: ContractData["enrollments"],
  asOf: IsoDate,
): WindowCoverage[] {
  const enrolled = enrollments.filter((e) => e.enrollment.enrolledOn <= asOf);
  return terms.windows.map((w) => ({
    name: w.name,
    assessment: w.assessment,
    subject: w.subject,
    window: w.window,
    withScore: enrolled.filter((e) =>
      e.tests.some(
        (t) =>
          t.assessment === w.assessment &&
          t.window === w.window &&
          t.subject.toLowerCase() === w.subject.toLowerCase() &&
          t.testDate <= asOf,
      ),
    ).length,
  }));
}

export async function settleAsOf(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  asOf: IsoDate,
): Promise<SettleResult> {
  const [row] = await tx.query<{ version: number; terms_source: string }>(
    `SELECT version, terms_source FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND status = 'approved'
      ORDER BY version DESC LIMIT 1`,
    [districtId, contractId],
  );
  if (row === undefined) return { kind: "no-approved-terms" };
  const parsed = parseTerms(JSON.parse(row.terms_source) as unknown);
  // Terms are checked before they are recorded: a stored version that fails is a bug.
  if (!parsed.ok)
    throw new Error(`stored terms of contract ${contractId} version ${row.version} do not parse`);
  const terms = parsed.terms;
  const { data, problems } = await loadStoredData(tx, districtId, [terms], () => asOf);
  if (problems.length > 0) return { kind: "invalid-data", problems };
  const contractData = data.contractData(contractId, terms.period.start, minDate(terms.period.end, asOf));
  return {
    kind: "settled",
    settled: {
      terms,
      termsVersion: row.version,
      statement: settle(terms, contractData, asOf),
      enrolled: contractData.enrollments,
    },
    coverage: windowCoverage(terms, contractData.enrollments, asOf),
  };
}
