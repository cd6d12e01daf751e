import { describe, expect, it } from "vitest";
import { hedgesG, pooledStandardDeviation, smallSampleCorrection } from "./hedges-g.js";
import { rateDifferenceInterval, wilsonInterval } from "./wilson.js";
import { tQuantile975 } from "./quantiles.js";
import { mean, median, sampleVariance } from "./summary.js";

describe("Hedges' g", () => {
  /*
   * Hand example, Hedges (1981) / WWC Handbook 5.0 formula:
   *   group 1: n = 10, mean 105, SD 10; group 2: n = 12, mean 100, SD 12
   *   S = sqrt((9 * 100 + 11 * 144) / 20) = sqrt(124.2) = 11.144505
   *   d = 5 / S = 0.448652; omega = 1 - 3 / (4 * 22 - 9) = 1 - 3/79 = 0.962025
   *   g = omega * d = 0.431614
   */
  it("applies the small-sample correction to the standardized difference", () => {
    expect(pooledStandardDeviation(10, 10, 12, 12)).toBeCloseTo(11.144505372604026, 12);
    expect(smallSampleCorrection(10, 12)).toBeCloseTo(76 / 79, 14);
    expect(hedgesG(5, 10, 10, 12, 12)).toBeCloseTo(0.43161418308460525, 12);
  });

  it("is close to Cohen's d for large groups", () => {
    expect(hedgesG(5, 10, 5000, 10, 5000)).toBeCloseTo(0.5 * (1 - 3 / 39991), 12);
  });
});

describe("rate intervals", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I: 81/263.
  it("gives Newcombe's published Wilson interval for 81 of 263", () => {
    const ci = wilsonInterval(81, 263);
    expect(ci.low).toBeCloseTo(0.2553, 4);
    expect(ci.high).toBeCloseTo(0.3662, 4);
  });

  it("stays inside [0, 1] at 0 and n successes", () => {
    expect(wilsonInterval(0, 12).low).toBe(0);
    expect(wilsonInterval(12, 12).high).toBe(1);
    expect(wilsonInterval(0, 12).high).toBeGreaterThan(0.2);
  });

  // Newcombe (1998), "Interval estimation for the difference between independent proportions", example (a): 56/70 - 48/80, method 10.
  it("gives Newcombe's published hybrid score interval for 56/70 minus 48/80", () => {
    const d = rateDifferenceInterval(56, 70, 48, 80);
    expect(d.difference).toBeCloseTo(0.2, 12);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });
});

describe("t quantiles and summaries", () => {
  it("matches tabulated 0.975 quantiles of Student's t", () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(10)).toBeCloseTo(2.228139, 4);
    expect(tQuantile975(30)).toBeCloseTo(2.042272, 5);
    expect(tQuantile975(120)).toBeCloseTo(1.97993, 6);
    expect(tQuantile975(Infinity)).toBeCloseTo(1.959964, 6);
  });

  it("computes mean, sample variance and median", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
