/**
 * Use case: the vendors a district can write a contract with: every vendor recorded in
 * the district (by an earlier contract, or as an organization that serves it), by name.
 * A new contract's terms name one of them; a vendor not yet recorded is added when the
 * district creates the contract (create-contract.ts).
 */
import type { SqlRunner } from "../ports/db.js";

export interface DistrictVendor {
  readonly vendorId: string;
  readonly name: string;
  /** How many of the district's contracts name the vendor. */
  readonly contracts: number;
}

export async function listDistrictVendors(tx: SqlRunner, districtId: string): Promise<DistrictVendor[]> {
  const rows = await tx.query<{ vendor_id: string; name: string; contracts: number | bigint | string }>(
    `SELECT v.vendor_id, v.name,
            (SELECT count(*) FROM contracts c WHERE c.district_id = v.district_id AND c.vendor_id = v.vendor_id)::int
              AS contracts
       FROM vendors v
      WHERE v.district_id = $1
      ORDER BY v.name, v.vendor_id`,
    [districtId],
  );
  return rows.map((r) => ({ vendorId: r.vendor_id, name: r.name, contracts: Number(r.contracts) }));
}
