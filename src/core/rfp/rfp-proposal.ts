/**
 * What a proposal must contain (with the draft terms' rate card as an obc-terms/1
 * fragment), how proposals are evaluated, and the timeline.
 */
import { formatCents } from "../money.js";
import type { IsoDate } from "../date.js";
import type { Metric, Terms } from "../terms/types.js";
import type { EvaluationCriterion, RfpSection, RfpTable } from "./rfp-types.js";
import { addDays } from "../date.js";
import { decimal, longDate, money } from "./rfp-format.js";
import { FINAL_SESSION_LOG_DAYS } from "./rfp-duties.js";

function metricRates(m: Metric): Record<string, unknown> {
  const pay = m.pay;
  const cap = m.capCents === null ? {} : { cap: formatCents(m.capCents) };
  if (pay.kind === "pool")
    return {
      id: m.id,
      weight: decimal(pay.weight),
      targetRate: decimal(pay.targetRate),
      minRate: decimal(pay.minRate),
      ...cap,
    };
  return {
    id: m.id,
    ...(pay.amountCents === null ? {} : { amount: formatCents(pay.amountCents) }),
    ...(pay.tiers.length === 0
      ? {}
      : {
          tiers: pay.tiers.map((t) => ({ atLeast: decimal(t.atLeast), amount: formatCents(t.amountCents) })),
        }),
    ...(pay.amountBySubgroup.length === 0
      ? {}
      : {
          amountBySubgroup: Object.fromEntries(
            pay.amountBySubgroup.map((s) => [s.flag, formatCents(s.amountCents)]),
          ),
        }),
    ...(pay.declineCents === null ? {} : { decline: formatCents(pay.declineCents) }),
    ...cap,
  };
}

/** The payment keys of the terms (base, outcome kind, pool, cap, each metric's rates) as one line of JSON. */
export function rateCardFragment(terms: Terms): string {
  const b = terms.base;
  const base =
    b.kind === "perStudent"
      ? { kind: b.kind, amount: formatCents(b.amountCents), per: b.per }
      : b.kind === "fixed"
        ? { kind: b.kind, amount: formatCents(b.amountCents) }
        : { kind: b.kind, percent: decimal(b.percent), prorate: b.prorate };
  const o = terms.outcomes;
  const pool =
    o.pool === null
      ? {}
      : {
          pool:
            o.pool.kind === "percent"
              ? { percent: decimal(o.pool.percent) }
              : { amount: formatCents(o.pool.amountCents) },
        };
  const fragment = {
    base,
    outcomes: {
      kind: o.kind,
      ...pool,
      ...(o.capCents === null ? {} : { cap: formatCents(o.capCents) }),
      metrics: o.metrics.map(metricRates),
    },
  };
  // Spaces after the separators let the line wrap on a page.
  return JSON.stringify(fragment, null, 1).replace(/\n\s*/g, " ");
}

export function proposalSection(terms: Terms, proposalsDueOn: string | null): RfpSection {
  const c = terms.currency;
  return {
    key: "proposal",
    heading: "Proposal requirements",
    paragraphs: [
      proposalsDueOn === null
        ? "Proposals are due on the date the district announces."
        : `Proposals are due by ${longDate(proposalsDueOn)}.`,
      "1. Narrative: how the proposer will deliver the service to the students described above, its staffing, schedule and dosage, and how it will reach the outcome targets.",
      "2. Evidence of effectiveness: results of the same service with similar students, with the measures, the number of students, the comparison used and the source of the data.",
      `3. Rate card: the prices the proposer offers, as a fragment of contract terms in obc-terms/1 with the keys base and outcomes, keeping the metric ids above. The draft terms' rate card is: ${rateCardFragment(terms)}`,
      `4. Price: the total the rate card pays at the planned enrollment if every metric is met, which may not exceed the maximum contract value of ${money(terms.maxValueCents, c)}.`,
      "5. Data and privacy: how the proposer will meet the data deliveries and the privacy requirements above.",
      "6. References: at least three districts the proposer has served, with a contact at each.",
    ],
  };
}

function criteriaTable(criteria: readonly EvaluationCriterion[]): RfpTable {
  return {
    columns: ["Criterion", "Weight", "What is evaluated"],
    rows: criteria.map((k) => [k.name, `${k.weight}%`, k.description]),
  };
}

export const EVALUATION_KEY = "evaluation";

export function evaluationSection(criteria: readonly EvaluationCriterion[]): RfpSection {
  return {
    key: EVALUATION_KEY,
    heading: "Evaluation criteria",
    paragraphs: [
      "Proposals are scored on the criteria below. Each criterion's weight is its share of 100 points; price is one criterion among several.",
    ],
    table: criteriaTable(criteria),
  };
}

/** The evaluation table's rows for `criteria`: a document's table must show its criteria. */
export function criteriaRows(criteria: readonly EvaluationCriterion[]): readonly (readonly string[])[] {
  return criteriaTable(criteria).rows;
}

export function timelineSection(
  terms: Terms,
  issuedOn: string | null,
  proposalsDueOn: string | null,
): RfpSection {
  const announced = "To be announced";
  const rows = [
    ["Request for proposals issued", issuedOn === null ? announced : longDate(issuedOn)],
    ["Proposals due", proposalsDueOn === null ? announced : longDate(proposalsDueOn)],
    ["Service period begins", longDate(terms.period.start)],
    ...terms.windows.map((w) => [`Assessment window "${w.name}" (${w.assessment} ${w.subject})`, w.window]),
    ["Service period ends", longDate(terms.period.end)],
    ["Complete session log due", longDate(addDays(terms.period.end as IsoDate, FINAL_SESSION_LOG_DAYS))],
    ["Final payment statement", "After the last assessment results and the complete session log are in"],
  ];
  return {
    key: "timeline",
    heading: "Timeline",
    paragraphs: ["Dates not yet set are announced by the district."],
    table: { columns: ["Milestone", "Date"], rows },
  };
}
