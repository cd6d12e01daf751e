/**
 * Archetypes whose outcomes pay per student: flat amounts, tiers with a decline
 * deduction, subgroup amounts, metric and outcome caps.
 */
import type { Archetype } from "./contracts.js";
import { projectedGrowth, reachedLevel3 } from "./model-outcomes.js";
import {
  type ArchetypeInput,
  type ArchetypeTerms,
  atLeast,
  enroll,
  fromRow,
  manual,
  step,
  thousands,
  usd,
} from "./terms-helpers.js";

function mathTutoring({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  const [base, growth, proficient] = [
    step(rng, 600, 900, 10),
    step(rng, 400, 600, 25),
    step(rng, 200, 300, 25),
  ];
  return {
    threshold: { minSessions: 15 },
    base: { kind: "perStudent", amount: usd(base), per: "served" },
    outcomes: {
      kind: "perStudent",
      metrics: [
        projectedGrowth({ amount: usd(growth) }),
        reachedLevel3("Reached level 3", { amount: usd(proficient) }),
      ],
    },
    obligations: [
      enroll(atLeast(0.9, expected), "payFull"),
      manual("same-tutor", "vendor", "Keep each student with one tutor", { reduceOutcomePercent: "10" }),
    ],
    maxValueDollars: thousands(expected * (base + growth + proficient)),
  };
}

function mathStages({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  const fixed = thousands(expected * 500);
  const cap = thousands(expected * step(rng, 600, 800, 50));
  return {
    threshold: { minSessions: 12 },
    maxRapidGuessPercent: "30",
    base: { kind: "fixed", amount: usd(fixed) },
    outcomes: {
      kind: "perStudent",
      cap: usd(cap),
      metrics: [
        {
          id: "progress",
          label: "Progress toward projected growth",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { fromRow: true, percent: "100", prorateWeeks: 30 },
          tiers: [
            { atLeast: "50", amount: "200.00" },
            { atLeast: "100", amount: "450.00" },
            { atLeast: "150", amount: "700.00" },
          ],
          decline: "100.00",
        },
      ],
    },
    maxValueDollars: fixed + cap,
  };
}

function mathEdtech({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  const base = step(rng, 45, 90, 5);
  return {
    base: { kind: "perStudent", amount: usd(base), per: "enrolled" },
    outcomes: {
      kind: "perStudent",
      denominator: "enrolled",
      metrics: [
        {
          id: "usage",
          label: "Used the program 20 days and 600 minutes",
          kind: "dosage",
          minSessions: 20,
          minMinutes: 600,
          amount: "40.00",
          amountBySubgroup: { economicallyDisadvantaged: "50.00" },
          cap: usd(thousands(expected * 30)),
        },
        {
          id: "growth5",
          label: "Grew 5 points",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { points: "5" },
          amount: "60.00",
          amountBySubgroup: { englishLearner: "80.00", specialEducation: "75.00" },
        },
      ],
    },
    obligations: [manual("devices", "district", "Provide a device for every enrolled student", "payFull")],
    maxValueDollars: thousands(expected * (base + 130)),
  };
}

function midyearMath({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  const base = step(rng, 500, 700, 10);
  return {
    threshold: { minSessions: 15, minMinutes: 450 },
    base: { kind: "perStudent", amount: usd(base), per: "served" },
    outcomes: {
      kind: "perStudent",
      cap: usd(thousands(expected * 600)),
      metrics: [
        {
          id: "midyear",
          label: "Grew 3 points by winter",
          kind: "growth",
          from: "fall",
          to: "winter",
          target: { points: "3" },
          amount: "150.00",
        },
        {
          id: "stretch",
          label: "Met 150% of projected growth",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { fromRow: true, percent: "150" },
          amount: "500.00",
        },
        {
          id: "same-tutor",
          label: "Same tutor for 80% of sessions",
          kind: "consistency",
          minShare: "0.8",
          amount: "100.00",
        },
      ],
    },
    obligations: [enroll(atLeast(0.85, expected), "payFull")],
    maxValueDollars: thousands(expected * (base + 750)),
  };
}

function readingSupport({ expected, rng }: ArchetypeInput): ArchetypeTerms {
  const base = step(rng, 400, 600, 10);
  return {
    threshold: { minSessions: 12 },
    maxRapidGuessPercent: "35",
    base: { kind: "perStudent", amount: usd(base), per: "enrolled" },
    outcomes: {
      kind: "perStudent",
      metrics: [
        {
          id: "growth",
          label: "Met projected growth",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: fromRow(),
          amount: "400.00",
          amountBySubgroup: {
            specialEducation: "600.00",
            englishLearner: "550.00",
            economicallyDisadvantaged: "450.00",
          },
          cap: usd(thousands(expected * 300)),
        },
        {
          id: "dosage",
          label: "Attended 24 sessions",
          kind: "dosage",
          minSessions: 24,
          amount: "100.00",
          cap: usd(thousands(expected * 60)),
        },
      ],
    },
    obligations: [manual("reports", "vendor", "Send monthly progress reports to each school", "none")],
    maxValueDollars: thousands(expected * (base + 700)),
  };
}

export const PER_STUDENT_ARCHETYPES: Record<
  Extract<Archetype, "math-tutoring" | "math-stages" | "math-edtech" | "midyear-math" | "reading-support">,
  (input: ArchetypeInput) => ArchetypeTerms
> = {
  "math-tutoring": mathTutoring,
  "math-stages": mathStages,
  "math-edtech": mathEdtech,
  "midyear-math": midyearMath,
  "reading-support": readingSupport,
};
