/**
 * A contract's terms as the evidence reads them: the latest approved version (what its
 * statements settle on), or the latest version whatever its status but withdrawn (a
 * draft or a proposal being priced). Null when the contract has no such version, or
 * the acting organization does not see it.
 */
import type { SqlRunner } from "../ports/db.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";

export interface ContractTerms {
  readonly terms: Terms;
  readonly version: number;
  readonly status: string;
}

export async function readContractTerms(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  which: "approved" | "latest",
): Promise<ContractTerms | null> {
  const [row] = await tx.query<{ version: number; status: string; terms_source: string }>(
    `SELECT version, status, terms_source FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2
        AND (CASE WHEN $3 = 'approved' THEN status = 'approved' ELSE status <> 'withdrawn' END)
      ORDER BY version DESC LIMIT 1`,
    [districtId, contractId, which],
  );
  if (row === undefined) return null;
  const parsed = parseTerms(JSON.parse(row.terms_source) as unknown);
  // Terms are checked before they are recorded: a stored version that fails is a bug.
  if (!parsed.ok)
    throw new Error(`stored terms of contract ${contractId} version ${row.version} do not parse`);
  return { terms: parsed.terms, version: row.version, status: row.status };
}

/** The districts that have a contract of this id (the CLI's default when no district is given). */
export async function districtsWithContract(tx: SqlRunner, contractId: string): Promise<string[]> {
  const rows = await tx.query<{ district_id: string }>(
    "SELECT district_id FROM contracts WHERE contract_id = $1 ORDER BY district_id",
    [contractId],
  );
  return rows.map((r) => r.district_id);
}
