/**
 * The analysis sample of an impact estimate: attrition over the baseline sample, then
 * coarsened exact matching (Iacus, King and Porro, "Causal inference without balance
 * checking: coarsened exact matching", Political Analysis 20 (2012) 1-24) on exact grade
 * and a band of the baseline score.
 *
 * Bands: within each grade, the baseline scores of the students with both scores are cut
 * into bands `bandWidthSd` standard deviations wide, counted from the grade's mean. A
 * stratum (grade, band) with at least one served and one comparison student is matched;
 * the others are dropped and counted as unmatched. Matched comparison students are
 * weighted `(served in stratum / comparison in stratum) * (comparison matched / served
 * matched)`, so that the weighted comparison group has the served group's distribution
 * over strata (the estimate is the effect on the served students) and its weights sum to
 * its head count.
 */
import type { EvidenceStudent } from "./evidence-input.js";
import { CategoryIndex } from "./stats/category-index.js";

export interface AttritionFigures {
  /** Students with a baseline score (the sample at baseline). */
  readonly baselineServed: number;
  readonly baselineComparison: number;
  /** Of those, the share without an outcome score (NaN when there are none). */
  readonly servedRate: number;
  readonly comparisonRate: number;
  readonly overallRate: number;
  /** |servedRate - comparisonRate|. */
  readonly differentialRate: number;
}

export interface MatchedStudent {
  readonly student: EvidenceStudent;
  readonly baseline: number;
  readonly outcome: number;
  readonly growth: number;
  readonly weight: number;
}

export interface MatchedSample {
  readonly attrition: AttritionFigures;
  readonly servedTotal: number;
  readonly servedMissingBaseline: number;
  readonly servedMissingOutcome: number;
  readonly servedMatched: number;
  readonly servedUnmatched: number;
  readonly comparisonTotal: number;
  readonly comparisonMatched: number;
  readonly comparisonUnmatched: number;
  readonly strata: number;
  /** Served first, then comparison. */
  readonly students: readonly MatchedStudent[];
}

export function matchSample(students: readonly EvidenceStudent[], bandWidthSd: number): MatchedSample {
  let baselineServed = 0;
  let baselineComparison = 0;
  let lostServed = 0;
  let lostComparison = 0;
  let servedTotal = 0;
  let servedMissingBaseline = 0;
  const complete: EvidenceStudent[] = [];
  for (const s of students) {
    if (s.served) servedTotal++;
    if (s.baseline === null) {
      if (s.served) servedMissingBaseline++;
      continue;
    }
    if (s.served) baselineServed++;
    else baselineComparison++;
    if (s.outcome === null) {
      if (s.served) lostServed++;
      else lostComparison++;
      continue;
    }
    complete.push(s);
  }
  const rate = (lost: number, of: number): number => (of === 0 ? Number.NaN : lost / of);
  const attrition: AttritionFigures = {
    baselineServed,
    baselineComparison,
    servedRate: rate(lostServed, baselineServed),
    comparisonRate: rate(lostComparison, baselineComparison),
    overallRate: rate(lostServed + lostComparison, baselineServed + baselineComparison),
    differentialRate: Math.abs(rate(lostServed, baselineServed) - rate(lostComparison, baselineComparison)),
  };

  const stratum = strataByGradeBand(complete, bandWidthSd);
  const counts = new Map<number, { served: number; comparison: number }>();
  complete.forEach((s, i) => {
    const key = stratum[i] as number;
    let c = counts.get(key);
    if (c === undefined) counts.set(key, (c = { served: 0, comparison: 0 }));
    if (s.served) c.served++;
    else c.comparison++;
  });
  let servedMatched = 0;
  let comparisonMatched = 0;
  let strata = 0;
  for (const c of counts.values()) {
    if (c.served === 0 || c.comparison === 0) continue;
    strata++;
    servedMatched += c.served;
    comparisonMatched += c.comparison;
  }
  const served: MatchedStudent[] = [];
  const comparison: MatchedStudent[] = [];
  complete.forEach((s, i) => {
    const c = counts.get(stratum[i] as number) as { served: number; comparison: number };
    if (c.served === 0 || c.comparison === 0) return;
    const baseline = (s.baseline as { score: number }).score;
    const outcome = (s.outcome as { score: number }).score;
    const weight = s.served ? 1 : ((c.served / c.comparison) * comparisonMatched) / servedMatched;
    (s.served ? served : comparison).push({
      student: s,
      baseline,
      outcome,
      growth: outcome - baseline,
      weight,
    });
  });
  const comparisonTotal = students.length - servedTotal;
  return {
    attrition,
    servedTotal,
    servedMissingBaseline,
    servedMissingOutcome: lostServed,
    servedMatched,
    servedUnmatched: servedTotal - servedMatched,
    comparisonTotal,
    comparisonMatched,
    comparisonUnmatched: comparisonTotal - comparisonMatched,
    strata,
    students: [...served, ...comparison],
  };
}

/** Stratum number (grade and baseline band) of each student, who all have a baseline score. */
function strataByGradeBand(students: readonly EvidenceStudent[], bandWidthSd: number): Int32Array {
  const grades = new CategoryIndex();
  const gradeOf = new Int32Array(students.length);
  // Per grade: count, mean and sum of squared deviations (Welford), then the band width.
  const stats: { n: number; mean: number; m2: number; width: number }[] = [];
  students.forEach((s, i) => {
    const score = (s.baseline as { score: number }).score;
    const g = grades.indexOf(s.grade);
    gradeOf[i] = g;
    const st = (stats[g] ??= { n: 0, mean: 0, m2: 0, width: 0 });
    st.n++;
    const delta = score - st.mean;
    st.mean += delta / st.n;
    st.m2 += delta * (score - st.mean);
  });
  for (const st of stats) st.width = st.n > 1 ? bandWidthSd * Math.sqrt(st.m2 / (st.n - 1)) : 0;
  // Bands are counted from the grade mean; 2^20 bands a grade is far more than any score range needs.
  const out = new Int32Array(students.length);
  students.forEach((s, i) => {
    const g = gradeOf[i] as number;
    const st = stats[g] as { mean: number; width: number };
    const score = (s.baseline as { score: number }).score;
    const band = st.width > 0 ? Math.floor((score - st.mean) / st.width) : 0;
    out[i] = g * 1048576 + Math.max(-524288, Math.min(524287, band)) + 524288;
  });
  return out;
}
