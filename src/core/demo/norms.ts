/**
 * Score scales for synthetic MAP Growth results. The means are close to the published
 * NWEA fall norms (RIT points, grades K-12), so scores look right to anyone who has seen a
 * MAP report; none of this is real data.
 */
export const SUBJECTS = ["math", "reading"] as const;
export type Subject = 0 | 1;

/** Fall mean scale score by subject, then grade index (0 = K). */
const FALL_MEAN: readonly (readonly number[])[] = [
  [140, 160, 175, 188, 199, 208, 214, 219, 224, 226, 230, 232, 233],
  [137, 156, 172, 187, 197, 205, 210, 214, 219, 219, 221, 223, 224],
];

/**
 * Typical fall-to-spring growth (the MAP "projected growth"): larger in the early grades.
 * Kept within the 4-12 points a reader expects of a `growth_target`.
 */
const TYPICAL_GROWTH: readonly (readonly number[])[] = [
  [12, 12, 11, 10, 9, 8, 7, 6, 5.5, 5, 4.5, 4, 4],
  [12, 11, 10, 8.5, 7, 6, 5, 4.5, 4, 4, 4, 4, 4],
];

/** Spread of scores within one grade. */
export const SCORE_SD = 14;

export function fallMean(subject: Subject, grade: number): number {
  return FALL_MEAN[subject]?.[grade] ?? 200;
}

export function typicalGrowth(subject: Subject, grade: number): number {
  return TYPICAL_GROWTH[subject]?.[grade] ?? 5;
}

/** Norm mean at a point of the school year: `yearFraction` 0 in fall, 0.5 in winter, 1 in spring. */
export function normMean(subject: Subject, grade: number, yearFraction: number): number {
  return fallMean(subject, grade) + yearFraction * typicalGrowth(subject, grade);
}

/** Standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** National percentile rank 1..99 of a score against the grade's norm at that point of the year. */
export function percentileOf(score: number, subject: Subject, grade: number, yearFraction: number): number {
  const z = (score - normMean(subject, grade, yearFraction)) / SCORE_SD;
  const p = Math.floor(normalCdf(z) * 100);
  return p < 1 ? 1 : p > 99 ? 99 : p;
}

/**
 * Achievement level 1..5 from the score's standing in its grade: cuts at the 20th, 40th,
 * 60th and 80th percentiles, so level 3 and up is "at or above the norm's middle".
 */
export function levelOf(score: number, subject: Subject, grade: number, yearFraction: number): number {
  const z = (score - normMean(subject, grade, yearFraction)) / SCORE_SD;
  return z < -0.8416 ? 1 : z < -0.2533 ? 2 : z < 0.2533 ? 3 : z < 0.8416 ? 4 : 5;
}
