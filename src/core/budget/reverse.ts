/**
 * Reversing a ledger entry: the correction of a mistake. The reversal is a new entry of
 * the negated amount that counts as the entry it reverses, so the balances become exactly
 * what they would be had the entry never been made.
 *
 * Refused: reversing a reversal (record the entry again instead), reversing an entry
 * twice, and a reversal that would overdraw the source (leave its available money below
 * zero, or below what it was if it was already below) or take back an encumbrance that
 * payments or releases of the contract already used.
 */
import { cents, formatCents } from "../money.js";
import { balanceOfSource, contractPositions, overrunCents, type Effect, type LedgerLine } from "./ledger.js";

export interface ReversibleEntry extends LedgerLine {
  readonly entryId: string;
  readonly kind: Effect | "reversal";
  readonly reversedBy: string | null;
}

export type ReversalPlan =
  | { readonly ok: true; readonly line: LedgerLine }
  | { readonly ok: false; readonly code: string; readonly message: string };

export function planReversal(entry: ReversibleEntry, ledger: readonly LedgerLine[]): ReversalPlan {
  if (entry.kind === "reversal")
    return {
      ok: false,
      code: "reversal-of-reversal",
      message: `entry ${entry.entryId} is itself a reversal`,
    };
  if (entry.reversedBy !== null)
    return {
      ok: false,
      code: "already-reversed",
      message: `entry ${entry.entryId} was reversed by entry ${entry.reversedBy}`,
    };
  const line: LedgerLine = {
    sourceId: entry.sourceId,
    contractId: entry.contractId,
    countsAs: entry.countsAs,
    amountCents: cents(-entry.amountCents),
  };
  const before = balanceOfSource(ledger, entry.sourceId);
  const after = balanceOfSource([...ledger, line], entry.sourceId);
  if (after.availableCents < 0n && after.availableCents < before.availableCents)
    return {
      ok: false,
      code: "would-overdraw",
      message: `reversing entry ${entry.entryId} would leave the funding source with ${formatCents(after.availableCents)} available`,
    };
  if (entry.contractId !== null && entry.countsAs !== "payment") {
    const overrun = (lines: readonly LedgerLine[]) =>
      contractPositions(lines, entry.contractId ?? "")
        .filter((p) => p.sourceId === entry.sourceId)
        .reduce((sum, p) => sum + overrunCents(p), 0n);
    if (overrun([...ledger, line]) > overrun(ledger))
      return {
        ok: false,
        code: "encumbrance-in-use",
        message: `entry ${entry.entryId}: payments or releases of contract ${entry.contractId} already use this encumbrance; reverse them first`,
      };
  }
  return { ok: true, line };
}
