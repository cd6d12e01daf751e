/**
 * Simulation study of `estimateImpact`: 100 seeded districts (test/evidence/synthetic.ts)
 * of 1,200 students in grades 3-8, service going 2.5 times as often to students below the
 * mean (so served students start lower and, in this model, grow more without any
 * service), a planted effect of 0.20 SD on the outcome and 5% attrition. The 95%
 * interval of Hedges' g must cover 0.20 in at least 90 of the 100 districts, and the
 * mean estimate must lie within 0.02 of 0.20.
 */
import { describe, expect, it } from "vitest";
import { estimateImpact } from "../../src/core/evidence/impact.js";
import { syntheticInput } from "./synthetic.js";

const PLANTED = 0.2;

describe("estimateImpact on simulated districts", () => {
  it("covers a planted 0.20 SD effect in at least 90 of 100 districts, mean within 0.02", () => {
    let covered = 0;
    let sum = 0;
    let naiveSum = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const input = syntheticInput({ students: 1200, seed, effect: PLANTED });
      const r = estimateImpact(input);
      expect(r.verdict).not.toBe("cannotConclude");
      const g = r.effectSize;
      if (g === null) throw new Error(`seed ${seed}: no effect size`);
      if (g.ci.low <= PLANTED && PLANTED <= g.ci.high) covered++;
      sum += g.hedgesG;
      // The unmatched, unadjusted difference in growth, for contrast.
      const growth = (served: boolean) => {
        const list = input.students.filter((s) => s.served === served && s.baseline && s.outcome);
        return list.reduce((t, s) => t + (s.outcome?.score ?? 0) - (s.baseline?.score ?? 0), 0) / list.length;
      };
      naiveSum += (growth(true) - growth(false)) / g.pooledSd;
    }
    expect(covered).toBeGreaterThanOrEqual(90);
    expect(Math.abs(sum / 100 - PLANTED)).toBeLessThanOrEqual(0.02);
    // Without matching and adjustment the selection on baseline shows as extra "effect".
    expect(naiveSum / 100 - PLANTED).toBeGreaterThan(0.05);
  });

  it("finds no effect where none was planted, in at least 90 of 100 districts", () => {
    let quiet = 0;
    for (let seed = 101; seed <= 200; seed++) {
      const r = estimateImpact(syntheticInput({ students: 1200, seed, effect: 0 }));
      if (r.verdict === "noDetectableEffect") quiet++;
    }
    expect(quiet).toBeGreaterThanOrEqual(90);
  });
});
