/**
 * Scoring proposals against an RFP's rubric: its evaluation criteria, each with an
 * integer weight in percent (the weights add up to 100).
 *
 * Each criterion is scored 0 to 5 points (whole points, by hand, with a comment), except
 * the criterion keyed `price`, which is scored from the proposals' prices:
 *
 *   price points = 5 x lowest price / this proposal's price
 *
 * over the proposals still in the running (not withdrawn): the lowest price gets 5, a
 * price twice the lowest 2.5. A criterion's weighted points are weight x points / 5, and
 * a proposal's weighted total, out of 100, is their sum divided by the sum of the weights
 * over 100 (which is 1 for a valid rubric). Every figure is an exact ratio; it is rounded
 * only to be shown (2 decimals, half away from zero).
 */
import type { Cents } from "../money.js";
import { add, fromInt, mul, ratio, ZERO, type Ratio } from "../ratio.js";

export const MAX_POINTS = 5;
export const PRICE_CRITERION = "price";

export interface Criterion {
  readonly key: string;
  /** Integer percent. */
  readonly weight: number;
}

export interface CriterionScore {
  readonly key: string;
  /** Null: not scored yet. */
  readonly points: Ratio | null;
  /** weight x points / 5, scaled so the weights count out of 100; null when not scored. */
  readonly weighted: Ratio | null;
}

export interface ProposalScore {
  readonly criteria: readonly CriterionScore[];
  /** Out of 100; null until every criterion is scored. */
  readonly total: Ratio | null;
  /** The sum of the weighted points scored so far. */
  readonly scoredSoFar: Ratio;
}

/** 5 x lowest / price, exact; `priceCents` and `lowestCents` are positive. */
export function pricePoints(priceCents: Cents, lowestCents: Cents): Ratio {
  return ratio(BigInt(MAX_POINTS) * lowestCents, priceCents);
}

/**
 * The weighted score of one proposal. `points` holds the hand scores by criterion key
 * (whole points 0-5); the price criterion takes `pricePoints` when given.
 */
export function scoreProposal(
  criteria: readonly Criterion[],
  points: ReadonlyMap<string, number>,
  priceScore: Ratio | null,
): ProposalScore {
  const weightSum = criteria.reduce((sum, c) => sum + BigInt(c.weight), 0n);
  const scale = weightSum === 0n ? ZERO : ratio(100n, weightSum * BigInt(MAX_POINTS));
  let total: Ratio | null = ZERO;
  let scoredSoFar = ZERO;
  const out = criteria.map((c) => {
    const hand = points.get(c.key);
    const given = c.key === PRICE_CRITERION ? priceScore : hand === undefined ? null : fromInt(hand);
    if (given === null) {
      total = null;
      return { key: c.key, points: null, weighted: null };
    }
    const weighted = mul(mul(fromInt(c.weight), given), scale);
    scoredSoFar = add(scoredSoFar, weighted);
    if (total !== null) total = add(total, weighted);
    return { key: c.key, points: given, weighted };
  });
  return { criteria: out, total, scoredSoFar };
}

/** The lowest of the prices (cents), or null for none. */
export function lowestPrice(prices: readonly Cents[]): Cents | null {
  let lowest: Cents | null = null;
  for (const p of prices) if (lowest === null || p < lowest) lowest = p;
  return lowest;
}
