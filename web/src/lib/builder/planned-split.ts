/**
 * The base/contingent split of terms at their planned size: what the base pays if the
 * expected number of students is served, and the most the outcomes can pay (every
 * measured student meeting every metric at its highest amount, within the caps), each
 * as a share of the maximum value. A planning figure for the builder, not a statement.
 */
import type { MetricJson, TermsDocument } from "../../../../src/shared/terms/check-terms.js";
import {
  type Fraction,
  HUNDREDTH,
  fromInteger,
  moneyOf,
  parseDecimal,
  plus,
  times,
  trimmed,
} from "./decimal.js";

export interface Split {
  readonly base: Fraction;
  readonly contingent: Fraction;
  readonly maxValue: Fraction;
}

const ZERO = fromInteger(0);

function min(a: Fraction, b: Fraction): Fraction {
  return a.num * b.den <= b.num * a.den ? a : b;
}

function max(a: Fraction, b: Fraction): Fraction {
  return a.num * b.den >= b.num * a.den ? a : b;
}

function d(text: unknown): Fraction {
  return parseDecimal(text) ?? ZERO;
}

/** The most one student can earn on a perStudent metric. */
function bestAmount(m: MetricJson): Fraction {
  const pay = m as {
    amount?: string;
    tiers?: { amount: string }[];
    amountBySubgroup?: Record<string, string>;
  };
  let best = d(pay.amount);
  for (const t of pay.tiers ?? []) best = max(best, d(t.amount));
  for (const a of Object.values(pay.amountBySubgroup ?? {})) best = max(best, d(a));
  return best;
}

export function computeSplit(terms: TermsDocument): Split {
  const maxValue = d(terms.maxValue);
  const expected = fromInteger(terms.expectedStudents);
  const b = terms.base;
  const base =
    b.kind === "perStudent"
      ? times(d(b.amount), expected)
      : b.kind === "fixed"
        ? d(b.amount)
        : times(times(d(b.percent), HUNDREDTH), maxValue);
  const o = terms.outcomes;
  let contingent = ZERO;
  if (o.kind === "pool" && o.pool !== undefined)
    contingent =
      "percent" in o.pool ? times(times(d(o.pool.percent), HUNDREDTH), maxValue) : d(o.pool.amount);
  else
    for (const m of o.metrics) {
      const full = times(bestAmount(m), expected);
      contingent = plus(contingent, m.cap === undefined ? full : min(full, d(m.cap)));
    }
  if (o.cap !== undefined) contingent = min(contingent, d(o.cap));
  return { base: min(base, maxValue), contingent: min(contingent, maxValue), maxValue };
}

function shareOf(part: Fraction, whole: Fraction): string {
  if (whole.num === 0n) return "—";
  return `${trimmed({ num: part.num * whole.den * 100n, den: part.den * whole.num })}%`;
}

/** One sentence for the summary; null when the maximum value is zero. */
export function plannedSplit(terms: TermsDocument): string | null {
  const s = computeSplit(terms);
  if (s.maxValue.num === 0n) return null;
  const c = terms.currency;
  return (
    `Planned split at ${terms.expectedStudents} students: base ${moneyOf(s.base, c)} (${shareOf(s.base, s.maxValue)} of the maximum), ` +
    `outcomes up to ${moneyOf(s.contingent, c)} (${shareOf(s.contingent, s.maxValue)}).`
  );
}
