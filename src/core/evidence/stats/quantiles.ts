/**
 * The two critical values the evidence layer needs for its 95% intervals.
 */

/** The standard normal 0.975 quantile. */
export const Z_975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom, by the Cornish-Fisher
 * expansion of Abramowitz and Stegun, Handbook of Mathematical Functions, 26.7.5 (four
 * terms in 1/df). Exact values for df = 1 and 2; for df >= 3 the error is below 2e-3
 * (df = 3), 1e-4 (df = 10) and 1e-6 (df >= 30), far inside what a 95% interval on
 * school data can resolve.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  if (!Number.isFinite(df)) return Z_975;
  if (df === 1) return 12.706204736174707;
  if (df === 2) return 4.302652729749464;
  const z = Z_975;
  const z2 = z * z;
  const g1 = (z2 * z + z) / 4;
  const g2 = (5 * z2 * z2 * z + 16 * z2 * z + 3 * z) / 96;
  const g3 = (3 * z2 * z2 * z2 * z + 19 * z2 * z2 * z + 17 * z2 * z - 15 * z) / 384;
  const g4 = (79 * z2 ** 4 * z + 776 * z2 ** 3 * z + 1482 * z2 ** 2 * z - 1920 * z2 * z - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
