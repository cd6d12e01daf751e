/**
 * The sections that describe what is bought: background and purpose, the student
 * population, the service and its dosage, and the outcomes with their metrics. Plain
 * sentences a procurement office publishes; every figure is the terms' own.
 */
import type { Metric, Terms } from "../terms/types.js";
import type { RfpSection } from "./rfp-types.js";
import { metricName } from "./rfp-payment-section.js";
import {
  SUBGROUP_TEXT,
  count,
  decimal,
  gradesText,
  joinList,
  longDate,
  money,
  percent,
  serviceText,
  shareAsPercent,
  windowText,
} from "./rfp-format.js";

function periodText(terms: Terms): string {
  return `from ${longDate(terms.period.start)} to ${longDate(terms.period.end)}`;
}

export function backgroundSection(terms: Terms, input: { title: string; districtName: string }): RfpSection {
  const subjects = [...new Set(terms.windows.map((w) => `${w.assessment} ${w.subject}`))];
  return {
    key: "background",
    heading: "Background and purpose",
    paragraphs: [
      `${input.districtName} invites proposals for ${input.title}: ${serviceText(terms.service)} for about ${count(terms.expectedStudents, "student")} ${periodText(terms)}.`,
      `The contract will be outcomes-based. Part of the price is a base payment for delivering the service; the rest is paid only when students reach the outcomes this request sets out. The maximum contract value is ${money(terms.maxValueCents, terms.currency)}.`,
      `Student outcomes are measured with ${joinList(subjects)}, in the assessment windows named below.`,
      "The draft contract terms are published with this request in the machine-readable format obc-terms/1, from which payments are computed; where this text and the terms differ, the terms govern.",
    ],
  };
}

function servedText(terms: Terms): string {
  const t = terms.serviceThreshold;
  const parts = [
    ...(t.minSessions > 0 ? [count(t.minSessions, "attended session")] : []),
    ...(t.minMinutes > 0 ? [count(t.minMinutes, "minute") + " of attended sessions"] : []),
  ];
  if (parts.length === 0)
    return "Every eligible student counts as served: the terms set no minimum number of sessions or minutes.";
  return `An eligible student counts as served after at least ${joinList(parts)} in the service period.`;
}

export function populationSection(terms: Terms): RfpSection {
  const e = terms.eligibility;
  const conditions = [
    ...(e.grades === undefined ? [] : [`is in ${gradesText(e.grades)}`]),
    ...(e.schools === undefined
      ? []
      : [`is at ${e.schools.length === 1 ? "school" : "one of the schools"} ${joinList(e.schools, "or")}`]),
    ...(e.baselineMaxScore === undefined
      ? []
      : [
          `has a scale score of at most ${decimal(e.baselineMaxScore.score)} in ${windowText(terms, e.baselineMaxScore.window)} (a student without that score is not eligible)`,
        ]),
  ];
  const flags = [
    ...new Set(
      terms.outcomes.metrics.flatMap((m) =>
        m.pay.kind === "perStudent" ? m.pay.amountBySubgroup.map((s) => s.flag) : [],
      ),
    ),
  ];
  const paragraphs = [
    `The district plans to enroll ${count(terms.expectedStudents, "student")} in the program.`,
    conditions.length === 0
      ? "Every student the district enrolls in the program is eligible."
      : `A student the district enrolls is eligible when the student ${joinList(conditions)}. Students who are not eligible are listed on payment statements and never paid for.`,
  ];
  if (flags.length > 0)
    paragraphs.push(
      `The payment terms set different amounts for ${joinList(flags.map((f) => SUBGROUP_TEXT[f]))}, as the district's student records flag them.`,
    );
  paragraphs.push(
    "Results are reported by student group (economic disadvantage, English learners, special education, race and ethnicity, gender and school); outside the district, no figure resting on fewer than 10 students is shown.",
  );
  return { key: "population", heading: "Student population", paragraphs };
}

function dosageMetricText(m: Metric): string | null {
  const x = m.measure;
  if (x.kind === "dosage") {
    const parts = [
      ...(x.minSessions === null ? [] : [count(x.minSessions, "attended session")]),
      ...(x.minMinutes === null ? [] : [`${count(x.minMinutes, "minute")} of attended sessions`]),
    ];
    return `Metric ${metricName(m)} pays for each measured student with at least ${joinList(parts)} in the service period.`;
  }
  if (x.kind === "consistency")
    return `Metric ${metricName(m)} pays for each measured student who has at least ${shareAsPercent(x.minShare)} of attended sessions with the same tutor.`;
  return null;
}

export function serviceSection(terms: Terms): RfpSection {
  const paragraphs = [
    `The vendor provides ${serviceText(terms.service)} ${periodText(terms)} (the service period). Sessions outside the service period do not count.`,
    servedText(terms),
    ...terms.outcomes.metrics.map(dosageMetricText).filter((t): t is string => t !== null),
    "The vendor records every session in the session log (see Data and privacy): the student, the date, the minutes attended and the tutor.",
  ];
  return { key: "service", heading: "Service and dosage", paragraphs };
}

/** One metric as the outcomes table shows it: measure, target, windows. */
function metricRow(terms: Terms, m: Metric): [string, string, string] {
  const x = m.measure;
  switch (x.kind) {
    case "growth": {
      const windows = `${windowText(terms, x.from)} to ${windowText(terms, x.to)}`;
      if (x.target.kind === "points")
        return ["Growth in scale score", `At least ${decimal(x.target.points)} points`, windows];
      const prorate =
        x.target.prorateWeeks === null
          ? ""
          : `, prorated by weeks between the tests over ${x.target.prorateWeeks} weeks`;
      return [
        "Growth in scale score against the student's growth target (growth_target of the first test)",
        `At least ${percent(x.target.percent)} of the growth target${prorate}`,
        windows,
      ];
    }
    case "proficiency":
      return x.minLevel !== null
        ? ["Performance level", `Level ${x.minLevel} or higher`, windowText(terms, x.window)]
        : ["Scale score", `At least ${decimal(x.minScore ?? { n: 0n, d: 1n })}`, windowText(terms, x.window)];
    case "dosage": {
      const parts = [
        ...(x.minSessions === null ? [] : [count(x.minSessions, "session")]),
        ...(x.minMinutes === null ? [] : [count(x.minMinutes, "minute")]),
      ];
      return [
        "Attended sessions and minutes",
        `At least ${joinList(parts)}`,
        "Service period (no assessment)",
      ];
    }
    case "consistency":
      return [
        "Share of attended sessions with the student's most frequent tutor",
        `At least ${shareAsPercent(x.minShare)}`,
        "Service period (no assessment)",
      ];
  }
}

export function outcomesSection(terms: Terms): RfpSection {
  const o = terms.outcomes;
  const paragraphs = [
    `The contract pays on ${count(o.metrics.length, "outcome metric")}. Each metric is measured over the ${o.denominator === "served" ? "served students" : "eligible enrolled students"}.`,
    o.missingOutcome === "notMet"
      ? "A measured student without the test scores a metric needs counts as not meeting it."
      : "A measured student without the test scores a metric needs is left out of that metric.",
    ...o.metrics.map((m) => {
      const [measure, target, windows] = metricRow(terms, m);
      return `${metricName(m)}: ${measure.charAt(0).toLowerCase()}${measure.slice(1)}; target: ${target.charAt(0).toLowerCase()}${target.slice(1)}; measured in: ${windows}.`;
    }),
    `Assessment windows: ${terms.windows.map((w) => `"${w.name}" is ${w.assessment} ${w.subject}, window ${w.window}`).join("; ")}.`,
  ];
  if (terms.maxRapidGuessPercent !== null)
    paragraphs.push(
      `A test with more than ${percent(terms.maxRapidGuessPercent)} rapid guesses is invalid and not used.`,
    );
  return {
    key: "outcomes",
    heading: "Outcomes and metrics",
    paragraphs,
    table: {
      columns: ["Metric", "Measure", "Target", "Assessment windows"],
      rows: o.metrics.map((m) => [metricName(m), ...metricRow(terms, m)]),
    },
  };
}
