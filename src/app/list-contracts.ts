/** The contracts recorded for a district, with their latest terms version. */
import type { SqlRunner } from "./ports/db.js";
import { compareIds } from "../core/ids.js";

export interface ContractSummary {
  readonly contractId: string;
  readonly vendorId: string;
  readonly title: string;
  readonly version: number;
}

export async function listContracts(db: SqlRunner, districtId: string): Promise<ContractSummary[]> {
  const rows = await db.query<{ contract_id: string; vendor_id: string; title: string; version: number }>(
    `SELECT c.contract_id, c.vendor_id, c.title, max(v.version) AS version
       FROM contracts c JOIN contract_terms_versions v USING (district_id, contract_id)
      WHERE c.district_id = $1
      GROUP BY c.contract_id, c.vendor_id, c.title`,
    [districtId],
  );
  // Sorted here, not in SQL: the two stores may collate text differently.
  rows.sort((a, b) => compareIds(a.contract_id, b.contract_id));
  return rows.map((r) => ({
    contractId: r.contract_id,
    vendorId: r.vendor_id,
    title: r.title,
    version: r.version,
  }));
}
