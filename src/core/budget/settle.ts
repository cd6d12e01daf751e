/**
 * What happens to a contract's encumbrance as money moves: a payment is charged to the
 * contract's funding sources pro rata to its encumbrance in each (allocate.ts gives the
 * rounding rule), and at final settlement the encumbrance the contract will never pay is
 * released back to its sources.
 */
import { cents, type Cents } from "../money.js";
import { allocateProRata } from "./allocate.js";
import { outstandingCents, type ContractPosition } from "./ledger.js";

export interface SourceAmount {
  readonly sourceId: string;
  readonly amountCents: Cents;
}

const bySourceId = (a: ContractPosition, b: ContractPosition): number =>
  a.sourceId.length - b.sourceId.length || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0);

/** Sources in numeric id order (ids are decimal strings), the tie-break order of the rounding. */
export function orderedPositions(positions: readonly ContractPosition[]): ContractPosition[] {
  return [...positions].sort(bySourceId);
}

/**
 * The parts of a payment (negative: a refund) charged to each source, pro rata to the
 * contract's encumbrance in each (E, net of reversals). Parts of zero are left out. Null
 * when the contract has no encumbrance: the payment cannot be charged to any source.
 */
export function chargePayment(
  amountCents: Cents,
  positions: readonly ContractPosition[],
): SourceAmount[] | null {
  const parts = allocateProRata(
    amountCents,
    orderedPositions(positions).map((p) => ({ key: p.sourceId, weightCents: p.encumberedTotalCents })),
  );
  if (parts === null) return null;
  return parts
    .filter((p) => p.amountCents !== 0n)
    .map((p) => ({ sourceId: p.key, amountCents: p.amountCents }));
}

/**
 * The release at final settlement: of what the contract encumbered (E, less what was
 * released before), everything beyond what it will pay (the final statement's total, or
 * what was paid already if that is more) goes back to the sources, pro rata to what is
 * still outstanding in each, so no source releases more than it holds for the contract.
 */
export function releaseAtSettlement(
  statementTotalCents: Cents,
  positions: readonly ContractPosition[],
): SourceAmount[] {
  let encumbered = 0n;
  let paid = 0n;
  let released = 0n;
  for (const p of positions) {
    encumbered += p.encumberedTotalCents;
    paid += p.paidCents;
    released += p.releasedCents;
  }
  const willPay = statementTotalCents > paid ? statementTotalCents : paid;
  const release = encumbered - released - willPay;
  if (release <= 0n) return [];
  const parts = allocateProRata(
    cents(release),
    orderedPositions(positions).map((p) => ({ key: p.sourceId, weightCents: outstandingCents(p) })),
  );
  if (parts === null) return [];
  return parts
    .filter((p) => p.amountCents > 0n)
    .map((p) => ({ sourceId: p.key, amountCents: p.amountCents }));
}
