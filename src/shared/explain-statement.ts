/**
 * The "why" of a statement: one sentence for how the base was computed, for each pool
 * share earned, and for every adjustment (caps, reductions, the [0, maxValue] bounds, a
 * district breach, payments, provisional status).
 */
import type { Statement } from "../core/settlement/statement.js";
import type { Terms } from "../core/terms/types.js";
import { groupedAmount } from "./format-amount.js";
import { formatTrimmed, mul, HUNDRED } from "../core/ratio.js";

const pct = (r: Parameters<typeof formatTrimmed>[0]): string => `${formatTrimmed(mul(r, HUNDRED), 4)}%`;

/** ` (451 of at least 1,080 eligible enrolled students)` for a measured obligation. */
function measuredAgainst(terms: Terms, id: string, value: number | null): string {
  const measure = terms.obligations.find((o) => o.id === id)?.measure;
  if (measure === undefined || measure.kind === "manual" || value === null) return "";
  const what = measure.kind === "enrolledStudents" ? "eligible enrolled students" : "served students";
  return ` (${value.toLocaleString("en-US")} of at least ${measure.min.toLocaleString("en-US")} ${what})`;
}

export function explainStatement(s: Statement, terms: Terms): string[] {
  const why: string[] = [];
  const base = terms.base;
  if (base.kind === "perStudent") {
    const count = base.per === "served" ? s.population.served : s.population.eligible;
    why.push(
      `Base: ${groupedAmount(base.amountCents)} for each of ${count} ${base.per === "served" ? "served" : "eligible enrolled"} students = ${groupedAmount(s.baseCents)}.`,
    );
  } else if (base.kind === "fixed") {
    why.push(
      `Base: a fixed ${groupedAmount(base.amountCents)}, split equally over the ${s.population.served} served students.`,
    );
  } else {
    const prorate =
      s.baseProrate === null
        ? ""
        : ` x ${formatTrimmed(s.baseProrate, 6)} (${s.population.served} served of ${terms.expectedStudents} expected, at most 1)`;
    why.push(
      `Base: ${formatTrimmed(base.percent, 4)}% of the maximum value ${groupedAmount(terms.maxValueCents)}${prorate} = ${groupedAmount(s.baseCents)}, split equally over the served students.`,
    );
  }
  if (s.poolCents !== null) why.push(`Outcome pool: ${groupedAmount(s.poolCents)} at stake.`);
  for (const m of s.metrics) {
    if (m.missing > 0) {
      const counted =
        terms.outcomes.missingOutcome === "exclude"
          ? "they are left out of its denominator (missingOutcome: exclude)"
          : "they count as not meeting it (missingOutcome: notMet)";
      why.push(
        `${m.id}: ${m.missing} measured student${m.missing === 1 ? " lacks" : "s lack"} the scores it needs; ${counted}.`,
      );
    }
    if (m.pool !== null) {
      const metric = terms.outcomes.metrics.find((x) => x.id === m.id);
      const pay = metric?.pay.kind === "pool" ? metric.pay : null;
      if (m.pool.belowMinRate && pay !== null) {
        why.push(
          `${m.id}: rate ${pct(m.rate)} is below the minimum rate ${pct(pay.minRate)}, so it earns nothing of its ${pct(m.pool.share)} share of the pool.`,
        );
      } else if (pay !== null) {
        why.push(
          `${m.id}: rate ${pct(m.rate)} against a target rate of ${pct(pay.targetRate)} earns ${pct(m.pool.earned)} of its ${pct(m.pool.share)} share of the pool = ${groupedAmount(m.uncappedCents)}.`,
        );
      }
    }
    if (m.capped)
      why.push(
        `${m.id}: ${groupedAmount(m.uncappedCents)} earned, capped at the metric's cap of ${groupedAmount(m.amountCents)}.`,
      );
  }
  if (s.outcomeCapped) {
    why.push(
      `Outcome: ${groupedAmount(s.outcomeUncappedCents)} earned across metrics, capped at the outcome cap of ${groupedAmount(s.outcomeCents)}.`,
    );
  }
  const reducing = s.obligations.filter((o) => o.party === "vendor" && o.consequenceApplied);
  for (const o of reducing) {
    const ob = terms.obligations.find((x) => x.id === o.id);
    if (ob?.consequence.kind === "reduceOutcomePercent") {
      why.push(
        `Vendor obligation "${o.id}" was not met: the outcome is reduced by ${formatTrimmed(ob.consequence.percent, 4)}%.`,
      );
    }
  }
  if (s.reductionCents !== 0n) {
    why.push(
      `Reduction: ${formatTrimmed(s.reductionPercent, 4)}% of the outcome ${groupedAmount(s.outcomeCents)} = ${groupedAmount(s.reductionCents)}.`,
    );
  }
  if (s.subtotalUnclampedCents < 0n)
    why.push(
      `Subtotal: base + outcome - reduction is ${groupedAmount(s.subtotalUnclampedCents)}; it is held at 0.`,
    );
  if (s.subtotalUnclampedCents > s.maxValueCents) {
    why.push(
      `Subtotal: base + outcome - reduction is ${groupedAmount(s.subtotalUnclampedCents)}; it is held at the maximum value ${groupedAmount(s.maxValueCents)}.`,
    );
  }
  const breached = s.obligations.filter((o) => o.party === "district" && o.consequenceApplied);
  if (s.payFull) {
    why.push(
      `District obligation ${breached.map((o) => `"${o.id}"${measuredAgainst(terms, o.id, o.value)}`).join(", ")} was not met: the district owes the full maximum value ${groupedAmount(s.maxValueCents)}.`,
    );
  }
  if (s.paidCents !== 0n)
    why.push(`Paid: ${groupedAmount(s.paidCents)} already paid on or before ${s.asOf}.`);
  if (!s.final) {
    const pending = s.obligations.filter((o) => o.status === "pending").map((o) => `"${o.id}"`);
    const reasons = [
      ...(s.asOf < terms.period.end ? [`the period runs to ${terms.period.end}`] : []),
      ...(pending.length > 0 ? [`obligation ${pending.join(", ")} has no status yet`] : []),
    ];
    why.push(`Provisional: ${reasons.join("; ")}.`);
  }
  return why;
}
