/**
 * A funding source of a district with its funding entry, written as the store's owner, for
 * the authorization matrix: the side's `fundingSourceId` and `ledgerEntryId`.
 */
import type { ApiWorld } from "./harness.js";

export async function fundingSource(
  world: ApiWorld,
  districtId: "d1" | "d2",
): Promise<{ fundingSourceId: string; ledgerEntryId: string }> {
  const [source] = await world.db.query<{ funding_source_id: bigint }>(
    `INSERT INTO funding_sources (district_id, code, name, starts_on, ends_on, created_by, created_at)
     VALUES ($1, $2, $3, '2024-07-01', '2027-09-30', 'matrix', now()) RETURNING funding_source_id`,
    [districtId, `fund-${districtId}`, `Fund of ${districtId}`],
  );
  if (source === undefined) throw new Error("no funding source inserted");
  const [entry] = await world.db.query<{ entry_id: bigint }>(
    `INSERT INTO ledger_entries (district_id, funding_source_id, kind, counts_as, amount_cents, entry_date,
                                 recorded_by, recorded_at, reference)
     VALUES ($1, $2, 'funding', 'funding', 50000000, '2024-07-01', 'matrix', now(), 'matrix funding')
     RETURNING entry_id`,
    [districtId, source.funding_source_id],
  );
  if (entry === undefined) throw new Error("no ledger entry inserted");
  return { fundingSourceId: source.funding_source_id.toString(), ledgerEntryId: entry.entry_id.toString() };
}
