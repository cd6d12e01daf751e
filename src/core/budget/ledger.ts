/**
 * The money ledger's entries as the core sees them, and the balances they add up to.
 *
 * Every entry moves one balance (`countsAs`) of one funding source, for one contract
 * (or, for `funding`, for no contract), by a signed amount of cents. A reversal counts
 * as the entry it reverses, negated. Balances are sums of entries, per source:
 *
 * - amount      = Σ funding
 * - paid        = Σ payment
 * - released    = Σ release (money the contract gave back, which is available again)
 * - encumbered  = Σ over contracts of max(0, E − P − R): what the contract may still pay
 *   from the source (E, P, R the contract's encumbrance, payments and releases in it)
 * - overrun     = Σ over contracts of max(0, P + R − E): payments beyond the contract's
 *   encumbrance in the source, drawn from the source's available money
 * - available   = amount − Σ encumbrance + released − overrun
 *
 * so that amount = available + encumbered + paid, always (the property test checks it).
 * `released` is a part of `available`, shown for itself.
 */
import { cents, type Cents } from "../money.js";

export type LedgerKind = "funding" | "encumbrance" | "payment" | "release" | "reversal";
export type Effect = Exclude<LedgerKind, "reversal">;

export interface LedgerLine {
  readonly sourceId: string;
  /** Null for funding entries only. */
  readonly contractId: string | null;
  readonly countsAs: Effect;
  /** Signed: a reversal is the negation of the entry it reverses; a refund payment is negative. */
  readonly amountCents: Cents;
}

export interface SourceBalance {
  readonly amountCents: Cents;
  readonly encumberedCents: Cents;
  readonly paidCents: Cents;
  readonly releasedCents: Cents;
  readonly overrunCents: Cents;
  readonly availableCents: Cents;
}

/** A contract's sums in one source: encumbrance E, payments P, releases R (each net of reversals). */
export interface ContractPosition {
  readonly sourceId: string;
  readonly encumberedTotalCents: Cents;
  readonly paidCents: Cents;
  readonly releasedCents: Cents;
}

/** max(0, E − P − R): what the contract may still pay from the source. */
export function outstandingCents(p: ContractPosition): Cents {
  const left = p.encumberedTotalCents - p.paidCents - p.releasedCents;
  return cents(left > 0n ? left : 0n);
}

/** max(0, P + R − E): what the contract took from the source beyond its encumbrance. */
export function overrunCents(p: ContractPosition): Cents {
  const over = p.paidCents + p.releasedCents - p.encumberedTotalCents;
  return cents(over > 0n ? over : 0n);
}

interface Sums {
  funding: bigint;
  contracts: Map<string, { e: bigint; p: bigint; r: bigint }>;
}

/** Each contract's position per source, in the order the sources are first met. */
export function contractPositions(lines: Iterable<LedgerLine>, contractId: string): ContractPosition[] {
  const bySource = new Map<string, { e: bigint; p: bigint; r: bigint }>();
  for (const line of lines) {
    if (line.contractId !== contractId) continue;
    const sums = bySource.get(line.sourceId) ?? { e: 0n, p: 0n, r: 0n };
    add(sums, line);
    bySource.set(line.sourceId, sums);
  }
  return [...bySource].map(([sourceId, s]) => ({
    sourceId,
    encumberedTotalCents: cents(s.e),
    paidCents: cents(s.p),
    releasedCents: cents(s.r),
  }));
}

function add(sums: { e: bigint; p: bigint; r: bigint }, line: LedgerLine): void {
  if (line.countsAs === "encumbrance") sums.e += line.amountCents;
  else if (line.countsAs === "payment") sums.p += line.amountCents;
  else if (line.countsAs === "release") sums.r += line.amountCents;
}

const EMPTY: SourceBalance = {
  amountCents: cents(0n),
  encumberedCents: cents(0n),
  paidCents: cents(0n),
  releasedCents: cents(0n),
  overrunCents: cents(0n),
  availableCents: cents(0n),
};

/** The balances of every source named by `lines` (plus `sourceIds`, zero if they have no entries). */
export function sourceBalances(
  lines: Iterable<LedgerLine>,
  sourceIds: Iterable<string> = [],
): Map<string, SourceBalance> {
  const sums = new Map<string, Sums>();
  const of = (id: string): Sums => {
    let s = sums.get(id);
    if (s === undefined) sums.set(id, (s = { funding: 0n, contracts: new Map() }));
    return s;
  };
  for (const id of sourceIds) of(id);
  for (const line of lines) {
    const s = of(line.sourceId);
    if (line.countsAs === "funding" || line.contractId === null) {
      if (line.countsAs === "funding") s.funding += line.amountCents;
      continue;
    }
    const c = s.contracts.get(line.contractId) ?? { e: 0n, p: 0n, r: 0n };
    add(c, line);
    s.contracts.set(line.contractId, c);
  }
  const out = new Map<string, SourceBalance>();
  for (const [id, s] of sums) out.set(id, balanceOf(s));
  return out;
}

function balanceOf(s: Sums): SourceBalance {
  let encumbrance = 0n;
  let encumbered = 0n;
  let paid = 0n;
  let released = 0n;
  let overrun = 0n;
  for (const c of s.contracts.values()) {
    encumbrance += c.e;
    paid += c.p;
    released += c.r;
    const left = c.e - c.p - c.r;
    if (left > 0n) encumbered += left;
    else overrun -= left;
  }
  return {
    ...EMPTY,
    amountCents: cents(s.funding),
    encumberedCents: cents(encumbered),
    paidCents: cents(paid),
    releasedCents: cents(released),
    overrunCents: cents(overrun),
    availableCents: cents(s.funding - encumbrance + released - overrun),
  };
}

export function balanceOfSource(lines: Iterable<LedgerLine>, sourceId: string): SourceBalance {
  return sourceBalances(lines, [sourceId]).get(sourceId) ?? EMPTY;
}
