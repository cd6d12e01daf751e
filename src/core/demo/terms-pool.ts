/**
 * Archetypes whose outcomes share a pool: weights, target and minimum rates, pools given
 * as a percent of the price or as an amount.
 */
import type { Archetype } from "./contracts.js";
import { normMean } from "./norms.js";
import { sixtyFortyBase, sixtyFortyOutcomes } from "./model-outcomes.js";
import {
  type ArchetypeInput,
  type ArchetypeTerms,
  atLeast,
  enroll,
  manual,
  serve,
  step,
  thousands,
  usd,
} from "./terms-helpers.js";

function readingPool({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  return {
    threshold: { minSessions: 10, minMinutes: 300 },
    base: sixtyFortyBase(),
    outcomes: sixtyFortyOutcomes(),
    obligations: [
      serve(atLeast(0.75, expected), { reduceOutcomePercent: "15" }),
      manual("rooms", "district", "Provide a quiet room at each school", "none"),
    ],
    maxValueDollars: thousands(expected * step(rng, 1100, 1600, 50)),
  };
}

function schoolPool({ spec, expected, rng }: ArchetypeInput): ArchetypeTerms {
  const maxValue = thousands(expected * step(rng, 1200, 1800, 50));
  const middle = spec.grades[1] ?? 4;
  const cut = String(Math.floor(normMean(0, middle, 1)));
  return {
    threshold: { minSessions: 20 },
    base: { kind: "share", percent: "50" },
    outcomes: {
      kind: "pool",
      pool: { amount: usd(maxValue / 2) },
      metrics: [
        {
          id: "on-track",
          label: `Scored ${cut} or more in spring`,
          kind: "proficiency",
          window: "spring",
          minScore: cut,
          weight: "2",
          minRate: "0.1",
        },
        {
          id: "growth4",
          label: "Grew 4 points",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { points: "4" },
          weight: "1",
          targetRate: "0.7",
          minRate: "0.25",
        },
      ],
    },
    obligations: [
      enroll(atLeast(0.9, expected), "none"),
      serve(atLeast(0.7, expected), { reduceOutcomePercent: "20" }),
    ],
    maxValueDollars: maxValue,
  };
}

function hsAlgebra({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  return {
    threshold: { minSessions: 10 },
    base: { kind: "share", percent: "70", prorate: true },
    outcomes: {
      kind: "pool",
      pool: { percent: "30" },
      denominator: "enrolled",
      missingOutcome: "notMet",
      metrics: [
        {
          id: "growth4",
          label: "Grew 4 points",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { points: "4" },
          weight: "1",
        },
        {
          id: "level2",
          label: "Reached level 2",
          kind: "proficiency",
          window: "spring",
          minLevel: 2,
          weight: "1",
          targetRate: "0.5",
        },
      ],
    },
    obligations: [
      serve(atLeast(0.8, expected), "none"),
      manual("schedule", "district", "Schedule tutoring within the school day", "payFull"),
    ],
    maxValueDollars: thousands(expected * step(rng, 1000, 1400, 50)),
  };
}

export const POOL_ARCHETYPES: Record<
  Extract<Archetype, "reading-pool" | "school-pool" | "hs-algebra">,
  (input: ArchetypeInput) => ArchetypeTerms
> = {
  "reading-pool": readingPool,
  "school-pool": schoolPool,
  "hs-algebra": hsAlgebra,
};
