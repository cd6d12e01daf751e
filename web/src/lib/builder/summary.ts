/**
 * The terms in plain language, for the builder's one-page review: what the district buys,
 * who counts, what is paid for what, and what each side owes. It reads a document that
 * has passed the validator, so every key it reads has the spec's shape.
 */
import type { MetricJson, ObligationJson, TermsDocument } from "../../../../src/shared/terms/check-terms.js";
import { plannedSplit } from "./planned-split.js";
import { fromInteger, moneyText, parseDecimal, plus, shareAsPercent, trimmed } from "./decimal.js";

export interface SummarySection {
  readonly heading: string;
  readonly items: readonly string[];
}

const SERVICE_NAMES: Record<TermsDocument["service"], string> = {
  tutoring: "tutoring",
  edtech: "education technology",
  "professional-learning": "professional learning",
  curriculum: "curriculum",
  other: "services",
};

const SUBGROUP_NAMES: Record<string, string> = {
  economicallyDisadvantaged: "economically disadvantaged",
  englishLearner: "English learner",
  specialEducation: "special education",
};

function windowName(terms: TermsDocument, name: string): string {
  const w = terms.windows[name];
  return w === undefined ? `"${name}"` : `${name} (${w.assessment} ${w.subject}, ${w.window})`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

/** What a student must do to meet a metric. */
export function measureText(terms: TermsDocument, m: MetricJson): string {
  switch (m.kind) {
    case "growth": {
      const span = `from ${windowName(terms, m.from)} to ${windowName(terms, m.to)}`;
      if ("points" in m.target) return `the scale score grows by at least ${m.target.points} points ${span}`;
      const weeks =
        m.target.prorateWeeks === undefined
          ? ""
          : `, the target prorated over ${m.target.prorateWeeks} weeks between the tests`;
      return `growth ${span} reaches ${m.target.percent}% of the student's growth target${weeks}`;
    }
    case "proficiency":
      return "minLevel" in m
        ? `performance level ${m.minLevel} or higher in ${windowName(terms, m.window)}`
        : `a scale score of ${m.minScore} or more in ${windowName(terms, m.window)}`;
    case "dosage": {
      const parts = [
        ...(m.minSessions === undefined ? [] : [`${m.minSessions} sessions`]),
        ...(m.minMinutes === undefined ? [] : [`${m.minMinutes} minutes`]),
      ];
      return `attends at least ${list(parts)} in the period`;
    }
    case "consistency":
      return `at least ${shareAsPercent(m.minShare)} of attended sessions with the same tutor`;
  }
}

function perStudentPay(terms: TermsDocument, m: MetricJson, who: string): string {
  const c = terms.currency;
  const pay = m as MetricJson & {
    amount?: string;
    tiers?: { atLeast: string; amount: string }[];
    amountBySubgroup?: Record<string, string>;
    decline?: string;
  };
  const parts: string[] = [];
  if (pay.tiers !== undefined) {
    const tiers = pay.tiers.map((t) => `${moneyText(t.amount, c)} at ${t.atLeast}% of the target`);
    parts.push(
      `"${m.label}": for each ${who} student, by growth reached: ${list(tiers)} (the highest tier reached pays)`,
    );
  } else {
    parts.push(
      `Pay ${moneyText(pay.amount, c)} for each ${who} student who meets "${m.label}": ${measureText(terms, m)}`,
    );
  }
  if (pay.tiers !== undefined) parts.push(`Growth is measured as ${measureText(terms, m)}`);
  for (const [flag, amount] of Object.entries(pay.amountBySubgroup ?? {}))
    parts.push(`${moneyText(amount, c)} instead for a ${SUBGROUP_NAMES[flag] ?? flag} student`);
  if (pay.decline !== undefined)
    parts.push(`${moneyText(pay.decline, c)} is deducted for each student whose score falls`);
  if (m.cap !== undefined) parts.push(`at most ${moneyText(m.cap, c)} in all for this metric`);
  return `${parts.join("; ")}.`;
}

function poolPay(terms: TermsDocument, m: MetricJson, totalWeight: string): string {
  const pay = m as MetricJson & { weight: string; targetRate?: string; minRate?: string };
  const target = shareAsPercent(pay.targetRate ?? "1");
  const floor = pay.minRate === undefined ? "" : `, nothing below ${shareAsPercent(pay.minRate)}`;
  const cap = m.cap === undefined ? "" : `; at most ${moneyText(m.cap, terms.currency)}`;
  return `"${m.label}" (weight ${pay.weight} of ${totalWeight}): ${measureText(terms, m)}. Its full share is earned when ${target} of measured students meet it, in proportion below that${floor}${cap}.`;
}

function baseText(terms: TermsDocument): string {
  const b = terms.base;
  const c = terms.currency;
  if (b.kind === "perStudent")
    return `Pay ${moneyText(b.amount, c)} for each ${b.per === "served" ? "served" : "eligible enrolled"} student.`;
  if (b.kind === "fixed") return `Pay a fixed ${moneyText(b.amount, c)}.`;
  const prorate =
    b.prorate === true ? `, prorated by students served out of the ${terms.expectedStudents} expected` : "";
  return `Pay ${b.percent}% of the maximum value${prorate}.`;
}

function obligationText(terms: TermsDocument, o: ObligationJson): string {
  const side = o.party === "district" ? "The district" : "The vendor";
  const measure =
    o.measure.kind === "manual"
      ? "recorded by hand"
      : o.measure.kind === "enrolledStudents"
        ? `met with ${o.measure.min} or more eligible enrolled students`
        : `met with ${o.measure.min} or more served students`;
  const consequence =
    o.consequence === "payFull"
      ? `if not met, the district pays the full ${moneyText(terms.maxValue, terms.currency)}`
      : o.consequence === "none"
        ? "tracked and reported, with no effect on payment"
        : `if not met, the outcome payment is reduced by ${o.consequence.reduceOutcomePercent}%`;
  return `${side}: ${o.description} (${measure}; ${consequence}).`;
}

export function summarizeTerms(terms: TermsDocument): SummarySection[] {
  const c = terms.currency;
  const e = terms.eligibility ?? {};
  const who = [
    e.grades === undefined
      ? "Students of every grade"
      : `Students in grade${e.grades.length === 1 ? "" : "s"} ${list(e.grades)}`,
    e.schools === undefined
      ? "at any school"
      : `at school${e.schools.length === 1 ? "" : "s"} ${list(e.schools)}`,
  ].join(" ");
  const baseline =
    e.baselineMaxScore === undefined
      ? []
      : [
          `Only students scoring ${e.baselineMaxScore.score} or less in ${windowName(terms, e.baselineMaxScore.window)}.`,
        ];
  const t = terms.service_threshold ?? {};
  const served = [
    ...(t.minSessions === undefined || t.minSessions === 0 ? [] : [`${t.minSessions} sessions`]),
    ...(t.minMinutes === undefined || t.minMinutes === 0 ? [] : [`${t.minMinutes} minutes`]),
  ];
  const o = terms.outcomes;
  const measured = (o.denominator ?? "served") === "served" ? "served" : "eligible enrolled";
  const missing =
    (o.missingOutcome ?? "notMet") === "notMet"
      ? `A ${measured} student without the scores a metric needs counts as not meeting it.`
      : `A ${measured} student without the scores a metric needs is left out of that metric.`;
  const weights = o.metrics.reduce(
    (sum, m) => plus(sum, parseDecimal((m as { weight?: string }).weight) ?? fromInteger(0)),
    fromInteger(0),
  );
  const pool: string[] = [];
  if (o.pool !== undefined)
    pool.push(
      "percent" in o.pool
        ? `A pool of ${o.pool.percent}% of the maximum value is at stake on outcomes.`
        : `A pool of ${moneyText(o.pool.amount, c)} is at stake on outcomes.`,
    );
  const split = plannedSplit(terms);
  return [
    {
      heading: "The contract",
      items: [
        `${terms.district.name} buys ${SERVICE_NAMES[terms.service]} from ${terms.vendor.name}, from ${terms.period.start} to ${terms.period.end}.`,
        `At most ${moneyText(terms.maxValue, c)} is paid in all, for ${terms.expectedStudents} expected students.`,
        ...(split === null ? [] : [split]),
      ],
    },
    {
      heading: "Who counts",
      items: [
        `${who}.`,
        ...baseline,
        served.length === 0
          ? "Every eligible enrolled student counts as served."
          : `A student is served after ${list(served)} attended.`,
        ...(terms.maxRapidGuessPercent === undefined
          ? []
          : [`Tests with more than ${terms.maxRapidGuessPercent}% rapid guesses are ignored.`]),
      ],
    },
    { heading: "Base payment", items: [baseText(terms)] },
    {
      heading: o.kind === "pool" ? "Outcome pool" : "Outcome payments",
      items: [
        ...pool,
        ...o.metrics.map((m) =>
          o.kind === "pool"
            ? poolPay(terms, m, trimmed(weights))
            : perStudentPay(terms, m, `measured (${measured})`),
        ),
        missing,
        ...(o.cap === undefined
          ? []
          : [`All outcome payments together are capped at ${moneyText(o.cap, c)}.`]),
      ],
    },
    {
      heading: "Obligations of both sides",
      items:
        (terms.obligations ?? []).length === 0
          ? ["No obligations are written."]
          : (terms.obligations ?? []).map((ob) => obligationText(terms, ob)),
    },
  ];
}
