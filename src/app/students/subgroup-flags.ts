/**
 * Which subgroup flags a contract's terms pay by: the `amountBySubgroup` flags of its
 * perStudent metrics. A vendor is shown a student's flags only for the contracts it
 * serves the student under that pay by them; no other use of the flags is its business.
 */
import type { SqlRunner } from "../ports/db.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { SubgroupFlag, Terms } from "../../core/terms/types.js";

export function paidSubgroupFlags(terms: Terms): Set<SubgroupFlag> {
  const flags = new Set<SubgroupFlag>();
  for (const metric of terms.outcomes.metrics)
    if (metric.pay.kind === "perStudent") for (const s of metric.pay.amountBySubgroup) flags.add(s.flag);
  return flags;
}

/**
 * The flags each contract of `districtId` the organization sees pays by, from the terms
 * version that applies (the latest approved, else the latest).
 */
export async function contractSubgroupFlags(
  tx: SqlRunner,
  districtId: string,
): Promise<Map<string, Set<SubgroupFlag>>> {
  const rows = await tx.query<{ contract_id: string; terms_source: string }>(
    `SELECT c.contract_id, v.terms_source
       FROM contracts c
       JOIN LATERAL (SELECT terms_source FROM contract_terms_versions t
                      WHERE t.district_id = c.district_id AND t.contract_id = c.contract_id
                      ORDER BY (t.status = 'approved') DESC, t.version DESC LIMIT 1) v ON true
      WHERE c.district_id = $1`,
    [districtId],
  );
  const flags = new Map<string, Set<SubgroupFlag>>();
  for (const row of rows) {
    const parsed = parseTerms(JSON.parse(row.terms_source) as unknown);
    if (!parsed.ok) throw new Error(`stored terms of contract ${row.contract_id} do not parse`);
    flags.set(row.contract_id, paidSubgroupFlags(parsed.terms));
  }
  return flags;
}
