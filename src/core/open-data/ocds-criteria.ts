/**
 * Plain-language sentences of what the terms ask and pay, for OCDS titles and
 * descriptions: a metric's per-student criterion, how the metric pays, and the base.
 * Numbers come from the terms' exact values (formatTrimmed: at most six decimals,
 * rounded half away from zero, display only).
 */
import { formatCents } from "../money.js";
import { HUNDRED, formatTrimmed, mul, type Ratio } from "../ratio.js";
import type { AssessmentWindow, BaseTerms, Metric, Terms } from "../terms/types.js";

function windowText(terms: Terms, name: string): string {
  const w: AssessmentWindow | undefined = terms.windows.find((x) => x.name === name);
  return w === undefined ? name : `${w.assessment} ${w.subject} ${w.window}`;
}

export function percentText(share: Ratio): string {
  return `${formatTrimmed(mul(share, HUNDRED), 4)}%`;
}

/** What one measured student must reach to meet the metric. */
export function criterionText(terms: Terms, metric: Metric): string {
  const m = metric.measure;
  switch (m.kind) {
    case "growth": {
      const span = `from ${windowText(terms, m.from)} to ${windowText(terms, m.to)}`;
      if (m.target.kind === "points")
        return `scale-score growth ${span} of at least ${formatTrimmed(m.target.points)} points`;
      const prorate =
        m.target.prorateWeeks === null ? "" : `, prorated over ${m.target.prorateWeeks} weeks of instruction`;
      return `growth ${span} of at least ${formatTrimmed(m.target.percent)}% of the student's growth target${prorate}`;
    }
    case "proficiency":
      return m.minLevel !== null
        ? `performance level ${m.minLevel} or higher in ${windowText(terms, m.window)}`
        : `scale score of at least ${formatTrimmed(m.minScore ?? { n: 0n, d: 1n })} in ${windowText(terms, m.window)}`;
    case "dosage": {
      const parts = [
        ...(m.minSessions === null ? [] : [`${m.minSessions} attended sessions`]),
        ...(m.minMinutes === null ? [] : [`${m.minMinutes} minutes of attended sessions`]),
      ];
      return `at least ${parts.join(" and ")} in the service period`;
    }
    case "consistency":
      return `at least ${percentText(m.minShare)} of attended sessions with the same tutor`;
  }
}

/** How the metric turns into money (currency amounts as in the terms, two decimals). */
export function metricPayText(terms: Terms, metric: Metric): string {
  const pay = metric.pay;
  const cap =
    metric.capCents === null ? "" : `, at most ${formatCents(metric.capCents)} ${terms.currency} in all`;
  if (pay.kind === "pool") {
    const min = pay.minRate.n === 0n ? "" : `, nothing below ${percentText(pay.minRate)}`;
    return `a weighted share of the outcome pool, earned in full when ${percentText(pay.targetRate)} of measured students meet it${min}${cap}`;
  }
  if (pay.amountCents !== null)
    return `${formatCents(pay.amountCents)} ${terms.currency} for each measured student who meets it${cap}`;
  const tiers = pay.tiers.map((t) => `${formatTrimmed(t.atLeast)}% of target: ${formatCents(t.amountCents)}`);
  return `per measured student by attainment tier (${tiers.join("; ")} ${terms.currency})${cap}`;
}

export function baseText(terms: Terms, base: BaseTerms): string {
  switch (base.kind) {
    case "perStudent":
      return `${formatCents(base.amountCents)} ${terms.currency} for each ${base.per === "served" ? "served" : "eligible enrolled"} student`;
    case "share":
      return `${formatTrimmed(base.percent)}% of the contract's maximum value${base.prorate ? ", prorated by students served against students expected" : ""}`;
    case "fixed":
      return `a fixed ${formatCents(base.amountCents)} ${terms.currency}`;
  }
}
