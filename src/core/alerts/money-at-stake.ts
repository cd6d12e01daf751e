/**
 * The money of a contract a portfolio adds up. **Contingent at stake** is the part of the
 * contract's maximum value that the vendor earns only through outcomes: `maxValue` less
 * the base the terms pay when the plan is met (a per-student base times
 * `expectedStudents`, a share of `maxValue` rounded once half away from zero, or a fixed
 * amount), held within [0, maxValue]. Exact cents.
 */
import { cents, centsOf, centsToRatio, maxCents, minCents, ZERO_CENTS, type Cents } from "../money.js";
import { mul, ratio } from "../ratio.js";
import type { Terms } from "../terms/types.js";

/** The base the terms pay at the planned enrolment, in cents. */
export function plannedBaseCents(terms: Terms): Cents {
  const base = terms.base;
  if (base.kind === "fixed") return base.amountCents;
  if (base.kind === "perStudent") return cents(base.amountCents * BigInt(terms.expectedStudents));
  return centsOf(mul(centsToRatio(terms.maxValueCents), mul(base.percent, ratio(1n, 100n))));
}

export function contingentAtStakeCents(terms: Terms): Cents {
  const left = cents(terms.maxValueCents - plannedBaseCents(terms));
  return minCents(maxCents(left, ZERO_CENTS), terms.maxValueCents);
}
