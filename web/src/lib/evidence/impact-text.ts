/**
 * The impact estimate in plain words: the verdict as a sentence a reader can repeat, the
 * What Works Clearinghouse baseline-equivalence verdict and the attrition. Statistics are
 * floating point and shown rounded (points to one decimal, effect sizes to two).
 */
import type { Impact } from "../api/evidence.js";

const formats = new Map<number, Intl.NumberFormat>();

/**
 * `x` with `places` decimals, rounded half away from zero on its exact decimal value (no
 * "-0.0": a figure that rounds to zero has no sign); "n/a" when it could not be computed.
 */
export function fixed(x: number | null, places: number): string {
  if (x === null || !Number.isFinite(x)) return "n/a";
  let format = formats.get(places);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: places,
      maximumFractionDigits: places,
      useGrouping: false,
    });
    formats.set(places, format);
  }
  const text = format.format(x);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A number of scale-score points ("4.1", "-0.3"). */
export const points = (x: number | null): string => fixed(x, 1);

/** An effect size ("0.21"). */
export const effect = (x: number | null): string => fixed(x, 2);

/** A share as a percentage with one decimal ("58.3%"). */
export function share(x: number | null): string {
  return x === null || !Number.isFinite(x) ? "n/a" : `${fixed(x * 100, 1)}%`;
}

export const VERDICT_LABEL: Readonly<Record<Impact["verdict"], string>> = {
  positive: "Served students grew more",
  negative: "Served students grew less",
  noDetectableEffect: "No detectable difference",
  cannotConclude: "No conclusion possible",
};

function sentenceOf(text: string): string {
  const trimmed = text.trim().replace(/[.;:]+$/, "");
  return trimmed === "" ? "" : `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
}

/** The reasons of a verdict as sentences ("A. B"; the caller ends the last). */
function reasonsText(impact: Impact): string {
  return impact.reasons.map((r) => sentenceOf(r.message)).join(". ");
}

/**
 * The verdict as one or two sentences, e.g. "Served students grew 4.1 points more than
 * similar students not served (95% CI 2.0 to 6.2); effect size g = 0.21."
 */
export function impactSentence(impact: Impact): string {
  if (impact.verdict === "cannotConclude") {
    const why = reasonsText(impact);
    return why === ""
      ? "The data cannot support a conclusion."
      : `The data cannot support a conclusion: ${why}.`;
  }
  const r = impact.regression;
  if (impact.suppressed || r === null || r.estimate === null)
    return `${VERDICT_LABEL[impact.verdict]}. The figures are withheld: a matched group has fewer than 10 students.`;
  const ci = `95% CI ${points(r.ciLow)} to ${points(r.ciHigh)}`;
  const g = impact.effectSize?.hedgesG ?? null;
  const size = g === null ? "" : `; effect size g = ${effect(g)}`;
  const amount = Math.abs(r.estimate);
  const direction = r.estimate < 0 ? "less" : "more";
  if (impact.verdict === "noDetectableEffect")
    return (
      `No detectable difference: served students grew ${points(amount)} points ${direction} than similar ` +
      `students not served, but the interval includes zero (${ci})${size}.`
    );
  return `Served students grew ${points(amount)} points ${direction} than similar students not served (${ci})${size}.`;
}

/** The WWC baseline-equivalence verdict of the matched groups, in words. */
export function equivalenceText(baseline: Impact["baseline"]): string {
  if (baseline === null) return "Not computed: there is no matched comparison.";
  const g = `baseline difference g = ${effect(baseline.hedgesG)}`;
  switch (baseline.equivalence) {
    case "satisfied":
      return `Satisfied (${g}, within 0.05): the groups started alike.`;
    case "requiresAdjustment":
      return `Satisfied with statistical adjustment (${g}, between 0.05 and 0.25): the estimate adjusts for the baseline score.`;
    case "notSatisfied":
      return `Not satisfied (${g}, beyond 0.25): the groups started too far apart to compare.`;
    default:
      return `${baseline.equivalence} (${g}).`;
  }
}

/**
 * Attrition: the share of students with a baseline score who have no outcome score, in
 * each group, overall, and the difference between the groups.
 */
export function attritionText(impact: Impact): string {
  const a = impact.attrition;
  if (a === null) return "Withheld: fewer than 10 students in a group.";
  return (
    `Overall ${share(a.overallRate)}, differential ${share(a.differentialRate)} ` +
    `(served ${share(a.servedRate)}, comparison ${share(a.comparisonRate)}).`
  );
}

/** A count of students, "fewer than 10" when withheld. */
export function countText(n: number | null | undefined): string {
  return n === null || n === undefined ? "fewer than 10" : String(n);
}
