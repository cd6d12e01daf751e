/**
 * The estimated impact of a contract's service on growth (outcome minus baseline score):
 * served students against a comparison group of unserved district students matched on
 * exact grade and baseline band (./impact-sample.ts), by
 *
 * 1. the difference in weighted mean growth of the matched groups;
 * 2. a weighted least-squares regression of growth on the served indicator, the baseline
 *    score, grade dummies and subgroup flags (./impact-design.ts) with the matching
 *    weights, HC2 robust standard errors and a t(df) 95% interval (./stats/ols.ts);
 * 3. Hedges' g of the adjusted difference (./stats/hedges-g.ts), and the WWC baseline
 *    equivalence of the matched groups.
 *
 * Thresholds: an estimate needs at least 30 matched served and 30 matched comparison
 * students (options), so that the sampling distribution of the difference is close to
 * normal and HC2 is well behaved; below that the verdict is `cannotConclude`, with the
 * counts that are there. A baseline difference above 0.25 SD also means `cannotConclude`
 * (WWC: regression adjustment cannot be relied on beyond it).
 */
import type { EvidenceInput, EvidenceStudent } from "./evidence-input.js";
import { matchSample } from "./impact-sample.js";
import { impactDesign, SERVED_COLUMN } from "./impact-design.js";
import {
  DEFAULT_BAND_WIDTH_SD,
  DEFAULT_MIN_COMPARISON,
  DEFAULT_MIN_SERVED,
  type BaselineEquivalence,
  type ImpactEstimate,
  type ImpactOptions,
  type ImpactReason,
  type ImpactVerdict,
} from "./impact-types.js";
import { fitOls } from "./stats/ols.js";
import { tQuantile975 } from "./stats/quantiles.js";
import { hedgesG, smallSampleCorrection } from "./stats/hedges-g.js";
import { sampleVariance, weightedMean } from "./stats/summary.js";
import { CategoryIndex } from "./stats/category-index.js";

export function estimateImpact(input: EvidenceInput, options: ImpactOptions = {}): ImpactEstimate {
  const include = options.include;
  const students = include === undefined ? input.students : input.students.filter(include);
  const minServed = options.minServed ?? DEFAULT_MIN_SERVED;
  const minComparison = options.minComparison ?? DEFAULT_MIN_COMPARISON;
  const m = matchSample(students, options.bandWidthSd ?? DEFAULT_BAND_WIDTH_SD);
  const sample = {
    served: m.servedTotal,
    servedMissingBaseline: m.servedMissingBaseline,
    servedMissingOutcome: m.servedMissingOutcome,
    servedMatched: m.servedMatched,
    servedUnmatched: m.servedUnmatched,
    comparison: m.comparisonTotal,
    comparisonMatched: m.comparisonMatched,
    comparisonUnmatched: m.comparisonUnmatched,
    strata: m.strata,
  };
  const reasons: ImpactReason[] = [];
  const stop = (): ImpactEstimate => ({
    verdict: "cannotConclude",
    reasons,
    sample,
    attrition: m.attrition,
    meanGrowth: null,
    baseline: null,
    regression: null,
    effectSize: null,
  });
  if (m.servedTotal === 0) reasons.push({ code: "noServed", message: "no served students" });
  else if (m.comparisonTotal === 0) {
    reasons.push({
      code: "noComparison",
      message: "no unserved students with scores in these grades and windows to compare with",
    });
  }
  if (reasons.length > 0) return stop();
  if (m.servedMatched < minServed) {
    reasons.push({
      code: "tooFewServed",
      message: `${m.servedMatched} served ${m.servedMatched === 1 ? "student has" : "students have"} both scores and a comparison match; an estimate needs at least ${minServed}`,
    });
  }
  if (m.comparisonMatched < minComparison) {
    reasons.push({
      code: m.comparisonMatched === 0 ? "noComparison" : "tooFewComparison",
      message: `${m.comparisonMatched} comparison ${m.comparisonMatched === 1 ? "student matches" : "students match"} a served student; an estimate needs at least ${minComparison}`,
    });
  }
  if (reasons.length > 0) return stop();

  const served = m.students.filter((s) => s.student.served);
  const comparison = m.students.filter((s) => !s.student.served);
  const wMean = (list: typeof served, pick: (s: (typeof served)[number]) => number): number =>
    weightedMean(
      list.map(pick),
      list.map((s) => s.weight),
    );
  const meanGrowth = {
    served: wMean(served, (s) => s.growth),
    comparison: wMean(comparison, (s) => s.growth),
    difference: 0,
  };
  meanGrowth.difference = meanGrowth.served - meanGrowth.comparison;

  const nS = served.length;
  const nC = comparison.length;
  const baselineSd = [
    sampleVariance(served.map((s) => s.baseline)),
    sampleVariance(comparison.map((s) => s.baseline)),
  ];
  const baselineG = hedgesG(
    wMean(served, (s) => s.baseline) - wMean(comparison, (s) => s.baseline),
    Math.sqrt(baselineSd[0] as number),
    nS,
    Math.sqrt(baselineSd[1] as number),
    nC,
  );
  const baseline = { hedgesG: baselineG, equivalence: equivalenceOf(baselineG) };

  const fit = fitOls(impactDesign(m.students));
  const partial = { ...stop(), meanGrowth, baseline };
  if (!fit.ok) {
    reasons.push({
      code: "noResidualDf",
      message: "more design columns than students: no residual degrees of freedom",
    });
    return partial;
  }
  const coefficient = fit.columns.find((c) => c.name === SERVED_COLUMN);
  if (coefficient === undefined) {
    reasons.push({
      code: "servedAliased",
      message: `the served indicator is collinear with ${fit.dropped.filter((d) => d !== SERVED_COLUMN).join(", ") || "the intercept"}: served and comparison students cannot be told apart`,
    });
    return partial;
  }
  const t = tQuantile975(fit.df);
  const estimate = coefficient.estimate;
  const se = coefficient.standardError;
  const regression = {
    estimate,
    standardError: se,
    ci: { low: estimate - t * se, high: estimate + t * se },
    df: fit.df,
    n: fit.n,
    droppedColumns: fit.dropped,
  };
  const pooledSd = pooledWithinGradeSd(students);
  const omega = smallSampleCorrection(nS, nC);
  const effectSize = {
    hedgesG: (omega * estimate) / pooledSd,
    ci: { low: (omega * regression.ci.low) / pooledSd, high: (omega * regression.ci.high) / pooledSd },
    pooledSd,
  };
  let verdict: ImpactVerdict =
    regression.ci.low > 0 ? "positive" : regression.ci.high < 0 ? "negative" : "noDetectableEffect";
  if (baseline.equivalence === "notSatisfied") {
    verdict = "cannotConclude";
    reasons.push({
      code: "baselineNotEquivalent",
      message:
        "matched groups differ at baseline by more than 0.25 SD (see baseline.hedgesG): regression adjustment cannot bridge that",
    });
  }
  return { ...partial, verdict, reasons, regression, effectSize };
}

export function equivalenceOf(g: number): BaselineEquivalence {
  const size = Math.abs(g);
  return size <= 0.05 ? "satisfied" : size <= 0.25 ? "requiresAdjustment" : "notSatisfied";
}

/**
 * The pooled standard deviation of the outcome score within served/comparison group and
 * grade, over every student with both scores (before matching): sqrt(sum over cells of
 * (n - 1) s^2 / (N - cells)). Within grade because vertically scaled scores (MAP RIT,
 * i-Ready) spread across grades by more than the spread an effect size should be measured
 * against; before matching because matching trims the tails of both groups and a trimmed
 * SD would inflate g by an amount that depends on the band width.
 */
function pooledWithinGradeSd(students: readonly EvidenceStudent[]): number {
  const grades = new CategoryIndex();
  // Per cell (grade * 2 + served): count, mean and sum of squared deviations (Welford).
  const cells: { n: number; mean: number; m2: number }[] = [];
  for (const s of students) {
    if (s.baseline === null || s.outcome === null) continue;
    const key = grades.indexOf(s.grade) * 2 + (s.served ? 1 : 0);
    let c = cells[key];
    if (c === undefined) cells[key] = c = { n: 0, mean: 0, m2: 0 };
    c.n++;
    const delta = s.outcome.score - c.mean;
    c.mean += delta / c.n;
    c.m2 += delta * (s.outcome.score - c.mean);
  }
  let ss = 0;
  let df = 0;
  for (const c of cells) {
    if (c === undefined || c.n < 2) continue;
    ss += c.m2;
    df += c.n - 1;
  }
  return df > 0 ? Math.sqrt(ss / df) : Number.NaN;
}
