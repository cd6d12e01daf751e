/**
 * Use case: the district corrects a ledger entry by reversing it: a new entry of the
 * negated amount that names the entry it reverses and counts in its place. An entry is
 * reversed at most once (the migration holds it too); the core refuses reversals that
 * would overdraw a source or take back an encumbrance already used.
 */
import type { SqlRunner } from "../ports/db.js";
import { utcDay } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import { cents, formatCents } from "../../core/money.js";
import type { Effect, LedgerKind } from "../../core/budget/ledger.js";
import { planReversal } from "../../core/budget/reverse.js";
import { audit, type Context } from "./funding-sources.js";
import { insertEntry, ledgerLines } from "./ledger-store.js";
import { readEntry, type LedgerEntryView } from "./read-ledger.js";

export type ReverseResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "refused"; readonly code: string; readonly message: string }
  | { readonly kind: "reversed"; readonly entry: LedgerEntryView };

export async function reverseLedgerEntry(
  tx: SqlRunner,
  request: { readonly districtId: string; readonly entryId: bigint; readonly reason: string },
  context: Context,
): Promise<ReverseResult> {
  const { districtId, entryId } = request;
  const [raw] = await tx.query<{
    funding_source_id: bigint;
    contract_id: string | null;
    kind: LedgerKind;
    counts_as: Effect;
    amount_cents: bigint;
    payment_batch_id: bigint | null;
    payment_source_line: number | null;
    statement_id: bigint | null;
  }>(
    `SELECT funding_source_id, contract_id, kind, counts_as, amount_cents, payment_batch_id,
            payment_source_line, statement_id
       FROM ledger_entries WHERE district_id = $1 AND entry_id = $2`,
    [districtId, entryId],
  );
  if (raw === undefined) return { kind: "not-found" };
  const sourceId = raw.funding_source_id.toString();
  // One reversal at a time per source: the balance checked is the balance written against.
  await tx.query(
    "SELECT 1 FROM funding_sources WHERE district_id = $1 AND funding_source_id = $2 FOR UPDATE",
    [districtId, raw.funding_source_id],
  );
  const [reversal] = await tx.query<{ entry_id: bigint }>(
    "SELECT entry_id FROM ledger_entries WHERE district_id = $1 AND reverses_entry_id = $2",
    [districtId, entryId],
  );
  const plan = planReversal(
    {
      entryId: entryId.toString(),
      kind: raw.kind,
      sourceId,
      contractId: raw.contract_id,
      countsAs: raw.counts_as,
      amountCents: cents(raw.amount_cents),
      reversedBy: reversal === undefined ? null : reversal.entry_id.toString(),
    },
    await ledgerLines(tx, districtId, { sourceId }),
  );
  if (!plan.ok) return { kind: "refused", code: plan.code, message: plan.message };
  const newId = await insertEntry(tx, {
    districtId,
    sourceId,
    contractId: raw.contract_id,
    kind: "reversal",
    countsAs: raw.counts_as,
    amountCents: plan.line.amountCents,
    entryDate: utcDay(context.at),
    recordedBy: actorName(context.actor),
    recordedAt: context.at,
    reference: request.reason,
    payment:
      raw.payment_batch_id === null || raw.payment_source_line === null
        ? null
        : { batchId: raw.payment_batch_id, sourceLine: raw.payment_source_line },
    statementId: raw.statement_id,
    reversesEntryId: entryId,
  });
  // The reason is free text: only its length is logged.
  await audit(
    tx,
    districtId,
    newId.toString(),
    "ledger-entry.reverse",
    context,
    {
      reversesEntryId: entryId.toString(),
      fundingSourceId: sourceId,
      contractId: raw.contract_id,
      amount: formatCents(plan.line.amountCents),
      reasonLength: request.reason.length,
    },
    "ledger-entry",
  );
  const entry = await readEntry(tx, districtId, newId);
  if (entry === null) throw new Error(`ledger entry ${newId} vanished after its insert`);
  return { kind: "reversed", entry };
}
