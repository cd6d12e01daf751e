/**
 * Use case: settle contracts recorded in the store on the rows imported into it, with
 * each contract's latest terms version. The statement is the one `settle` gives on the
 * same terms and files: the rows go through the same data set and the same core.
 */
import type { SqlRunner } from "./ports/db.js";
import { minDate, type IsoDate } from "../core/date.js";
import type { Enrolled } from "../core/data/data-set.js";
import type { RowProblem } from "../core/problem.js";
import { parseTerms } from "../core/terms/parse-terms.js";
import type { Terms } from "../core/terms/types.js";
import { settle } from "../core/settlement/settle.js";
import type { Statement } from "../core/settlement/statement.js";
import { compareIds } from "../core/ids.js";
import { loadStoredData } from "./load-stored-data.js";

export interface SettleStoredRequest {
  readonly districtId: string;
  /** The contracts to settle; null for every contract of the district. */
  readonly contractIds: readonly string[] | null;
  readonly asOf: IsoDate | null;
}

export interface StoredSettlement {
  readonly terms: Terms;
  readonly termsVersion: number;
  readonly statement: Statement;
  /** The contract's enrolled students with their rows, as the settlement read them. */
  readonly enrolled: readonly Enrolled[];
}

export type SettleStoredResult =
  | { readonly kind: "unknown-contracts"; readonly contractIds: readonly string[] }
  | { readonly kind: "invalid-data"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "settled"; readonly settled: readonly StoredSettlement[] };

interface Recorded {
  readonly terms: Terms;
  readonly version: number;
}

/** The latest terms version of each requested contract (all the district's when `ids` is null). */
async function latestTerms(
  db: SqlRunner,
  districtId: string,
  ids: readonly string[] | null,
): Promise<Recorded[]> {
  const rows = await db.query<{ contract_id: string; version: number; terms_source: string }>(
    `SELECT DISTINCT ON (contract_id) contract_id, version, terms_source
       FROM contract_terms_versions
      WHERE district_id = $1
        AND ($2::jsonb IS NULL OR contract_id IN (SELECT jsonb_array_elements_text($2::jsonb)))
        AND status = 'approved'
      ORDER BY contract_id, version DESC`,
    [districtId, ids === null ? null : JSON.stringify(ids)],
  );
  return rows.map((row) => {
    const parsed = parseTerms(JSON.parse(row.terms_source) as unknown);
    // Terms are checked before they are recorded: a stored version that fails is a bug.
    if (!parsed.ok)
      throw new Error(`stored terms of contract ${row.contract_id} version ${row.version} do not parse`);
    return { terms: parsed.terms, version: row.version };
  });
}

export async function settleStoredContracts(
  db: SqlRunner,
  request: SettleStoredRequest,
): Promise<SettleStoredResult> {
  const recorded = await latestTerms(db, request.districtId, request.contractIds);
  const found = new Set(recorded.map((r) => r.terms.contractId));
  const missing = (request.contractIds ?? []).filter((id) => !found.has(id));
  if (missing.length > 0) return { kind: "unknown-contracts", contractIds: missing };
  const order = request.contractIds;
  recorded.sort((a, b) =>
    order === null
      ? compareIds(a.terms.contractId, b.terms.contractId)
      : order.indexOf(a.terms.contractId) - order.indexOf(b.terms.contractId),
  );
  const contracts = recorded.map((r) => r.terms);
  const asOf = (terms: Terms): IsoDate => request.asOf ?? terms.period.end;
  const { data, problems } = await loadStoredData(db, request.districtId, contracts, asOf);
  if (problems.length > 0) return { kind: "invalid-data", problems };
  return {
    kind: "settled",
    settled: recorded.map(({ terms, version }) => {
      const end = minDate(terms.period.end, asOf(terms));
      const contractData = data.contractData(terms.contractId, terms.period.start, end);
      return {
        terms,
        termsVersion: version,
        statement: settle(terms, contractData, asOf(terms)),
        enrolled: contractData.enrollments,
      };
    }),
  };
}
