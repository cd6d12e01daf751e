/**
 * The ledger of a funding source or of a contract, newest entry first, a page at a time
 * (entries before a given entry id).
 */
import type { SqlRunner } from "../ports/db.js";
import { cents, type Cents } from "../../core/money.js";
import type { Effect, LedgerKind } from "../../core/budget/ledger.js";

export interface LedgerEntryView {
  readonly entryId: string;
  readonly fundingSourceId: string;
  readonly fundingSourceCode: string;
  readonly contractId: string | null;
  readonly kind: LedgerKind;
  readonly countsAs: Effect;
  readonly amountCents: Cents;
  readonly entryDate: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly reference: string | null;
  readonly payment: { readonly batchId: string; readonly sourceLine: number } | null;
  readonly statementId: string | null;
  readonly reversesEntryId: string | null;
  readonly reversedByEntryId: string | null;
}

type Raw = {
  entry_id: bigint;
  funding_source_id: bigint;
  code: string;
  contract_id: string | null;
  kind: LedgerKind;
  counts_as: Effect;
  amount_cents: bigint;
  entry_date: string;
  recorded_by: string;
  recorded_at: string;
  reference: string | null;
  payment_batch_id: bigint | null;
  payment_source_line: number | null;
  statement_id: bigint | null;
  reverses_entry_id: bigint | null;
  reversed_by: bigint | null;
};

const SELECT = `
  SELECT e.entry_id, e.funding_source_id, s.code, e.contract_id, e.kind, e.counts_as, e.amount_cents,
         e.entry_date, e.recorded_by, e.recorded_at, e.reference, e.payment_batch_id, e.payment_source_line,
         e.statement_id, e.reverses_entry_id, r.entry_id AS reversed_by
    FROM ledger_entries e
    JOIN funding_sources s ON s.district_id = e.district_id AND s.funding_source_id = e.funding_source_id
    LEFT JOIN ledger_entries r ON r.district_id = e.district_id AND r.reverses_entry_id = e.entry_id`;

function view(r: Raw): LedgerEntryView {
  return {
    entryId: r.entry_id.toString(),
    fundingSourceId: r.funding_source_id.toString(),
    fundingSourceCode: r.code,
    contractId: r.contract_id,
    kind: r.kind,
    countsAs: r.counts_as,
    amountCents: cents(r.amount_cents),
    entryDate: r.entry_date,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    reference: r.reference,
    payment:
      r.payment_batch_id === null || r.payment_source_line === null
        ? null
        : { batchId: r.payment_batch_id.toString(), sourceLine: r.payment_source_line },
    statementId: r.statement_id === null ? null : r.statement_id.toString(),
    reversesEntryId: r.reverses_entry_id === null ? null : r.reverses_entry_id.toString(),
    reversedByEntryId: r.reversed_by === null ? null : r.reversed_by.toString(),
  };
}

export async function readEntry(
  tx: SqlRunner,
  districtId: string,
  entryId: bigint,
): Promise<LedgerEntryView | null> {
  const [row] = await tx.query<Raw>(`${SELECT} WHERE e.district_id = $1 AND e.entry_id = $2`, [
    districtId,
    entryId,
  ]);
  return row === undefined ? null : view(row);
}

export interface LedgerPage {
  readonly items: readonly LedgerEntryView[];
  /** The id to pass as `before` for the next page, or null on the last page. */
  readonly nextBefore: string | null;
}

export async function readLedgerPage(
  tx: SqlRunner,
  districtId: string,
  of: { readonly sourceId: string } | { readonly contractId: string },
  page: { readonly before: bigint | null; readonly limit: number },
): Promise<LedgerPage> {
  const bySource = "sourceId" in of;
  const rows = await tx.query<Raw>(
    `${SELECT} WHERE e.district_id = $1 AND ${bySource ? "e.funding_source_id = $2::bigint" : "e.contract_id = $2"}
       AND ($3::bigint IS NULL OR e.entry_id < $3) ORDER BY e.entry_id DESC LIMIT $4`,
    [districtId, bySource ? BigInt(of.sourceId) : of.contractId, page.before, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map(view);
  const last = items[items.length - 1];
  return { items, nextBefore: rows.length > page.limit && last !== undefined ? last.entryId : null };
}
