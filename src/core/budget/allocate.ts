/**
 * Pro rata allocation of an amount of cents over weighted parts, so that the parts add up
 * to the amount exactly (largest remainder).
 *
 * The rule: each part first gets |amount| × weight / Σweights rounded toward zero; the
 * cents still unallocated then go one each to the parts with the largest remainders of
 * that division, ties to the earlier part in the order given (callers order by funding
 * source id). A negative amount (a refund) is allocated as its magnitude and every part
 * negated, so a refund splits exactly as the payment it undoes. Parts of zero weight get
 * nothing; with no positive weight nothing can be allocated (null).
 */
import { cents, type Cents } from "../money.js";

export interface Weighted<K> {
  readonly key: K;
  /** Non-negative cents (an encumbrance, an outstanding amount). */
  readonly weightCents: Cents;
}

export interface Allocated<K> {
  readonly key: K;
  readonly amountCents: Cents;
}

export function allocateProRata<K>(amount: Cents, parts: readonly Weighted<K>[]): Allocated<K>[] | null {
  const total = parts.reduce((sum, p) => sum + (p.weightCents > 0n ? p.weightCents : 0n), 0n);
  if (total === 0n) return null;
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  const shares = parts.map((p, index) => {
    const weight = p.weightCents > 0n ? p.weightCents : 0n;
    const product = magnitude * weight;
    return { key: p.key, index, floor: product / total, remainder: product % total };
  });
  let left = magnitude - shares.reduce((sum, s) => sum + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const extra = new Set<number>();
  for (const s of byRemainder) {
    if (left === 0n) break;
    if (s.remainder === 0n) continue;
    extra.add(s.index);
    left -= 1n;
  }
  return shares.map((s) => ({
    key: s.key,
    amountCents: cents((s.floor + (extra.has(s.index) ? 1n : 0n)) * sign),
  }));
}
