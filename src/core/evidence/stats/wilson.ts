/**
 * Intervals for rates (shares of students meeting a metric).
 *
 * - `wilsonInterval`: the Wilson score interval (E. B. Wilson, "Probable inference, the
 *   law of succession, and statistical inference", JASA 22 (1927) 209-212):
 *   (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n). Unlike the Wald interval it
 *   stays inside [0, 1] and keeps close to its nominal coverage at 0% and 100% rates.
 * - `rateDifferenceInterval`: Newcombe's hybrid score interval for p1 - p2 (R. G.
 *   Newcombe, "Interval estimation for the difference between independent proportions",
 *   Statistics in Medicine 17 (1998) 873-890, method 10), built from the two Wilson
 *   intervals: (d - sqrt((p1-l1)^2 + (u2-p2)^2), d + sqrt((u1-p1)^2 + (p2-l2)^2)).
 */
import { Z_975 } from "./quantiles.js";

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export function wilsonInterval(successes: number, n: number, z: number = Z_975): Interval {
  if (n <= 0) return { low: Number.NaN, high: Number.NaN };
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  // At 0 (or n) successes the bound is exactly 0 (or 1); floating point would leave 1e-17.
  return {
    low: successes === 0 ? 0 : Math.max(0, (centre - spread) / scale),
    high: successes === n ? 1 : Math.min(1, (centre + spread) / scale),
  };
}

export function rateDifferenceInterval(
  successes1: number,
  n1: number,
  successes2: number,
  n2: number,
  z: number = Z_975,
): Interval & { readonly difference: number } {
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const a = wilsonInterval(successes1, n1, z);
  const b = wilsonInterval(successes2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}
