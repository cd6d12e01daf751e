/**
 * Reading and appending ledger entries. Entries are only ever inserted (the migration
 * refuses UPDATE and DELETE); balances are computed by the core from their sums.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import { cents } from "../../core/money.js";
import type { Effect, LedgerKind, LedgerLine } from "../../core/budget/ledger.js";

export interface NewEntry {
  readonly districtId: string;
  readonly sourceId: string;
  readonly contractId: string | null;
  readonly kind: LedgerKind;
  readonly countsAs: Effect;
  readonly amountCents: bigint;
  readonly entryDate: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
  readonly reference: string | null;
  readonly payment?: { readonly batchId: bigint; readonly sourceLine: number } | null;
  readonly statementId?: bigint | null;
  readonly reversesEntryId?: bigint | null;
}

export async function insertEntry(tx: SqlRunner, e: NewEntry): Promise<bigint> {
  const [row] = await tx.query<{ entry_id: bigint }>(
    `INSERT INTO ledger_entries (district_id, funding_source_id, contract_id, kind, counts_as, amount_cents,
                                 entry_date, recorded_by, recorded_at, reference, payment_batch_id,
                                 payment_source_line, statement_id, reverses_entry_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING entry_id`,
    [
      e.districtId,
      BigInt(e.sourceId),
      e.contractId,
      e.kind,
      e.countsAs,
      e.amountCents,
      e.entryDate,
      e.recordedBy,
      storedTime(e.recordedAt),
      e.reference,
      e.payment?.batchId ?? null,
      e.payment?.sourceLine ?? null,
      e.statementId ?? null,
      e.reversesEntryId ?? null,
    ],
  );
  if (row === undefined) throw new Error("the ledger insert returned no id");
  return row.entry_id;
}

/**
 * The district's ledger summed per source, contract and balance moved: one line per
 * group, which the core adds up exactly as it would the entries themselves.
 * `contractId` narrows it to one contract's entries.
 */
export async function ledgerLines(
  tx: SqlRunner,
  districtId: string,
  filter: { readonly contractId?: string; readonly sourceId?: string } = {},
): Promise<LedgerLine[]> {
  const rows = await tx.query<{
    funding_source_id: bigint;
    contract_id: string | null;
    counts_as: Effect;
    amount_cents: string;
  }>(
    `SELECT funding_source_id, contract_id, counts_as, sum(amount_cents)::text AS amount_cents
       FROM ledger_entries
      WHERE district_id = $1 AND ($2::text IS NULL OR contract_id = $2)
        AND ($3::bigint IS NULL OR funding_source_id = $3)
      GROUP BY funding_source_id, contract_id, counts_as
      ORDER BY funding_source_id, contract_id, counts_as`,
    [districtId, filter.contractId ?? null, filter.sourceId === undefined ? null : BigInt(filter.sourceId)],
  );
  return rows.map((r) => ({
    sourceId: r.funding_source_id.toString(),
    contractId: r.contract_id,
    countsAs: r.counts_as,
    amountCents: cents(BigInt(r.amount_cents)),
  }));
}

/** Serialises the ledger writes of one contract (payments charged, encumbrance, release). */
export async function lockContract(tx: SqlRunner, districtId: string, contractId: string): Promise<boolean> {
  const rows = await tx.query(
    "SELECT 1 FROM contracts WHERE district_id = $1 AND contract_id = $2 FOR UPDATE",
    [districtId, contractId],
  );
  return rows.length > 0;
}

/** The terms that govern the contract's money: the current approved version, else the latest (a draft's). */
export async function contractMoneyTerms(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<{ readonly maxValue: string; readonly periodEnd: string; readonly version: number } | null> {
  const [row] = await tx.query<{ max_value: string; period_end: string; version: number }>(
    `SELECT terms->>'maxValue' AS max_value, terms->'period'->>'end' AS period_end, version
       FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2
      ORDER BY (status = 'approved') DESC, version DESC LIMIT 1`,
    [districtId, contractId],
  );
  return row === undefined
    ? null
    : { maxValue: row.max_value, periodEnd: row.period_end, version: row.version };
}
